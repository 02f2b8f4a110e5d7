import * as assert from 'assert/strict';
import { decodeDocument, DocumentEncoder, TASK_STORE_KEY, TASK_STORE_VERSION } from '../../src/core/storeCodec';
import { TrackedTask } from '../../src/core/trackedTask';
import { failing, finished, STORED_DOCUMENT_JSON } from './storedDocumentFixture';

function byId(...tasks: TrackedTask[]): Map<string, TrackedTask> {
  return new Map(tasks.map((t) => [t.id, t]));
}

function decode(raw: unknown): { tasks: Map<string, TrackedTask> | null; logs: string[] } {
  const logs: string[] = [];
  return { tasks: decodeDocument(raw, (m) => logs.push(m)), logs };
}

describe('storeCodec', () => {
  it('keeps the stored format: key, version and the compact entry layout', () => {
    assert.equal(TASK_STORE_KEY, 'mjTasks.trackedTasks');
    assert.equal(TASK_STORE_VERSION, 1);
    const doc = new DocumentEncoder().encode(byId(finished, failing));
    assert.equal(JSON.stringify(doc), STORED_DOCUMENT_JSON);
  });

  it('round-trips every field, through JSON too', () => {
    const doc = new DocumentEncoder().encode(byId(finished, failing));
    assert.deepEqual(decode(doc).tasks, byId(finished, failing));
    assert.deepEqual(decode(JSON.parse(JSON.stringify(doc))).tasks, byId(finished, failing));
  });

  it('reuses the encoded form of an unchanged task', () => {
    const encoder = new DocumentEncoder();
    const first = encoder.encode(byId(finished, failing));
    const moved = { ...failing, stuck: false };
    const second = encoder.encode(byId(finished, moved));
    assert.equal(second.tasks[0], first.tasks[0]);
    assert.notEqual(second.tasks[1], first.tasks[1]);
    assert.equal(second.tasks[1].stuck, undefined);
  });

  it('reads nothing stored as an empty list, silently', () => {
    for (const raw of [undefined, null]) {
      const { tasks, logs } = decode(raw);
      assert.deepEqual(tasks, new Map());
      assert.deepEqual(logs, []);
    }
  });

  it('refuses a document of another version or shape with one log line', () => {
    for (const raw of ['garbage', 42, [1, 2], { version: 2, tasks: [] }, { version: 1, tasks: { a: 1 } }]) {
      const { tasks, logs } = decode(raw);
      assert.equal(tasks, null, JSON.stringify(raw));
      assert.equal(logs.length, 1);
      assert.match(logs[0], /unreadable/);
    }
    assert.match(decode({ version: 2, tasks: [] }).logs[0], /version 2 is not 1/);
  });

  it('fills left-out keys with their defaults and derives terminal', () => {
    const { tasks } = decode({ version: 1, tasks: [{ id: 'a', provider: 'p', addedAt: 1, task: { id: 'a', status: 'CANCEL' } }] });
    const a = tasks!.get('a')!;
    assert.equal(a.lastChangedAt, 1);
    assert.equal(a.lastCheckedAt, null, 'no time of check without a state');
    assert.equal(a.stuck, false);
    assert.equal(a.task!.terminal, true);
    assert.equal(a.task!.action, '');
    assert.equal(a.task!.progress, null);
    assert.deepEqual(a.task!.videoUrls, []);
  });

  it('caps the damage lines and says how many more there were', () => {
    const { tasks, logs } = decode({ version: 1, tasks: Array.from({ length: 25 }, () => 'junk') });
    assert.deepEqual(tasks, new Map());
    assert.equal(logs.length, 11);
    assert.match(logs[10], /and 15 more damaged stored entries/);
  });
});
