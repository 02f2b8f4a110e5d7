// `mj-tasks watch`: the extension's poll loop (PollScheduler) over a store kept in memory, with
// the CLI's own rule for when to stop asking and a progress view on the terminal.

import * as l10n from '@vscode/l10n';
import { MjClient } from '../core/client';
import { isMjError, MjError } from '../core/errors';
import { JsonMemoryStorage } from '../core/memoryStorage';
import { PollFailure } from '../core/pollLedger';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { Task } from '../core/types';
import { Io, report } from './commands';
import { exitCodeOf, Outcome } from './outcome';
import { ProgressView, progressMode } from './progressView';

/** Polls in a row without an answer for a task before watch gives up on it (transient errors only). */
const MAX_CONSECUTIVE_FAILURES = 5;

/** Polls until every task is terminal, waits for input (MODAL) or is known to be unreachable. */
export async function runWatch(client: MjClient, ids: string[], json: boolean, intervalMs: number, io: Io): Promise<number> {
  const { mode, out } = progressMode(json, io.stdout, io.stderr);
  const view = new ProgressView(ids, out, mode);
  view.render();
  const done = await watchUntilSettled(client, ids, intervalMs, view);

  if (mode === 'bars' && !json) out.write('\n');
  const outcomes = ids.map((id) => done.get(id) as Outcome);
  report(outcomes, json, io);
  for (const o of outcomes) {
    if ('task' in o && o.task.status === 'MODAL') {
      io.stderr.write(l10n.t('Task {0} is waiting for input (MODAL): continue it with /mj/submit/modal and this task ID.', o.id) + '\n');
    }
  }
  return exitCodeOf(outcomes);
}

/** Network trouble, timeouts, 429 and 5xx may pass; anything else will not change by asking again. */
export function watchGivesUp({ error, failures }: PollFailure): boolean {
  return !isTransient(error) || failures >= MAX_CONSECUTIVE_FAILURES;
}

function isTransient(error: MjError): boolean {
  return error.kind === 'Network' || error.kind === 'Timeout' || error.kind === 'RateLimited' || error.kind === 'ServerError';
}

/** MODAL waits for the user's /mj/submit/modal: polling would never see it move. */
function isSettled(task: Task): boolean {
  return task.terminal || task.status === 'MODAL';
}

function watchUntilSettled(client: MjClient, ids: string[], intervalMs: number, view: ProgressView): Promise<Map<string, Outcome>> {
  const store = new TaskStore(new JsonMemoryStorage());
  /** Not an MjError: a bug, reported by main like any other. */
  let fatal: { error: unknown } | null = null;
  const scheduler = new PollScheduler({
    store,
    fetchBatch: async (_server, batch, signal) => {
      try {
        return await client.fetchTasks(batch, { signal });
      } catch (e) {
        if (!isMjError(e)) fatal ??= { error: e };
        throw e;
      }
    },
    // --interval is the time between polls: no quiet stretching, no stuck tasks, no focus.
    settings: () => ({ intervalMs, maxIntervalMs: intervalMs, unfocusedFactor: 1, stuckAfterMs: 0 }),
    minIntervalMs: intervalMs,
    giveUp: watchGivesUp,
  });
  const done = new Map<string, Outcome>();
  const settle = (o: Outcome) => {
    if (!done.has(o.id)) {
      done.set(o.id, o);
      store.remove([o.id]);
    }
  };

  return new Promise<Map<string, Outcome>>((resolve, reject) => {
    store.onDidChange(({ changed }) => {
      for (const t of changed) {
        if (t.task && t.error === null) {
          view.update(t.id, t.task);
          if (isSettled(t.task)) settle({ id: t.id, task: t.task });
        }
      }
    });
    scheduler.onDidGiveUp(({ id, error }) => settle({ id, error }));
    scheduler.onDidPoll(() => {
      for (const t of store.all()) {
        if (t.error) view.note(t.id, l10n.t('retrying ({0})', t.error.kind));
      }
      view.render();
      if (fatal || done.size === ids.length) {
        scheduler.dispose();
        store.dispose();
        if (fatal) reject(fatal.error);
        else resolve(done);
      }
    });
    // The server's origin stands for the provider: it is what "not found on …" names.
    store.add(ids, client.server);
    scheduler.start();
  });
}
