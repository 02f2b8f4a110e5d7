import { MjClient } from '../core/client';
import { JsonMemoryStorage } from '../core/memoryStorage';
import { DEFAULT_POLL_SETTINGS } from '../core/pollSchedule';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';

/** A store tracking `ids` and the real scheduler polling them through `client` at the extension's defaults, focused. */
export function benchScheduler(client: MjClient, ids: string[]): { store: TaskStore; scheduler: PollScheduler; dispose(): void } {
  const store = new TaskStore(new JsonMemoryStorage());
  store.add(ids, 'bench');
  const scheduler = new PollScheduler({
    store,
    fetchBatch: (_provider, batch, signal) => client.fetchTasks(batch, { signal }),
    settings: () => DEFAULT_POLL_SETTINGS,
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
