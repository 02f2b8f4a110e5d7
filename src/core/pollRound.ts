import { isMjError, MjError, TaskNotFoundError } from './errors';
import { PollLedger } from './pollLedger';
import { PollSettings } from './pollSchedule';
import { TaskStore } from './taskStore';
import { Task } from './types';

// What one poll round's answers do: each task's state or error goes to the store, each success
// or failure to the ledger (backoff, misses, giving up), and stuck tasks are marked. All in one
// store batch, so the tree refreshes once and onDidFinish fires once for the whole round.

export interface FetchBatchResult {
  tasks: Map<string, Task>;
  missing: string[];
  errors: Map<string, MjError>;
}

/** What one provider's request brought: its answer, or what it threw. */
export type ProviderOutcome =
  | { provider: string; ids: string[]; result: FetchBatchResult }
  | { provider: string; ids: string[]; error: unknown };

/** A task the loop stopped asking for (the give-up rule said so), with the error that decided it. */
export interface PollGiveUp {
  id: string;
  provider: string;
  error: MjError;
}

export interface RoundSummary {
  /** Some task's observable state changed. */
  moved: boolean;
  /** Tasks the server answered with a state. */
  answered: number;
  /** Failed requests plus IDs answered with an error or as missing. */
  errors: number;
  gaveUp: PollGiveUp[];
}

export interface RoundContext {
  store: TaskStore;
  ledger: PollLedger;
  log(msg: string): void;
}

export function applyRound(ctx: RoundContext, outcomes: readonly ProviderOutcome[], settings: PollSettings, now: number): RoundSummary {
  const summary: RoundSummary = { moved: false, answered: 0, errors: 0, gaveUp: [] };
  const gaveUp = (g: PollGiveUp) => {
    summary.gaveUp.push(g);
    ctx.log(`gave up on task ${g.id} on ${g.provider} (${g.error.kind}); not polling it until it is refreshed.`);
  };
  ctx.store.batch(() => {
    for (const o of outcomes) {
      if ('result' in o) {
        applyAnswer(ctx, o.provider, o.ids, o.result, settings, now, summary, gaveUp);
      } else {
        applyFailure(ctx, o.provider, o.ids, o.error, settings, now, gaveUp);
        summary.errors++;
      }
    }
    markStuck(ctx.store, settings, now);
  });
  return summary;
}

function applyAnswer(
  { store, ledger, log }: RoundContext,
  provider: string,
  ids: string[],
  result: FetchBatchResult,
  settings: PollSettings,
  now: number,
  summary: RoundSummary,
  gaveUp: (g: PollGiveUp) => void,
): void {
  ledger.providerAnswered(provider);
  const missing = new Set(result.missing);
  for (const id of ids) {
    ledger.asked(id, now);
    const task = result.tasks.get(id);
    const err = result.errors.get(id);
    if (task) {
      ledger.answered(id);
      summary.answered++;
      summary.moved = store.applyResult(id, task) === 'changed' || summary.moved;
    } else if (missing.has(id) || err?.kind === 'TaskNotFound') {
      summary.errors++;
      // The scheduler knows the provider's name, not its origin; the name is what the user sees.
      const notFound = err ?? new TaskNotFoundError({ server: provider, taskId: id });
      store.applyError(id, notFound);
      if (ledger.missed(id, notFound, settings, now)) gaveUp({ id, provider, error: notFound });
    } else if (err) {
      summary.errors++;
      store.applyError(id, err);
      if (ledger.erred(id, provider, err, settings, now)) gaveUp({ id, provider, error: err });
    } else {
      // Not in any of the three answers: the next cycle asks again.
      log(`${provider} did not answer for task ${id}.`);
    }
  }
}

function applyFailure(
  { store, ledger, log }: RoundContext,
  provider: string,
  ids: string[],
  error: unknown,
  settings: PollSettings,
  now: number,
  gaveUp: (g: PollGiveUp) => void,
): void {
  const mjError = isMjError(error) ? error : null;
  const wait = ledger.providerFailed(provider, mjError, settings, now);
  for (const id of ids) {
    ledger.asked(id, now);
    if (mjError) {
      store.applyError(id, mjError); // once per kind: the store ignores repeats
      if (ledger.failed(id, mjError)) gaveUp({ id, provider, error: mjError });
    }
  }
  const what = mjError ? `${mjError.kind}: ${mjError.message}` : `unexpected error: ${String(error)}`;
  log(`polling ${ids.length} task(s) on ${provider} failed (${what}); next try in ${Math.round(wait / 100) / 10} s.`);
}

/** Marks active tasks stuck after stuckAfterMs without change; un-marks them when they move. */
function markStuck(store: TaskStore, settings: PollSettings, now: number): void {
  for (const t of store.active()) {
    const stuck = now - t.lastChangedAt >= settings.stuckAfterMs;
    if (stuck !== t.stuck) {
      store.markStuck(t.id, stuck);
    }
  }
}
