import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentEncoder, TASK_STORE_KEY } from '../../src/core/storeCodec';
import { openTaskFiles } from '../../src/core/taskFilesOpen';
import { TrackedTask } from '../../src/core/trackedTask';
import { failing, finished, STORED_DOCUMENT_JSON } from './storedDocumentFixture';
import { fileStore, listing, tempFolder } from './taskFilesHarness';
import { makeTask } from './taskFixture';
import { MemoryStorage } from './taskStoreHarness';

/** globalState as an earlier version left it: the task list under the old key, next to the view state. */
function oldGlobalState(doc: unknown = JSON.parse(STORED_DOCUMENT_JSON)): MemoryStorage {
  const state = new MemoryStorage();
  state.values.set(TASK_STORE_KEY, doc);
  state.values.set('mjTasks.view.groupBy', 'status');
  return state;
}

async function open(folder: string, state: MemoryStorage, logs: string[] = []) {
  const files = await openTaskFiles(folder, state, (m) => logs.push(m));
  return fileStore(folder, {}, Date.now, files);
}

describe('TaskFiles: the move out of globalState', () => {
  it('moves every entry of an old document into the files, then clears the key', async () => {
    const folder = tempFolder();
    const state = oldGlobalState();
    const logs: string[] = [];
    const a = await open(folder, state, logs);
    assert.deepEqual(a.store.all(), [finished, failing]);
    assert.equal(state.get(TASK_STORE_KEY), undefined);
    assert.deepEqual([...state.values].filter(([, v]) => v !== undefined), [['mjTasks.view.groupBy', 'status']], 'the view state stays');
    assert.ok(logs.some((l) => /moved 2 tracked tasks/.test(l)), logs.join('\n'));
    // What the files hold on their own, without globalState:
    assert.deepEqual(fileStore(folder).store.all(), [finished, failing]);
  });

  it('a second start moves nothing again and duplicates nothing', async () => {
    const folder = tempFolder();
    const state = oldGlobalState();
    await open(folder, state);
    const files = listing(folder);
    const updates = state.updates;
    const again = await open(folder, state);
    assert.deepEqual(listing(folder), files, 'nothing written');
    assert.equal(state.updates, updates, 'globalState not touched');
    assert.deepEqual(again.store.all(), [finished, failing]);
  });

  it('when the key could not be cleared, the next start stores nothing twice and clears it', async () => {
    const folder = tempFolder();
    const state = oldGlobalState();
    state.failNext = true;
    const logs: string[] = [];
    await open(folder, state, logs);
    assert.ok(logs.some((l) => /could not move the task list out of globalState yet \(disk full\)/.test(l)), logs.join('\n'));
    assert.notEqual(state.get(TASK_STORE_KEY), undefined, 'kept until the files hold it and the clear lands');
    const files = listing(folder);

    const again = await open(folder, state);
    assert.deepEqual(listing(folder), files);
    assert.equal(state.get(TASK_STORE_KEY), undefined);
    assert.deepEqual(again.store.all(), [finished, failing]);
  });

  it('a task changed or removed in the files since is not taken back from an uncleared key', async () => {
    const folder = tempFolder();
    const state = oldGlobalState();
    state.failNext = true; // the key stays
    let now = 10_000;
    const a = fileStore(folder, {}, () => now, await openTaskFiles(folder, state, () => undefined));
    a.store.applyResult(finished.id, makeTask(finished.id, 'SUCCESS', { prompt: 'changed since' }));
    a.store.remove([failing.id]);
    await a.store.flush();
    now = 20_000;
    const again = await open(folder, state);
    assert.deepEqual(again.store.all().map((t) => [t.id, t.task?.prompt]), [[finished.id, 'changed since']]);
  });

  it('leaves an unreadable document where it is, untouched', async () => {
    const folder = tempFolder();
    const state = oldGlobalState({ version: 2, tasks: [] });
    const logs: string[] = [];
    const a = await open(folder, state, logs);
    assert.equal(a.store.size, 0);
    assert.deepEqual(state.get(TASK_STORE_KEY), { version: 2, tasks: [] });
    assert.ok(logs.some((l) => /version 2 is not 1/.test(l)));
    assert.ok(logs.some((l) => /left there, untouched/.test(l)));
  });

  it('moves 10 000 tasks in one go, into a snapshot, and keeps globalState small', async () => {
    const folder = tempFolder();
    const tasks = new Map<string, TrackedTask>();
    for (let i = 0; i < 10_000; i++) {
      const id = String(1_730_000_000_000_000 + i);
      tasks.set(id, { ...finished, id, task: makeTask(id, 'SUCCESS', { imageUrl: `https://cdn/${id}.png` }) });
    }
    const state = oldGlobalState(new DocumentEncoder().encode(tasks));
    const a = await open(folder, state);
    assert.equal(a.store.size, 10_000);
    assert.deepEqual(a.store.all(), [...tasks.values()]);
    assert.ok(fs.existsSync(path.join(folder, 'snapshot-1.json')));
    const kept = [...state.values].filter(([, v]) => v !== undefined);
    assert.ok(JSON.stringify(kept).length < 100, JSON.stringify(kept));
    const again = await open(folder, state);
    assert.equal(again.store.size, 10_000);
  });

  it('keeps the list in globalState, as before, where the folder cannot be used', async () => {
    const parent = tempFolder();
    const notAFolder = path.join(parent, 'tasks');
    fs.writeFileSync(notAFolder, 'a file where the folder should be');
    const state = oldGlobalState();
    const logs: string[] = [];
    const a = await open(notAFolder, state, logs);
    assert.ok(logs.some((l) => /stays in globalState/.test(l)), logs.join('\n'));
    assert.deepEqual(a.store.all(), [finished, failing]);
    a.store.add(['new'], 'p');
    await a.store.flush();
    assert.equal((state.get(TASK_STORE_KEY) as { tasks: unknown[] }).tasks.length, 3);
  });
});
