import { MjClient } from '../core/client';
import { Simulator } from '../simulator/types';
import { benchScheduler } from './benchScheduler';

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
  const { store, scheduler, dispose } = benchScheduler(client, ids);
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
    dispose();
  }
}
