import { DisposableStore, Emitter, Event, Disposable } from './events';
import { PollLedger } from './pollLedger';
import { applyRound, PollGiveUp, ProviderOutcome } from './pollRound';
import { computeNextDelay, isDue, MIN_INTERVAL_MS, PollCandidate, PollSettings, sanitizeSettings } from './pollSchedule';
import { TaskStore } from './taskStore';
import { TrackedTask } from './trackedTask';
import { PollReport, SchedulerClock, SchedulerDeps, systemClock } from './schedulerDeps';

export { systemClock };
export type { PollReport, SchedulerClock, SchedulerDeps };

// One adaptive, batched poll loop for every active task: the extension's and the CLI's watch.
// When each task is due: pollSchedule.ts; what errors and misses make it wait: pollLedger.ts;
// what a round's answers do to the store: pollRound.ts.
//
// - A task is polled only while active (never fetched, or not terminal). With nothing to poll
//   there is no timer at all; a store change (add, reload) re-arms the loop.
// - One chained setTimeout whose delay is recomputed after every cycle; never setInterval.
// - A cycle sends ONE fetchBatch per provider with every due ID (the client chunks by 100).
// - On refocus an overdue loop polls at once.
// - Errors are recorded on the tasks through the store, which keeps one per kind (no stream of
//   repeats) and clears it with the next answer. A round of errors does not count as a quiet cycle.
// - One cycle at a time: pollNow while a cycle runs waits for it; dispose aborts it.

interface ForcedRequest {
  /** pollNow() without IDs: every active task, backoff ignored. */
  all: boolean;
  ids: Set<string>;
}


export class PollScheduler implements Disposable {
  private readonly store: TaskStore;
  private readonly clock: SchedulerClock;
  private readonly log: (msg: string) => void;
  private readonly disposables = new DisposableStore();
  private readonly pollEmitter: Emitter<PollReport>;
  /** After every cycle that sent requests. */
  readonly onDidPoll: Event<PollReport>;
  private readonly giveUpEmitter: Emitter<PollGiveUp>;
  /** Before the onDidPoll of the round in which the loop gave up on these tasks. */
  readonly onDidGiveUp: Event<PollGiveUp>;

  private started = false;
  private disposed = false;
  /** No automatic cycles (another window polls for this one); pollNow still polls. */
  private paused = false;
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
  private readonly ledger: PollLedger;
  private readonly minIntervalMs: number;

  constructor(private readonly deps: SchedulerDeps) {
    this.store = deps.store;
    this.clock = deps.clock ?? systemClock;
    this.log = (msg) => deps.log?.(`Poll: ${msg}`);
    const onListenerError = (err: unknown) => this.log(`a listener failed: ${String(err)}`);
    this.pollEmitter = this.disposables.add(new Emitter<PollReport>(onListenerError));
    this.onDidPoll = this.pollEmitter.event;
    this.giveUpEmitter = this.disposables.add(new Emitter<PollGiveUp>(onListenerError));
    this.onDidGiveUp = this.giveUpEmitter.event;
    this.focused = deps.isFocused?.() ?? true;
    this.ledger = new PollLedger(deps.giveUp);
    this.minIntervalMs = deps.minIntervalMs ?? MIN_INTERVAL_MS;
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

  /** Background polling stops until resume(); pollNow (a user's explicit refresh) still polls. */
  pause(): void {
    if (this.paused || this.disposed) {
      return;
    }
    this.paused = true;
    this.clearTimer();
  }

  /** Background polling goes on from what the store holds: overdue tasks are polled at once. */
  resume(): void {
    if (!this.paused) {
      return;
    }
    this.paused = false;
    this.reschedule();
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
    if (!this.started || this.disposed || this.running || this.paused) {
      return;
    }
    const settings = sanitizeSettings(this.deps.settings(), this.minIntervalMs);
    const now = this.clock.now();
    const candidates = this.pollable().map(({ c }) => c);
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

  /** Active tasks polled automatically (not given up on), with what the schedule needs of each. */
  private pollable(): Array<{ t: TrackedTask; c: PollCandidate }> {
    const out: Array<{ t: TrackedTask; c: PollCandidate }> = [];
    for (const t of this.store.active()) {
      const c = this.ledger.candidate(t);
      if (c) out.push({ t, c });
    }
    return out;
  }

  private selectTasks(forced: ForcedRequest | null, settings: PollSettings, now: number): TrackedTask[] {
    if (!forced) {
      const pollable = this.pollable();
      const due = pollable.filter(({ c }) => isDue(c, now, this.quietCycles, settings, this.focused));
      const asked = new Set(due.map(({ t }) => t.provider));
      return pollable
        .filter(({ t, c }) => asked.has(t.provider) && isDue(c, now, this.quietCycles, settings, this.focused, true))
        .map(({ t }) => t);
    }
    const picked = forced.all
      ? this.store.active()
      : [...forced.ids].map((id) => this.store.get(id)).filter((t): t is TrackedTask => t !== undefined);
    for (const t of picked) {
      this.ledger.refresh(t.id);
    }
    return picked;
  }

  private async cycle(forced: ForcedRequest | null): Promise<void> {
    // A timer cycle queued just before pause() must not poll after it.
    if (this.disposed || (this.paused && !forced)) {
      return;
    }
    this.clearTimer();
    const settings = sanitizeSettings(this.deps.settings(), this.minIntervalMs);
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
    let gaveUp: PollGiveUp[] = [];
    try {
      const round = applyRound({ store: this.store, ledger: this.ledger, log: this.log }, outcomes, settings, this.clock.now());
      report.errors = round.errors;
      gaveUp = round.gaveUp;
      // Quiet means the server answered and nothing moved. A round of errors tells nothing
      // about progress, so it leaves the cadence alone (the error backoff slows things down).
      if (round.moved) {
        this.quietCycles = 0;
      } else if (round.answered > 0) {
        this.quietCycles++;
      }
      this.ledger.forget((id) => {
        const t = this.store.get(id);
        return !t || t.task?.terminal === true;
      });
    } catch (err) {
      // Never let one bad round end the loop.
      this.log(`applying a poll round failed: ${String(err)}`);
    } finally {
      this.running = false;
    }
    for (const g of gaveUp) {
      this.giveUpEmitter.fire(g);
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
}
