// `mj-tasks fetch` and `mj-tasks watch`, on the core client.

import * as l10n from '@vscode/l10n';
import { MjClient } from '../core/client';
import { MjError, TaskNotFoundError } from '../core/errors';
import { exitCodeOf, Outcome, outcomeJson } from './outcome';
import { OutStream, ProgressView, progressMode } from './progressView';
import { errorLine, renderTask } from './render';

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
}

/** Whole-batch failures retried by watch before giving up; per-ID failures likewise. */
const MAX_CONSECUTIVE_FAILURES = 5;
const MAX_BACKOFF_MS = 30_000;

export async function runFetch(client: MjClient, ids: string[], json: boolean, io: Io): Promise<number> {
  let outcomes: Outcome[];
  try {
    const result = await client.fetchTasks(ids);
    outcomes = ids.map((id) => {
      const task = result.tasks.get(id);
      if (task) return { id, task };
      return { id, error: result.errors.get(id) ?? new TaskNotFoundError({ server: client.server, taskId: id }) };
    });
  } catch (e) {
    if (!(e instanceof MjError)) throw e;
    outcomes = ids.map((id) => ({ id, error: e }));
  }
  report(outcomes, json, io);
  return exitCodeOf(outcomes);
}

/** Polls with the batch call until every task is terminal, waits for input (MODAL) or is known to be unreachable. */
export async function runWatch(client: MjClient, ids: string[], json: boolean, intervalMs: number, io: Io): Promise<number> {
  const { mode, out } = progressMode(json, io.stdout, io.stderr);
  const view = new ProgressView(ids, out, mode);
  const done = new Map<string, Outcome>();
  const perIdFailures = new Map<string, number>();
  let batchFailures = 0;
  view.render();

  for (;;) {
    const pending = ids.filter((id) => !done.has(id));
    let delayMs = intervalMs;
    try {
      const result = await client.fetchTasks(pending);
      batchFailures = 0;
      for (const [id, task] of result.tasks) {
        perIdFailures.delete(id);
        view.update(id, task);
        // MODAL waits for the user's /mj/submit/modal: polling would never see it move.
        if (task.terminal || task.status === 'MODAL') done.set(id, { id, task });
      }
      for (const id of result.missing) done.set(id, { id, error: new TaskNotFoundError({ server: client.server, taskId: id }) });
      for (const [id, error] of result.errors) {
        const failures = (perIdFailures.get(id) ?? 0) + 1;
        perIdFailures.set(id, failures);
        if (!isTransient(error) || failures >= MAX_CONSECUTIVE_FAILURES) done.set(id, { id, error });
        else view.note(id, l10n.t('retrying ({0})', error.kind));
      }
    } catch (e) {
      if (!(e instanceof MjError)) throw e;
      batchFailures++;
      if (!isTransient(e) || batchFailures >= MAX_CONSECUTIVE_FAILURES) {
        for (const id of pending) done.set(id, { id, error: e });
      } else {
        for (const id of pending) view.note(id, l10n.t('retrying ({0})', e.kind));
        delayMs = Math.min(MAX_BACKOFF_MS, Math.max(intervalMs * 2 ** batchFailures, retryAfter(e)));
      }
    }
    view.render();
    if (done.size === ids.length) break;
    await sleep(delayMs);
  }

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

/**
 * Tasks as blocks on stdout (or one JSON array), failures as one line each on stderr. A failure
 * shared by several IDs (the whole batch failed) is printed once.
 */
export function report(outcomes: Outcome[], json: boolean, io: Io): void {
  if (json) {
    io.stdout.write(JSON.stringify(outcomes.map(outcomeJson), null, 2) + '\n');
  } else {
    const blocks = outcomes.flatMap((o) => ('task' in o ? [renderTask(o.task)] : []));
    if (blocks.length > 0) io.stdout.write(blocks.join('\n\n') + '\n');
  }
  const printed = new Set<MjError>();
  for (const o of outcomes) {
    if (!('error' in o) || printed.has(o.error)) continue;
    printed.add(o.error);
    io.stderr.write(errorLine(o.error) + '\n');
  }
}

function isTransient(error: MjError): boolean {
  return error.kind === 'Network' || error.kind === 'Timeout' || error.kind === 'RateLimited' || error.kind === 'ServerError';
}

function retryAfter(error: MjError): number {
  return 'retryAfterMs' in error && typeof error.retryAfterMs === 'number' ? error.retryAfterMs : 0;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
