import { MjClient } from '../core/client';
import { Simulator } from '../simulator/types';
import { benchScheduler } from './benchScheduler';

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
  const { store, scheduler, dispose } = benchScheduler(client, ids);
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
    dispose();
  }
}
