import { MjClient } from '../core/client';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { Simulator } from '../simulator/types';
import { JsonMemoryStorage } from './memoryStorage';

/**
 * Requests the real scheduler makes over `windowMs` of real time while every tracked task is
 * terminal (SUCCESS, FAILURE, CANCEL): the answer should be zero.
 */
export async function measureIdleRequests(sim: Simulator, client: MjClient, windowMs: number): Promise<number> {
  const ids = [
    ...Array.from({ length: 20 }, () => sim.createTask({ status: 'SUCCESS' })),
    ...Array.from({ length: 5 }, () => sim.createTask({ status: 'FAILURE', failReason: '[Invalid parameter] bench' })),
    ...Array.from({ length: 5 }, () => sim.createTask({ status: 'CANCEL' })),
  ];
  const store = new TaskStore(new JsonMemoryStorage());
  store.add(ids, 'bench');
  const scheduler = new PollScheduler({
    store,
    fetchBatch: (_p, batch, signal) => client.fetchTasks(batch, { signal }),
    settings: () => ({ intervalMs: 3000, maxIntervalMs: 30000, unfocusedFactor: 4, stuckAfterMs: 600000 }),
    isFocused: () => true,
  });
  try {
    // Learn that they are finished (one cycle), then count from a quiet start.
    await scheduler.pollNow();
    if (store.active().length) {
      throw new Error(`${store.active().length} tasks are still active after the first cycle`);
    }
    sim.resetCounts();
    scheduler.start();
    await new Promise((r) => setTimeout(r, windowMs));
    return sim.totalRequests();
  } finally {
    scheduler.dispose();
    store.dispose();
  }
}
