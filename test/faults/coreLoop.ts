// The extension's core as the fault suite and the simulator tests drive it: a TaskStore on a
// memory storage and a PollScheduler over a fetchBatch, without timers of their own (the tests
// call pollNow). Every import of the store's and the scheduler's modules is here, in one place.

import { DEFAULT_POLL_SETTINGS } from '../../src/core/pollSchedule';
import { PollScheduler, SchedulerDeps } from '../../src/core/scheduler';
import { StoreStorage } from '../../src/core/storeWriter';
import { TaskStore } from '../../src/core/taskStore';
import { TrackedTask } from '../../src/core/trackedTask';

export type { TrackedTask };

/** globalState as the store sees it: each update kept as a JSON copy, as another window would read it. */
export class MemoryStorage implements StoreStorage {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

export interface CoreLoop {
  store: TaskStore;
  scheduler: PollScheduler;
  storage: MemoryStorage;
  /** A second store on the same storage, as the next start (or another window) would load it. */
  reload(): TaskStore;
  dispose(): void;
}

/** `log` receives what the store and the scheduler log. */
export function coreLoop(fetchBatch: SchedulerDeps['fetchBatch'], log: (m: string) => void = () => undefined): CoreLoop {
  const storage = new MemoryStorage();
  const store = new TaskStore(storage, log, Date.now, { writeDelayMs: 0 });
  const scheduler = new PollScheduler({ store, fetchBatch, settings: () => DEFAULT_POLL_SETTINGS, isFocused: () => true, log });
  const reloaded: TaskStore[] = [];
  return {
    store,
    scheduler,
    storage,
    reload: () => {
      const again = new TaskStore(storage, log, Date.now, { writeDelayMs: 0 });
      reloaded.push(again);
      return again;
    },
    dispose: () => {
      scheduler.dispose();
      store.dispose();
      reloaded.forEach((s) => s.dispose());
    },
  };
}
