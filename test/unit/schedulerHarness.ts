// A PollScheduler on a fake clock, polling a fake server per provider into a real TaskStore.

import * as FakeTimers from '@sinonjs/fake-timers';
import { MjError } from '../../src/core/errors';
import { JsonMemoryStorage } from '../../src/core/memoryStorage';
import { GiveUpRule } from '../../src/core/pollLedger';
import { FetchBatchResult, PollGiveUp } from '../../src/core/pollRound';
import { DEFAULT_POLL_SETTINGS, PollSettings } from '../../src/core/pollSchedule';
import { PollReport, PollScheduler } from '../../src/core/scheduler';
import { TaskStore, TaskStoreChange } from '../../src/core/taskStore';
import { Task, TaskStatus } from '../../src/core/types';
import { makeTask } from './taskFixture';

export interface HarnessOptions {
  focused?: boolean;
  settings?: Partial<PollSettings>;
  start?: boolean;
  giveUp?: GiveUpRule;
  minIntervalMs?: number;
}

export interface Call {
  provider: string;
  ids: string[];
  at: number;
  signal: AbortSignal;
}

/** A server per provider: answers from `tasks`, unknown IDs are missing; `next` overrides one call. */
export class FakeServer {
  readonly tasks = new Map<string, Task>();
  readonly calls: Call[] = [];
  /** Per provider: answer the next calls with these (an error is thrown). */
  readonly failures = new Map<string, MjError[]>();
  /** Replaces the whole answer (slow or hanging fetches). */
  handler: ((call: Call) => Promise<FetchBatchResult>) | null = null;
  concurrent = 0;
  maxConcurrent = 0;

  constructor(private readonly clock: FakeTimers.Clock) {}

  readonly fetchBatch = async (provider: string, ids: string[], signal: AbortSignal): Promise<FetchBatchResult> => {
    const call = { provider, ids: [...ids], at: this.clock.now, signal };
    this.calls.push(call);
    this.concurrent++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    try {
      if (this.handler) {
        return await this.handler(call);
      }
      const err = this.failures.get(provider)?.shift();
      if (err) {
        throw err;
      }
      return this.answer(ids);
    } finally {
      this.concurrent--;
    }
  };

  answer(ids: string[]): FetchBatchResult {
    const tasks = new Map<string, Task>();
    const missing: string[] = [];
    for (const id of ids) {
      const t = this.tasks.get(id);
      if (t) tasks.set(id, { ...t });
      else missing.push(id);
    }
    return { tasks, missing, errors: new Map() };
  }

  set(id: string, status: TaskStatus = 'IN_PROGRESS', progress: number | null = 10): void {
    this.tasks.set(id, makeTask(id, status, { progress }));
  }

  /** Answers every call with `id` a step further along, so each round sees it move. */
  keepMoving(id: string): void {
    let progress = 0;
    this.handler = async (call) => {
      this.set(id, 'IN_PROGRESS', ++progress % 100);
      return this.answer(call.ids);
    };
  }

  /** Gaps between consecutive calls (to one provider, if given). */
  gaps(provider?: string): number[] {
    const at = this.calls.filter((c) => !provider || c.provider === provider).map((c) => c.at);
    return at.slice(1).map((t, i) => t - at[i]);
  }
}

export interface Harness {
  clock: FakeTimers.Clock;
  store: TaskStore;
  server: FakeServer;
  scheduler: PollScheduler;
  settings: PollSettings;
  logs: string[];
  polls: PollReport[];
  changes: TaskStoreChange[];
  givenUp: PollGiveUp[];
  setFocused(f: boolean): void;
}

const harnesses: Harness[] = [];

export function harness(opts: HarnessOptions = {}): Harness {
  const clock = FakeTimers.createClock(1_700_000_000_000);
  // The store's write timer runs on a clock of its own, so `clock.countTimers()` sees only the scheduler.
  const storeClock = FakeTimers.createClock();
  const logs: string[] = [];
  const store = new TaskStore(new JsonMemoryStorage(), (m) => logs.push(m), () => clock.now, {
    timers: { setTimeout: (fn, ms) => storeClock.setTimeout(fn, ms), clearTimeout: (h) => storeClock.clearTimeout(h as FakeTimers.TimerId) },
  });
  const server = new FakeServer(clock);
  const settings: PollSettings = { ...DEFAULT_POLL_SETTINGS, ...opts.settings };
  let focused = opts.focused ?? true;
  const scheduler = new PollScheduler({
    store,
    fetchBatch: server.fetchBatch,
    clock: {
      now: () => clock.now,
      setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
      clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId),
    },
    settings: () => settings,
    isFocused: () => focused,
    giveUp: opts.giveUp,
    minIntervalMs: opts.minIntervalMs,
    log: (m) => logs.push(m),
  });
  const polls: PollReport[] = [];
  scheduler.onDidPoll((r) => polls.push(r));
  const givenUp: PollGiveUp[] = [];
  scheduler.onDidGiveUp((g) => givenUp.push(g));
  const changes: TaskStoreChange[] = [];
  store.onDidChange((e) => changes.push(e));
  if (opts.start !== false) {
    scheduler.start();
  }
  const h: Harness = {
    clock,
    store,
    server,
    scheduler,
    settings,
    logs,
    polls,
    changes,
    givenUp,
    setFocused(f) {
      focused = f;
      scheduler.onFocusChanged(f);
    },
  };
  harnesses.push(h);
  return h;
}

export function track(h: Harness, ids: string[], provider = 'relay', status: TaskStatus = 'IN_PROGRESS'): void {
  for (const id of ids) h.server.set(id, status);
  h.store.add(ids, provider);
}

export const ids = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** Disposes every scheduler the harness made; call it in afterEach. */
export function disposeHarnesses(): void {
  for (const h of harnesses.splice(0)) h.scheduler.dispose();
}
