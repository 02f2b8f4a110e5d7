// Lineage (the task a task was made from, the button pressed) in the store, the stored document
// and the family view of the tree.
import * as assert from 'assert/strict';
import { newTrackedTask } from '../../src/core/blankTask';
import { JsonMemoryStorage } from '../../src/core/memoryStorage';
import { decodeDocument, DocumentEncoder } from '../../src/core/storeCodec';
import { buildFamilyView, childrenOf } from '../../src/core/taskFamily';
import { TaskStore } from '../../src/core/taskStore';
import { buildTaskView, NO_FILTER, parseFilter } from '../../src/core/taskView';
import { parentOf, TrackedTask } from '../../src/core/trackedTask';
import { makeTask } from './taskFixture';
import { STORED_DOCUMENT_JSON } from './storedDocumentFixture';

const U2 = 'MJ::JOB::upsample::2::3f1c';

function tracked(id: string, at: number, extra: Partial<TrackedTask> = {}): TrackedTask {
  return { ...newTrackedTask(id, 'P', at), task: makeTask(id, 'SUCCESS', { submitTime: at }), ...extra };
}

function decode(raw: unknown): { tasks: Map<string, TrackedTask> | null; logs: string[] } {
  const logs: string[] = [];
  return { tasks: decodeDocument(raw, (m) => logs.push(m)), logs };
}

describe('lineage', () => {
  it('is stored only when known: a document without it is byte for byte what it was', () => {
    const plain = decode(JSON.parse(STORED_DOCUMENT_JSON)).tasks!;
    assert.equal(JSON.stringify(new DocumentEncoder().encode(plain)), STORED_DOCUMENT_JSON);
    for (const t of plain.values()) {
      assert.equal(t.parentId, null);
      assert.equal(t.originCustomId, null);
    }
  });

  it('survives a restart: encoded, through JSON, and decoded', () => {
    const child = tracked('2', 2, { parentId: '1', originCustomId: U2 });
    const doc = JSON.parse(JSON.stringify(new DocumentEncoder().encode(new Map([['2', child]]))));
    assert.equal(doc.tasks[0].parentId, '1');
    assert.equal(doc.tasks[0].originCustomId, U2);
    assert.deepEqual(decode(doc).tasks!.get('2'), child);
  });

  it('a damaged lineage is dropped, the entry kept, and the damage logged', () => {
    const { tasks, logs } = decode({ version: 1, tasks: [{ id: '2', provider: 'P', addedAt: 1, lastChangedAt: 1, parentId: 42, originCustomId: '' }] });
    assert.equal(tasks!.get('2')!.parentId, null);
    assert.equal(tasks!.get('2')!.originCustomId, null);
    assert.match(logs.join('\n'), /lineage of task 2 is damaged/);
  });

  it('the store tracks a child with its lineage; tracking it again changes nothing', () => {
    const store = new TaskStore(new JsonMemoryStorage());
    store.add(['2'], 'P', { parentId: '1', originCustomId: U2 });
    store.add(['2'], 'P');
    assert.equal(store.get('2')!.parentId, '1');
    assert.equal(store.get('2')!.originCustomId, U2);
    store.dispose();
  });

  it('the parent is the lineage, else what the server says (trueai parentId)', () => {
    assert.equal(parentOf(tracked('2', 2, { parentId: '1' })), '1');
    assert.equal(parentOf(tracked('2', 2, { task: makeTask('2', 'SUCCESS', { parentId: '9' }) })), '9');
    assert.equal(parentOf(tracked('2', 2)), null);
  });
});

describe('family view', () => {
  // grid 1 → U2 (2) → its variation (3) → its upscale (4); 5 stands alone; 6 claims a missing parent.
  const tasks = [
    tracked('1', 1),
    tracked('2', 2, { parentId: '1', originCustomId: U2 }),
    tracked('3', 3, { task: makeTask('3', 'IN_PROGRESS', { submitTime: 3, parentId: '2' }) }),
    tracked('4', 4, { parentId: '3' }),
    tracked('5', 5),
    tracked('6', 6, { parentId: 'gone' }),
  ];
  const get = (id: string) => tasks.find((t) => t.id === id);

  it('nests as deep as it goes, newest first at each level; orphans stand at the top', () => {
    const family = buildFamilyView(buildTaskView(tasks, 'none', NO_FILTER), get);
    assert.deepEqual(family.groups[0].roots, ['6', '5', '1']);
    assert.deepEqual(family.children.get('1'), ['2']);
    assert.deepEqual(family.children.get('2'), ['3']);
    assert.deepEqual(family.children.get('3'), ['4']);
    assert.equal(family.parents.get('4'), '3');
  });

  it('grouping keeps working: a child in another status group stands at the top of its own', () => {
    const family = buildFamilyView(buildTaskView(tasks, 'status', NO_FILTER), get);
    const running = family.groups.find((g) => g.key === 'running')!;
    assert.deepEqual(running.roots, ['3']);
    const done = family.groups.find((g) => g.key === 'succeeded')!;
    assert.deepEqual(done.roots, ['6', '5', '4', '1']);
    assert.deepEqual(family.children.get('1'), ['2']);
    assert.equal(family.children.get('2'), undefined);
  });

  it('filtering keeps working: a child whose parent is filtered out stands at the top', () => {
    const family = buildFamilyView(buildTaskView(tasks, 'none', parseFilter('status:running')), get);
    assert.deepEqual(family.groups[0].roots, ['3']);
    assert.equal(family.children.size, 0);
  });

  it('a loop the server claims (a → b → a) shows both tasks instead of losing them', () => {
    const loop = [tracked('a', 1, { parentId: 'b' }), tracked('b', 2, { parentId: 'a' })];
    const family = buildFamilyView(buildTaskView(loop, 'none', NO_FILTER), (id) => loop.find((t) => t.id === id));
    const shown = [...family.groups[0].roots, ...[...family.children.values()].flat()];
    assert.deepEqual(shown.sort(), ['a', 'b']);
    assert.equal(family.groups[0].roots.length, 1);
  });

  it('a task claiming itself as parent stands at the top', () => {
    const self = [tracked('a', 1, { parentId: 'a' })];
    assert.deepEqual(buildFamilyView(buildTaskView(self, 'none', NO_FILTER), () => self[0]).groups[0].roots, ['a']);
  });

  it('childrenOf lists the tasks made from one, newest first', () => {
    assert.deepEqual(childrenOf('1', tasks).map((t) => t.id), ['2']);
    assert.deepEqual(childrenOf('2', tasks).map((t) => t.id), ['3']);
    assert.deepEqual(childrenOf('5', tasks), []);
  });
});
