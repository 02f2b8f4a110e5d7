import { isMjError, MjError, RateLimitedError, TaskNotFoundError } from './errors';
import { SETTINGS_DEFAULTS, UNFOCUSED_POLL_FACTOR } from './settingsDefaults';
import { DisposableStore, Emitter, Event, Disposable } from './events';
import { TaskStore } from './taskStore';
import { TrackedTask } from './trackedTask';
import { Task } from './types';

// One adaptive, batched poll loop for every active task (STYLE.md §7–8).
//
// - A task is polled only while active (never fetched, or not terminal). With nothing to poll
//   there is no timer at all; a store change (add, reload) re-arms the loop.
// - One chained setTimeout whose delay is recomputed after every cycle; never setInterval.
// - A cycle sends ONE fetchBatch per provider with every due ID (the client chunks by 100).
// - Cadence: one for the whole loop, since a batched request costs the same for 1 or 100 IDs.
//   intervalMs after a cycle in which something changed, ×1.5 per quiet cycle up to maxIntervalMs;
//   × unfocusedFactor while the window is unfocused. On refocus an overdue loop polls at once.
// - Stuck tasks (no change for stuckAfterMs) are polled at maxIntervalMs.
// - Errors: per provider, RateLimited waits at least retryAfterMs; every error backs off
//   exponentially (intervalMs, ×2 …, capped at 5 min); a success resets it. The backoff is a
//   floor on top of the cadence (it only ever slows polling down), and a round of errors does
//   not count as a quiet cycle. Errors are recorded on the tasks through the store, which keeps
//   one per kind (no stream of repeats) and clears it with the next answer.
// - Missing IDs (TaskNotFound) back off per ID the same way, and after MAX_CONSECUTIVE_MISSES
//   in a row the ID is no longer polled until the user refreshes it (pollNow).
// - One cycle at a time: pollNow while a cycle runs waits for it; dispose aborts it.

export interface PollSettings {
  /** Cadence while tasks are moving; default 3000. */
  intervalMs: number;
  /** Cadence for quiet and stuck tasks; default 30000. */
  maxIntervalMs: number;
  /** Slow-down while the window is unfocused; default 4. */
  unfocusedFactor: number;
  /** An active task unchanged for this long is stuck; default 600000 (≤ 0 turns it off). */
  stuckAfterMs: number;
}

export const DEFAULT_POLL_SETTINGS: Readonly<PollSettings> = {
  intervalMs: SETTINGS_DEFAULTS.pollIntervalSeconds * 1000,
  maxIntervalMs: SETTINGS_DEFAULTS.maxPollIntervalSeconds * 1000,
  unfocusedFactor: UNFOCUSED_POLL_FACTOR,
  stuckAfterMs: SETTINGS_DEFAULTS.stuckAfterMinutes * 60_000,
};

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FetchBatchResult {
  tasks: Map<string, Task>;
  missing: string[];
  errors: Map<string, MjError>;
}

export interface SchedulerDeps {
  store: TaskStore;
  /** The client's fetchTasks for one provider; IDs not in any of the three answers are retried later. */
  fetchBatch(provider: string, ids: string[], signal: AbortSignal): Promise<FetchBatchResult>;
  clock?: SchedulerClock;
  /** Read at every cycle, so setting changes apply without a restart. */
  settings(): PollSettings;
  /** Read once at construction; afterwards onFocusChanged keeps the scheduler informed. */
  isFocused(): boolean;
  log?(msg: string): void;
}

export interface PollReport {
  /** fetchBatch calls made. */
  requests: number;
  /** IDs asked for, over all requests. */
  ids: number;
  /** Failed requests plus IDs answered with an error or as missing. */
  errors: number;
}

/** Each quiet cycle stretches the cadence by this much. */
export const QUIET_BACKOFF_FACTOR = 1.5;
export const ERROR_BACKOFF_CAP_MS = 5 * 60_000;
/** After this many TaskNotFound answers in a row an ID is left alone until pollNow names it. */
export const MAX_CONSECUTIVE_MISSES = 6;
/**
 * A provider that gets a request anyway also takes its tasks due within this share of their
 * interval: riding along costs nothing, and tasks added at different times end up batched.
 */
