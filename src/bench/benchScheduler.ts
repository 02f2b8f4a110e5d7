import { MjClient } from '../core/client';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { JsonMemoryStorage } from './memoryStorage';

/** The extension's defaults (3 s moving, 30 s stalled), focused: what a user gets out of the box. */
const DEFAULT_SETTINGS = { intervalMs: 3000, maxIntervalMs: 30000, unfocusedFactor: 4, stuckAfterMs: 600000 };

/** A store tracking `ids` and the real scheduler polling them through `client`, as in the extension. */
export function benchScheduler(client: MjClient, ids: string[]): { store: TaskStore; scheduler: PollScheduler; dispose(): void } {
  const store = new TaskStore(new JsonMemoryStorage());
  store.add(ids, 'bench');
  const scheduler = new PollScheduler({
    store,
    fetchBatch: (_provider, batch, signal) => client.fetchTasks(batch, { signal }),
    settings: () => DEFAULT_SETTINGS,
    isFocused: () => true,
  });
  return {
    store,
    scheduler,
    dispose: () => {
      scheduler.dispose();
      store.dispose();
    },
  };
}
