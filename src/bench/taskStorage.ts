import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as v8 from 'v8';
import * as vm from 'vm';
import { JsonMemoryStorage } from '../core/memoryStorage';
import { DocumentEncoder, TASK_STORE_KEY } from '../core/storeCodec';
import { openTaskFiles } from '../core/taskFilesOpen';
import { TaskStore } from '../core/taskStore';
import { sampleTask, sampleTrackedTasks } from './sampleTasks';
import { median, medianOf, timeMs } from './stats';

// The tracked list in the task files, as the extension keeps it, on this machine's disk:
// the move out of globalState, a cold load, one change, a compaction, and the memory it takes.

/** What the extension keeps in globalState besides the list: the tree's grouping (ViewState). */
const VIEW_STATE: Record<string, unknown> = { 'mjTasks.view.groupBy': 'status' };
const PERSIST_RUNS = 50;

export interface StorageFigures {
  /** One changed task written and synced, 10 000 tracked (median). */
  persistOneOf10kMs: number;
  /** Opening the files and building the store, as activation does (median). */
  load10kMs: number;
  /** The write that makes a new snapshot of 10 000: one in every few thousand changes. */
  compact10kMs: number;
  /** Moving 10 000 tasks out of globalState's old document, once. */
  migrate10kMs: number;
  /** What stays in globalState afterwards. */
  globalStateBytes10k: number;
  /** The snapshot of 10 000. */
  snapshotBytes10k: number;
  /** Heap held by a store of 10 000 loaded from the files, after a full collection. */
  heap10kMB: number;
}

export async function measureTaskStorage(n = 10_000): Promise<StorageFigures> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-tasks-bench-'));
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const open = async (state: JsonMemoryStorage) => new TaskStore(await openTaskFiles(folder, state, log), log);
  try {
    const state = new JsonMemoryStorage();
    await state.update(TASK_STORE_KEY, new DocumentEncoder().encode(sampleTrackedTasks(n)));
    for (const [key, value] of Object.entries(VIEW_STATE)) await state.update(key, value);
    const migrate10kMs = await timeMs(async () => (await open(state)).dispose());
    const globalStateBytes10k = state.bytesHeld();
    const snapshotBytes10k = fs.readdirSync(folder).reduce((sum, f) => sum + fs.statSync(path.join(folder, f)).size, 0);

    const load10kMs = await medianOf(5, async () => (await open(state)).dispose());

    const store = await open(state);
    const persistTimes: number[] = [];
    for (let run = 0; run < PERSIST_RUNS; run++) {
      const i = (run * 6 + 4) % n; // an IN_PROGRESS task of the sample list, moving on
      store.applyResult(sampleTask(i).id, sampleTask(i, 41 + run));
      persistTimes.push(await timeMs(() => store.flush()));
    }
    store.dispose();

    const compact10kMs = await timeCompaction(await open(state), n, folder);

    const heap10kMB = await heapHeldBy(() => open(state));
    return { persistOneOf10kMs: median(persistTimes), load10kMs, compact10kMs, migrate10kMs, globalStateBytes10k, snapshotBytes10k, heap10kMB };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Writes of 100 changed tasks each until one makes a new snapshot; how long that one took (its
 * line included, a small part of it). Every few thousand changes, a write costs this much.
 */
async function timeCompaction(store: TaskStore, n: number, folder: string): Promise<number> {
  const snapshots = () => fs.readdirSync(folder).filter((f) => /^snapshot-\d+\.json$/.test(f)).sort().join();
  const before = snapshots();
  try {
    for (let round = 0; round < 1000; round++) {
      store.batch(() => {
        for (let k = 0; k < 100; k++) {
          const i = ((round * 100 + k) * 6 + 4) % n;
          store.applyResult(sampleTask(i).id, sampleTask(i, round % 2 ? 10 : 90));
        }
      });
      const ms = await timeMs(() => store.flush());
      if (snapshots() !== before) return ms;
    }
    throw new Error('no write made a new snapshot');
  } finally {
    store.dispose();
  }
}

/** The heap a store keeps, in MiB: used heap after a full collection, with it and before it. */
async function heapHeldBy(make: () => Promise<TaskStore>): Promise<number> {
  const gc = collector();
  gc();
  const before = process.memoryUsage().heapUsed;
  const store = await make();
  gc();
  const after = process.memoryUsage().heapUsed;
  store.dispose();
  return (after - before) / 2 ** 20;
}

/** global.gc when node runs with --expose-gc (npm run bench does), else the same function asked of V8. */
function collector(): () => void {
  if (typeof global.gc === 'function') return global.gc as () => void;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
