// Task stores on the task files of a temporary folder (one per test, removed afterwards), their
// logs and events recorded. Writes wait for flush() (the write timer runs on a clock nobody ticks).

import * as FakeTimers from '@sinonjs/fake-timers';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { StoreBackend } from '../../src/core/storeBackend';
import { TaskFiles, TaskFilesOptions } from '../../src/core/taskFiles';
import { TaskStore, TaskStoreChange } from '../../src/core/taskStore';

export interface FileStore {
  store: TaskStore;
  files: StoreBackend;
  logs: string[];
  changes: TaskStoreChange[];
}

const folders: string[] = [];
const stores: TaskStore[] = [];

/** A new empty folder, removed after the test. */
export function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-task-files-'));
  folders.push(dir);
  return dir;
}

/** A store on `files` (default: the task files of `folder`), disposed after the test. */
export function fileStore(folder: string, options: TaskFilesOptions = {}, now: () => number = Date.now, files?: StoreBackend): FileStore {
  const logs: string[] = [];
  const backend = files ?? new TaskFiles(folder, (m) => logs.push(m), options);
  const clock = FakeTimers.createClock();
  const store = new TaskStore(backend, (m) => logs.push(m), now, {
    timers: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId) },
  });
  const changes: TaskStoreChange[] = [];
  store.onDidChange((e) => changes.push(e));
  stores.push(store);
  return { store, files: backend, logs, changes };
}

/** The folder's files and their sizes, names sorted. */
export function listing(folder: string): Record<string, number> {
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .sort()
      .map((n) => [n, fs.statSync(path.join(folder, n)).size]),
  );
}

/** The names in the folder that match. */
export function filesLike(folder: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(folder)
    .filter((n) => pattern.test(n))
    .sort();
}

/** Resolves once `check` holds (checked every 10 ms), or fails after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  for (const s of stores.splice(0)) {
    s.dispose();
    await s.flush();
  }
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
