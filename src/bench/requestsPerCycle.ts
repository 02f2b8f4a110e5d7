import { MjClient } from '../core/client';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { Simulator } from '../simulator/types';
import { JsonMemoryStorage } from './memoryStorage';

const PROVIDER = 'bench';

export interface CycleFigures {
  tasks: number;
  requestsPerCycle: number;
  naiveRequestsPerCycle: number;
}

/**
 * One poll cycle of the real scheduler over N running tasks, next to what per-task polling
 * (one GET per task, as web front-ends do) costs for the same tasks, both counted by the server.
 */
export async function measureRequestsPerCycle(sim: Simulator, client: MjClient, n: number): Promise<CycleFigures> {
  const ids = Array.from({ length: n }, () => sim.createTask({ status: 'IN_PROGRESS', progress: 40, frozen: true }));
  const store = new TaskStore(new JsonMemoryStorage());
  store.add(ids, PROVIDER);
  const scheduler = new PollScheduler({
    store,
    fetchBatch: (_provider, batch, signal) => client.fetchTasks(batch, { signal }),
    settings: () => ({ intervalMs: 3000, maxIntervalMs: 30000, unfocusedFactor: 4, stuckAfterMs: 600000 }),
    isFocused: () => true,
  });
  try {
    sim.resetCounts();
    await scheduler.pollNow();
    const requestsPerCycle = sim.totalRequests();
    const fetched = store.all().filter((t) => t.task !== null).length;
    if (fetched !== n) {
      throw new Error(`the scheduler's cycle fetched ${fetched} of ${n} tasks`);
    }

    sim.resetCounts();
    const queue = [...ids];
    // Browsers cap a host at 6 connections; the naive pollers we compare with do the same.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let id = queue.shift(); id; id = queue.shift()) {
          await client.fetchTask(id);
        }
      }),
    );
    return { tasks: n, requestsPerCycle, naiveRequestsPerCycle: sim.totalRequests() };
  } finally {
    scheduler.dispose();
    store.dispose();
  }
}