export const BATCH_SLACK = 0.5;
/** No setting can make the loop hammer a server faster than this. */
export const MIN_INTERVAL_MS = 500;

// ---- The pure schedule -----------------------------------------------------------------------------

/** Clamps user settings into something safe: no zero interval, max ≥ interval, factor ≥ 1. */
export function sanitizeSettings(s: PollSettings): PollSettings {
  const intervalMs = Math.max(MIN_INTERVAL_MS, finiteOr(s.intervalMs, DEFAULT_POLL_SETTINGS.intervalMs));
  return {
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, finiteOr(s.maxIntervalMs, DEFAULT_POLL_SETTINGS.maxIntervalMs)),
    unfocusedFactor: Math.max(1, finiteOr(s.unfocusedFactor, DEFAULT_POLL_SETTINGS.unfocusedFactor)),
    stuckAfterMs: Number.isFinite(s.stuckAfterMs) && s.stuckAfterMs > 0 ? s.stuckAfterMs : Infinity,
  };
}

/** The loop's cadence after `quietCycles` cycles without any change. */
export function cadenceMs(quietCycles: number, settings: PollSettings, focused: boolean): number {
  const base = Math.min(
    Math.round(settings.intervalMs * QUIET_BACKOFF_FACTOR ** Math.max(0, quietCycles)),
    settings.maxIntervalMs,
  );
  return focused ? base : base * settings.unfocusedFactor;
}

/** intervalMs, ×2 per further failure, capped: 3 s, 6 s, 12 s … 5 min. */
export function errorBackoffMs(streak: number, settings: PollSettings): number {
  return Math.min(settings.intervalMs * 2 ** Math.max(0, streak - 1), ERROR_BACKOFF_CAP_MS);
}

/** What the schedule needs to know about one pollable task. */
export interface PollCandidate {
  /** When it was last asked for; null = never (due at once). */
  lastPolledAt: number | null;
  /** Hard floor from error backoff or Retry-After (its own and its provider's); 0 = none. */
  notBefore: number;
  stuck: boolean;
}

export interface ScheduleState {
  now: number;
  quietCycles: number;
  candidates: readonly PollCandidate[];
}

function intervalOf(c: PollCandidate, quietCycles: number, settings: PollSettings, focused: boolean): number {
  if (c.stuck) {
    return focused ? settings.maxIntervalMs : settings.maxIntervalMs * settings.unfocusedFactor;
  }
  return cadenceMs(quietCycles, settings, focused);
}

/** When this candidate should next be asked for. */
export function dueAt(c: PollCandidate, quietCycles: number, settings: PollSettings, focused: boolean): number {
  const soft = c.lastPolledAt === null ? -Infinity : c.lastPolledAt + intervalOf(c, quietCycles, settings, focused);
  return Math.max(soft, c.notBefore);
}

/**
 * Whether a cycle running at `now` should ask for this candidate: never before its hard floor;
 * with `early` (its provider is being asked anyway) up to BATCH_SLACK of an interval early.
 */
export function isDue(
  c: PollCandidate,
  now: number,
  quietCycles: number,
  settings: PollSettings,
  focused: boolean,
  early = false,
): boolean {
  if (c.notBefore > now) {
    return false;
  }
  if (c.lastPolledAt === null) {
    return true;
  }
  const interval = intervalOf(c, quietCycles, settings, focused);
  return c.lastPolledAt + interval * (early ? 1 - BATCH_SLACK : 1) <= now;
}

/** Milliseconds until the next cycle (0 = overdue), or null when nothing is pollable. */
export function computeNextDelay(state: ScheduleState, settings: PollSettings, focused: boolean): number | null {
  let next = Infinity;
  for (const c of state.candidates) {
    next = Math.min(next, dueAt(c, state.quietCycles, settings, focused));
  }
  return next === Infinity ? null : Math.max(0, next - state.now);
}

// ---- The loop ------------------------------------------------------------------------------------

interface TaskPollState {
  lastPolledAt: number | null;
  notBefore: number;
  /** Consecutive failures for this ID (missing or per-ID error). */
  failStreak: number;
  /** Consecutive TaskNotFound answers. */
  misses: number;
}

interface ProviderPollState {
  notBefore: number;
  streak: number;
}

interface ForcedRequest {
  /** pollNow() without IDs: every active task, backoff ignored. */
  all: boolean;
  ids: Set<string>;
}

