import { MjClient } from '../core/client';
import { Simulator } from '../simulator/types';
import { benchScheduler } from './benchScheduler';
import { median } from './stats';

/**
 * Time from a task becoming SUCCESS on the server to the store knowing, with the scheduler at its
 * default settings. Tasks finish on their own at spread-out moments; the server-side moment is
 * read in-process (no HTTP) every few milliseconds.
 */
export async function measureDetectionLatency(sim: Simulator, client: MjClient, tasks: number): Promise<{ medianMs: number; samples: number[] }> {
  const ids = Array.from({ length: tasks }, (_, i) => sim.createTask({ status: 'IN_PROGRESS', progress: 10, durationMs: 4000 + i * 1700 }));
  const { store, scheduler, dispose } = benchScheduler(client, ids);
  const finishedOnServer = new Map<string, number>();
  const known = new Map<string, number>();
  const watch = setInterval(() => {
    const now = performance.now();
    for (const id of ids) {
      if (!finishedOnServer.has(id) && sim.getTaskStatus(id) === 'SUCCESS') {
        finishedOnServer.set(id, now);
      }
    }
  }, 2);
  const sub = store.onDidFinish((done) => {
    const now = performance.now();
    done.forEach((t) => known.set(t.id, now));
  });
  try {
    scheduler.start();
    const deadline = Date.now() + 4000 + tasks * 1700 + 40000;
    while (known.size < tasks && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (known.size < tasks) {
      throw new Error(`only ${known.size} of ${tasks} finished tasks were noticed`);
    }
    const samples = ids.map((id) => Math.max(0, known.get(id)! - (finishedOnServer.get(id) ?? known.get(id)!)));
    return { medianMs: median(samples), samples };
  } finally {
    clearInterval(watch);
    sub.dispose();
    dispose();
  }
}
