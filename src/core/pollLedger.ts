import { MjError, RateLimitedError } from './errors';
import { errorBackoffMs, PollCandidate, PollSettings } from './pollSchedule';
import { TrackedTask } from './trackedTask';

// What the poll loop remembers between cycles, per task and per provider: when it last asked,
// how long errors make it wait, and whether it has given up on a task.
//
// - Per provider: a failed request, or a 429 for any of its IDs, backs the whole provider off
//   exponentially, and RateLimited waits at least its retryAfterMs; an answer resets it.
// - Per task: a missing ID (TaskNotFound) or an error for that ID alone backs the task off the
//   same way; an answer resets it.
// - Giving up: after each failure the give-up rule decides whether the task is left alone until
//   the user refreshes it. The extension's rule gives up after MAX_CONSECUTIVE_MISSES
//   TaskNotFound answers; a caller may pass its own (the CLI's watch gives up sooner).

/** After this many TaskNotFound answers an ID is left alone until the user refreshes it. */
export const MAX_CONSECUTIVE_MISSES = 6;

/** What the give-up rule is told after a failed poll of one task. */
export interface PollFailure {
  readonly error: MjError;
  /** TaskNotFound answers since the task was last found (or refreshed by the user). */
  readonly misses: number;
  /** Polls in a row that brought no state for the task: missing, an error for it, or a failed request. */
  readonly failures: number;
}

/** true: stop asking for the task until the user refreshes it. */
export type GiveUpRule = (failure: PollFailure) => boolean;

export const giveUpAfterMisses: GiveUpRule = (f) => f.error.kind === 'TaskNotFound' && f.misses >= MAX_CONSECUTIVE_MISSES;

interface TaskPollState {
  lastPolledAt: number | null;
  notBefore: number;
  /** Consecutive failures for this ID that back it off (missing or per-ID error). */
  failStreak: number;
  misses: number;
  failures: number;
  gaveUp: boolean;
}

interface ProviderPollState {
  notBefore: number;
  streak: number;
}

export class PollLedger {
  private readonly tasks = new Map<string, TaskPollState>();
  private readonly providers = new Map<string, ProviderPollState>();

  constructor(private readonly giveUp: GiveUpRule = giveUpAfterMisses) {}

  /** What the schedule needs to know about `t`; null when it is not polled automatically (given up). */
  candidate(t: TrackedTask): PollCandidate | null {
    const ts = this.tasks.get(t.id);
    if (ts?.gaveUp) {
      return null;
    }
    const ps = this.providers.get(t.provider);
    return {
      lastPolledAt: ts?.lastPolledAt ?? null,
      notBefore: Math.max(ts?.notBefore ?? 0, ps?.notBefore ?? 0),
      stuck: t.stuck,
    };
  }

  /** The user asked for the task: a given-up ID gets a fresh set of tries. */
  refresh(id: string): void {
    const ts = this.tasks.get(id);
    if (ts) {
      ts.misses = 0;
      ts.failures = 0;
      ts.gaveUp = false;
    }
  }

  asked(id: string, now: number): void {
    this.task(id).lastPolledAt = now;
  }

  /** The server answered with the task's state. */
  answered(id: string): void {
    const ts = this.task(id);
    ts.failStreak = 0;
    ts.misses = 0;
    ts.failures = 0;
    ts.notBefore = 0;
  }

  /** The server does not know the task. true: the rule gives up on it now. */
  missed(id: string, error: MjError, settings: PollSettings, now: number): boolean {
    const ts = this.task(id);
    this.backOffTask(ts, settings, now);
    ts.misses++;
    return this.failed(id, error);
  }

  /** The server answered an error for this task alone. true: the rule gives up on it now. */
  erred(id: string, provider: string, error: MjError, settings: PollSettings, now: number): boolean {
    if (error.kind === 'RateLimited') {
      // A 429 on one ID speaks for the whole server.
      this.providerFailed(provider, error, settings, now);
    } else {
      this.backOffTask(this.task(id), settings, now);
    }
    return this.failed(id, error);
  }

  /** Counts a poll that brought no state for the task and asks the rule. true: gives up now. */
  failed(id: string, error: MjError): boolean {
    const ts = this.task(id);
    ts.failures++;
    if (!ts.gaveUp && this.giveUp({ error, misses: ts.misses, failures: ts.failures })) {
      ts.gaveUp = true;
      return true;
    }
    return false;
  }

  /** The provider answered a request. */
  providerAnswered(provider: string): void {
    const ps = this.provider(provider);
    ps.streak = 0;
    ps.notBefore = 0;
  }

  /** A request to the provider failed (or it said 429); returns the wait imposed on it. */
  providerFailed(provider: string, error: MjError | null, settings: PollSettings, now: number): number {
    const ps = this.provider(provider);
    ps.streak++;
    let wait = errorBackoffMs(ps.streak, settings);
    if (error?.kind === 'RateLimited') {
      const retryAfterMs = (error as RateLimitedError).retryAfterMs;
      if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
        wait = Math.max(wait, retryAfterMs);
      }
    }
    ps.notBefore = Math.max(ps.notBefore, now + wait);
    return wait;
  }

  /** Forgets the tasks `isGone` names (removed or finished). */
  forget(isGone: (id: string) => boolean): void {
    for (const id of this.tasks.keys()) {
      if (isGone(id)) {
        this.tasks.delete(id);
      }
    }
  }

  private backOffTask(ts: TaskPollState, settings: PollSettings, now: number): void {
    ts.failStreak++;
    ts.notBefore = now + errorBackoffMs(ts.failStreak, settings);
  }

  private task(id: string): TaskPollState {
    let ts = this.tasks.get(id);
    if (!ts) {
      ts = { lastPolledAt: null, notBefore: 0, failStreak: 0, misses: 0, failures: 0, gaveUp: false };
      this.tasks.set(id, ts);
    }
    return ts;
  }

  private provider(provider: string): ProviderPollState {
    let ps = this.providers.get(provider);
    if (!ps) {
      ps = { notBefore: 0, streak: 0 };
      this.providers.set(provider, ps);
    }
    return ps;
  }
}
