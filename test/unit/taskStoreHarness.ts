// A TaskStore on a fake clock and a storage stand-in, with its logs and events recorded.

import * as FakeTimers from '@sinonjs/fake-timers';
import { TASK_STORE_KEY } from '../../src/core/storeCodec';
import { StoreStorage } from '../../src/core/storeWriter';
import { TaskStore, TaskStoreChange } from '../../src/core/taskStore';
import { TrackedTask } from '../../src/core/trackedTask';

/** globalState stand-in. `clone` stores a JSON copy, as another window would read it. */
export class MemoryStorage implements StoreStorage {
  readonly values = new Map<string, unknown>();
  updates = 0;
  /** When set, update() waits for this before storing (a slow disk). */
  gate: Promise<void> | null = null;
  failNext = false;
  constructor(private readonly clone = false) {}
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.updates++;
    if (this.gate) {
      await this.gate;
    }
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.values.set(key, this.clone ? JSON.parse(JSON.stringify(value)) : value);
  }
  doc(): { version: number; tasks: Array<Record<string, unknown>> } {
    return this.values.get(TASK_STORE_KEY) as { version: number; tasks: Array<Record<string, unknown>> };
  }
}

export interface Harness {
  store: TaskStore;
  storage: MemoryStorage;
  clock: FakeTimers.Clock;
  logs: string[];
  changes: TaskStoreChange[];
  finished: TrackedTask[][];
}

export function harness(storage = new MemoryStorage(), clock = FakeTimers.createClock(1_700_000_000_000)): Harness {
  const logs: string[] = [];
  const store = new TaskStore(storage, (m) => logs.push(m), () => clock.now, {
    timers: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId) },
    writeDelayMs: 250,
  });
  const changes: TaskStoreChange[] = [];
  const finished: TrackedTask[][] = [];
  store.onDidChange((e) => changes.push(e));
  store.onDidFinish((e) => finished.push(e));
  return { store, storage, clock, logs, changes, finished };
}