interface RoundResult {
  /** Some task's observable state changed. */
  moved: boolean;
  /** Tasks the server answered with a state. */
  answered: number;
  errors: number;
}

type ProviderOutcome =
  | { provider: string; ids: string[]; result: FetchBatchResult }
  | { provider: string; ids: string[]; error: unknown };

const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class PollScheduler implements Disposable {
  private readonly store: TaskStore;
  private readonly clock: SchedulerClock;
  private readonly log: (msg: string) => void;
  private readonly disposables = new DisposableStore();
  private readonly pollEmitter: Emitter<PollReport>;
  /** After every cycle that sent requests. */
  readonly onDidPoll: Event<PollReport>;

  private started = false;
  private disposed = false;
  private focused: boolean;
  private timer: unknown = undefined;
  private nextAt: number | null = null;
  private running = false;
  private abort: AbortController | null = null;
  /** Serializes cycles: timer-driven and pollNow cycles never overlap. */
  private queue: Promise<void> = Promise.resolve();
  /** A pollNow cycle waiting for its turn; further pollNow calls join it instead of queueing more. */
  private queuedForced: { req: ForcedRequest; promise: Promise<void> } | null = null;

  private quietCycles = 0;
  private readonly taskStates = new Map<string, TaskPollState>();
  private readonly providerStates = new Map<string, ProviderPollState>();

  constructor(private readonly deps: SchedulerDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? systemClock;
    this.log = (msg) => deps.log?.(`Poll: ${msg}`);
    this.pollEmitter = this.disposables.add(new Emitter<PollReport>((err) => this.log(`a listener failed: ${String(err)}`)));
    this.onDidPoll = this.pollEmitter.event;
    this.focused = deps.isFocused();
  }

  /** When the next automatic cycle is due; null when none is scheduled (idle or disposed). */
  get nextPollAt(): number | null {
    return this.nextAt;
  }

  /** A cycle is running (requests out or results being applied). */
  get inFlight(): boolean {
    return this.running;
  }

  start(): void {
    if (this.started || this.disposed) {
      return;
    }
    this.started = true;
    this.disposables.add(
      // Added tasks are due at once; removals may leave nothing to poll. (During a cycle this
      // is a no-op: the cycle reschedules when it ends.)
      this.store.onDidChange(() => this.reschedule()),
    );
    this.reschedule();
  }

  /**
   * Polls now, ignoring backoff: the named tasks (terminal ones too), or every active task.
   * Waits for a running cycle first; calls made while one is queued join it.
   */
  pollNow(ids?: string[]): Promise<void> {
    if (this.disposed) {
      return Promise.resolve();
    }
    const queued = this.queuedForced;
    if (queued) {
      if (ids) {
        ids.forEach((id) => queued.req.ids.add(id));
      } else {
        queued.req.all = true;
      }
      return queued.promise;
    }
    const req: ForcedRequest = { all: !ids, ids: new Set(ids ?? []) };
    // enqueue runs `run` asynchronously at the earliest, so queuedForced is set before it starts.
    const promise = this.enqueue(() => {
      this.queuedForced = null;
      return this.cycle(req);
    });
    this.queuedForced = { req, promise };
    return promise;
  }

  onFocusChanged(focused: boolean): void {
    if (focused === this.focused) {
      return;
    }
    this.focused = focused;
    // Focused: the schedule tightens, and if it is already past, the next cycle runs at once.
    this.reschedule();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.clearTimer();
    this.abort?.abort();
    this.abort = null;
    this.disposables.dispose();
  }

  // ---- internals ---------------------------------------------------------------------------------

  /** Runs cycles one after the other; the returned promise never rejects. */
  private enqueue(run: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(run).catch((err) => this.log(`a poll cycle failed: ${String(err)}`));
    return this.queue;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.nextAt = null;
  }

  private reschedule(): void {
    this.clearTimer();
    if (!this.started || this.disposed || this.running) {
      return;
    }
    const settings = sanitizeSettings(this.deps.settings());
    const now = this.clock.now();
    const candidates: PollCandidate[] = [];
    for (const t of this.store.active()) {
      const c = this.candidateOf(t);
      if (c) {
        candidates.push(c);
      }
    }
    const delay = computeNextDelay({ now, quietCycles: this.quietCycles, candidates }, settings, this.focused);
    if (delay === null) {
      return; // nothing pollable: no timer at all
    }
    this.nextAt = now + delay;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.nextAt = null;
      void this.enqueue(() => this.cycle(null));
    }, delay);
  }

  /** null: not polled automatically (given up after repeated misses). */
  private candidateOf(t: TrackedTask): PollCandidate | null {
    const ts = this.taskStates.get(t.id);
    if (ts && ts.misses >= MAX_CONSECUTIVE_MISSES) {
      return null;
    }
    const ps = this.providerStates.get(t.provider);
    return {
      lastPolledAt: ts?.lastPolledAt ?? null,
      notBefore: Math.max(ts?.notBefore ?? 0, ps?.notBefore ?? 0),
      stuck: t.stuck,
    };
  }

  private selectTasks(forced: ForcedRequest | null, settings: PollSettings, now: number): TrackedTask[] {
    if (!forced) {
      const pollable: Array<{ t: TrackedTask; c: PollCandidate }> = [];
      const asked = new Set<string>();
      for (const t of this.store.active()) {
        const c = this.candidateOf(t);
        if (c) {
          pollable.push({ t, c });
          if (isDue(c, now, this.quietCycles, settings, this.focused)) {
            asked.add(t.provider);
          }
        }
      }
      return pollable
        .filter(({ t, c }) => asked.has(t.provider) && isDue(c, now, this.quietCycles, settings, this.focused, true))
        .map(({ t }) => t);
    }
    const picked = forced.all
      ? this.store.active()
      : [...forced.ids].map((id) => this.store.get(id)).filter((t): t is TrackedTask => t !== undefined);
    for (const t of picked) {
      // The user asked: a given-up ID gets a fresh set of tries.
      const ts = this.taskStates.get(t.id);
      if (ts) {
        ts.misses = 0;
      }
    }
    return picked;
  }

  private async cycle(forced: ForcedRequest | null): Promise<void> {
    if (this.disposed) {
      return;
    }
    this.clearTimer();
    const settings = sanitizeSettings(this.deps.settings());
    const tasks = this.selectTasks(forced, settings, this.clock.now());
    if (tasks.length === 0) {
      this.reschedule();
      return;
    }
    const byProvider = new Map<string, string[]>();
    for (const t of tasks) {
      const ids = byProvider.get(t.provider);
      if (ids) ids.push(t.id);
      else byProvider.set(t.provider, [t.id]);
    }

    this.running = true;
    const controller = new AbortController();
    this.abort = controller;
    let outcomes: ProviderOutcome[];
    try {
      outcomes = await Promise.all(
        [...byProvider].map(([provider, ids]) => this.fetchProvider(provider, ids, controller.signal)),
      );
    } finally {
      if (this.abort === controller) {
        this.abort = null;
      }
    }
    if (this.disposed || controller.signal.aborted) {
      this.running = false;
      return; // disposed mid-flight: results are dropped, nothing rescheduled
    }

    const report: PollReport = { requests: outcomes.length, ids: tasks.length, errors: 0 };
    let moved = false;
    let answered = 0;
    try {
      const now = this.clock.now();
      // One batch: the tree refreshes once and onDidFinish fires once for the whole round.
      this.store.batch(() => {
        for (const o of outcomes) {
          const r =
            'result' in o
              ? this.applyAnswer(o.provider, o.ids, o.result, settings, now)
              : this.applyFailure(o.provider, o.ids, o.error, settings, now);
          moved ||= r.moved;
          answered += r.answered;
          report.errors += r.errors;
        }
        this.updateStuck(settings, now);
      });
          // Quiet means the server answered and nothing moved. A round of errors tells nothing
      // about progress, so it leaves the cadence alone (the error backoff slows things down).
      if (moved) {
        this.quietCycles = 0;
      } else if (answered > 0) {
        this.quietCycles++;
      }
      this.prune();
    } catch (err) {
      // Never let one bad round end the loop.
      this.log(`applying a poll round failed: ${String(err)}`);
    } finally {
      this.running = false;
    }
    this.pollEmitter.fire(report);
    this.reschedule();
  }

  private async fetchProvider(provider: string, ids: string[], signal: AbortSignal): Promise<ProviderOutcome> {
    try {
      return { provider, ids, result: await this.deps.fetchBatch(provider, ids, signal) };
    } catch (error) {
      return { provider, ids, error };
    }
  }

  private taskState(id: string): TaskPollState {
    let ts = this.taskStates.get(id);
    if (!ts) {
      ts = { lastPolledAt: null, notBefore: 0, failStreak: 0, misses: 0 };
      this.taskStates.set(id, ts);
    }
    return ts;
  }

  private providerState(provider: string): ProviderPollState {
    let ps = this.providerStates.get(provider);
    if (!ps) {
      ps = { notBefore: 0, streak: 0 };
      this.providerStates.set(provider, ps);
    }
    return ps;
  }

  private applyAnswer(
    provider: string,
    ids: string[],
    result: FetchBatchResult,
    settings: PollSettings,
    now: number,
  ): RoundResult {
    const ps = this.providerState(provider);
    ps.streak = 0;
    ps.notBefore = 0;
    const missing = new Set(result.missing);
    let moved = false;
    let answered = 0;
    let errors = 0;
    for (const id of ids) {
      const ts = this.taskState(id);
      ts.lastPolledAt = now;
      const task = result.tasks.get(id);
      const err = result.errors.get(id);
      if (task) {
        ts.failStreak = 0;
        ts.misses = 0;
        ts.notBefore = 0;
        answered++;
        moved = this.store.applyResult(id, task) === 'changed' || moved;
      } else if (missing.has(id) || err?.kind === 'TaskNotFound') {
        errors++;
        // The scheduler knows the provider's name, not its origin; the name is what the user sees.
        this.store.applyError(id, err ?? new TaskNotFoundError({ server: provider, taskId: id }));
        this.backOffTask(ts, settings, now);
        if (++ts.misses === MAX_CONSECUTIVE_MISSES) {
          this.log(`task ${id} was not found on ${provider} ${ts.misses} times in a row; not polling it until it is refreshed.`);
        }
      } else if (err) {
        errors++;
        this.store.applyError(id, err);
        if (err.kind === 'RateLimited') {
          // A 429 on one ID speaks for the whole server.
          this.backOffProvider(provider, err, settings, now);
        } else {
          this.backOffTask(ts, settings, now);
        }
      } else {
        // Not in any of the three answers: the next cycle asks again.
        this.log(`${provider} did not answer for task ${id}.`);
      }
    }
    return { moved, answered, errors };
  }

  private applyFailure(provider: string, ids: string[], error: unknown, settings: PollSettings, now: number): RoundResult {
    const wait = this.backOffProvider(provider, isMjError(error) ? error : null, settings, now);
    for (const id of ids) {
      this.taskState(id).lastPolledAt = now;
      if (isMjError(error)) {
        this.store.applyError(id, error); // once per kind: the store ignores repeats
      }
    }
    const what = isMjError(error) ? `${error.kind}: ${error.message}` : `unexpected error: ${String(error)}`;
    this.log(`polling ${ids.length} task(s) on ${provider} failed (${what}); next try in ${Math.round(wait / 100) / 10} s.`);
    return { moved: false, answered: 0, errors: 1 };
  }

  /** Returns the wait imposed on the provider. */
  private backOffProvider(provider: string, error: MjError | null, settings: PollSettings, now: number): number {
    const ps = this.providerState(provider);
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

  private backOffTask(ts: TaskPollState, settings: PollSettings, now: number): void {
    ts.failStreak++;
    ts.notBefore = now + errorBackoffMs(ts.failStreak, settings);
  }

  /** Marks active tasks stuck after stuckAfterMs without change; un-marks them when they move. */
  private updateStuck(settings: PollSettings, now: number): void {
    for (const t of this.store.active()) {
      const stuck = now - t.lastChangedAt >= settings.stuckAfterMs;
      if (stuck !== t.stuck) {
        this.store.markStuck(t.id, stuck);
      }
    }
  }

  /** Forgets poll state of tasks no longer active (removed or finished). */
  private prune(): void {
    for (const id of this.taskStates.keys()) {
      const t = this.store.get(id);
      if (!t || t.task?.terminal) {
        this.taskStates.delete(id);
      }
    }
  }
}

function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}
