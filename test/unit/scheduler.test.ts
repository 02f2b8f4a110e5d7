import * as assert from 'assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { MjError, NotConfiguredError, RateLimitedError, ServerError, UnauthorizedError } from '../../src/core/errors';
import {
  computeNextDelay,
  DEFAULT_POLL_SETTINGS,
  errorBackoffMs,
  FetchBatchResult,
  MAX_CONSECUTIVE_MISSES,
  PollCandidate,
  PollReport,
  PollScheduler,
  PollSettings,
  sanitizeSettings,
} from '../../src/core/scheduler';
import { StoreStorage } from '../../src/core/storeWriter';
import { TaskStore, TaskStoreChange } from '../../src/core/taskStore';
import { Task, TaskStatus } from '../../src/core/types';
import { makeTask } from './taskFixture';


class MemoryStorage implements StoreStorage {
  private readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

interface Call {
  provider: string;
  ids: string[];
  at: number;
  signal: AbortSignal;
}

/** A server per provider: answers from `tasks`, unknown IDs are missing; `next` overrides one call. */
class FakeServer {
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

  /** Gaps between consecutive calls (to one provider, if given). */
  gaps(provider?: string): number[] {
    const at = this.calls.filter((c) => !provider || c.provider === provider).map((c) => c.at);
    return at.slice(1).map((t, i) => t - at[i]);
  }
}

interface Harness {
  clock: FakeTimers.Clock;
  store: TaskStore;
  server: FakeServer;
  scheduler: PollScheduler;
  settings: PollSettings;
  logs: string[];
  polls: PollReport[];
  changes: TaskStoreChange[];
  setFocused(f: boolean): void;
}

const harnesses: Harness[] = [];

function harness(opts: { focused?: boolean; settings?: Partial<PollSettings>; start?: boolean } = {}): Harness {
  const clock = FakeTimers.createClock(1_700_000_000_000);
  // The store's write timer runs on a clock of its own, so `clock.countTimers()` sees only the scheduler.
  const storeClock = FakeTimers.createClock();
  const logs: string[] = [];
  const store = new TaskStore(new MemoryStorage(), (m) => logs.push(m), () => clock.now, {
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
    log: (m) => logs.push(m),
  });
  const polls: PollReport[] = [];
  scheduler.onDidPoll((r) => polls.push(r));
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
    setFocused(f) {
      focused = f;
      scheduler.onFocusChanged(f);
    },
  };
  harnesses.push(h);
  return h;
}

function track(h: Harness, ids: string[], provider = 'relay', status: TaskStatus = 'IN_PROGRESS'): void {
  for (const id of ids) h.server.set(id, status);
  h.store.add(ids, provider);
}

const ids = (n: number, prefix = 't') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('PollScheduler', () => {
  afterEach(() => {
    for (const h of harnesses.splice(0)) h.scheduler.dispose();
  });

  describe('batching', () => {
    it('asks for 100 active tasks of one provider in one request per cycle', async () => {
      const h = harness();
      track(h, ids(100));
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
      assert.equal(h.server.calls[0].ids.length, 100);
      await h.clock.tickAsync(60_000);
      assert.ok(h.server.calls.length > 3);
      for (const c of h.server.calls) {
        assert.equal(c.ids.length, 100);
      }
      // One request per cycle: never two calls at the same moment.
      assert.equal(new Set(h.server.calls.map((c) => c.at)).size, h.server.calls.length);
    });

    it('sends one request per provider per cycle', async () => {
      const h = harness();
      track(h, ids(30, 'a'), 'A');
      track(h, ids(20, 'b'), 'B');
      await h.clock.tickAsync(0);
      assert.deepEqual(h.server.calls.map((c) => [c.provider, c.ids.length]).sort(), [
        ['A', 30],
        ['B', 20],
      ]);
      await h.clock.tickAsync(3000);
      assert.equal(h.server.calls.length, 4);
      assert.deepEqual(h.polls.map((p) => [p.requests, p.ids, p.errors]), [
        [2, 50, 0],
        [2, 50, 0],
      ]);
    });

    it('folds a task added later into the next request of its provider', async () => {
      const h = harness();
      track(h, ['early']);
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(1000);
      track(h, ['late']);
      await h.clock.tickAsync(0); // a new task is asked for at once…
      assert.deepEqual(h.server.calls.at(-1)!.ids, ['late']);
      await h.clock.tickAsync(3000); // …and then rides along with the others
      assert.deepEqual(h.server.calls.at(-1)!.ids, ['early', 'late']);
    });
  });

  describe('adaptive interval', () => {
    it('keeps intervalMs while progress moves', async () => {
      const h = harness();
      track(h, ['1']);
      let progress = 0;
      h.server.handler = async (call) => {
        h.server.set('1', 'IN_PROGRESS', ++progress);
        return h.server.answer(call.ids);
      };
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(30_000);
      assert.deepEqual(h.server.gaps(), Array(10).fill(3000));
    });

    it('backs off ×1.5 per quiet cycle up to maxIntervalMs for a stalled task', async () => {
      const h = harness();
      track(h, ['1'], 'relay', 'SUBMITTED');
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(200_000);
      const gaps = h.server.gaps();
      // The first answer is a change (nothing was known), then every answer is the same.
      assert.deepEqual(gaps.slice(0, 7), [3000, 4500, 6750, 10125, 15188, 22781, 30000]);
      assert.ok(gaps.slice(7).every((g) => g === 30000), String(gaps));
      // Movement brings the fast cadence back, then it stretches again.
      h.server.set('1', 'IN_PROGRESS', 50);
      const before = h.server.calls.length;
      await h.clock.tickAsync(h.scheduler.nextPollAt! - h.clock.now);
      await h.clock.tickAsync(3000 + 4500);
      assert.deepEqual(h.server.gaps().slice(before - 1), [30000, 3000, 4500]);
    });
  });

  describe('focus', () => {
    it('polls unfocusedFactor times slower while unfocused', async () => {
      const h = harness({ focused: false });
      track(h, ['1']);
      let progress = 0;
      h.server.handler = async (call) => {
        h.server.set('1', 'IN_PROGRESS', ++progress);
        return h.server.answer(call.ids);
      };
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(60_000);
      assert.deepEqual(h.server.gaps(), [12000, 12000, 12000, 12000, 12000]);
    });

    it('polls at once on refocus when the focused schedule is overdue', async () => {
      const h = harness({ focused: false });
      track(h, ['1']);
      await h.clock.tickAsync(0);
      const first = h.server.calls[0].at;
      assert.equal(h.scheduler.nextPollAt, first + 12000);
      await h.clock.tickAsync(5000); // focused, it would have polled at +3000
      assert.equal(h.server.calls.length, 1);
      h.setFocused(true);
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 2);
      assert.equal(h.server.calls[1].at, first + 5000);
    });

    it('only moves the next poll earlier on refocus when not yet overdue', async () => {
      const h = harness({ focused: false });
      track(h, ['1']);
      await h.clock.tickAsync(0);
      const first = h.server.calls[0].at;
      await h.clock.tickAsync(1000);
      h.setFocused(true);
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
      assert.equal(h.scheduler.nextPollAt, first + 3000);
      // And unfocusing pushes it back out.
      h.setFocused(false);
      assert.equal(h.scheduler.nextPollAt, first + 12000);
    });
  });

  describe('errors', () => {
    it('backs off exponentially on repeated errors, records the error once, and resets on success', async () => {
      // (Stuck detection kept out of the way: this test spans more than 10 minutes.)
      const h = harness({ settings: { stuckAfterMs: 86_400_000 } });
      track(h, ['1']);
      await h.clock.tickAsync(0); // first answer: fine
      h.changes.length = 0;
      h.server.failures.set('relay', Array.from({ length: 9 }, () => new ServerError({ server: 'https://relay', status: 502 })));
      await h.clock.tickAsync(3000); // fails
      const failedAt = h.server.calls.length;
      await h.clock.tickAsync(3000 + 6000 + 12000 + 24000 + 48000 + 96000 + 192000 + 300000);
      const gaps = h.server.gaps().slice(failedAt - 1);
      assert.deepEqual(gaps.slice(0, 8), [3000, 6000, 12000, 24000, 48000, 96000, 192000, 300000]);
      assert.equal(h.store.get('1')!.error?.kind, 'ServerError');
      const recorded = new Set(h.changes.flatMap((c) => c.changed.map((t) => t.error?.at)).filter((at) => at !== undefined));
      assert.equal(recorded.size, 1, 'the same error kind is recorded once');
      assert.ok(h.logs.some((l) => l.includes('ServerError')));
      // The tenth call succeeds: the error is cleared and the cadence is back to normal.
      await h.clock.tickAsync(300_000);
      assert.equal(h.store.get('1')!.error, null);
      const n = h.server.calls.length;
      await h.clock.tickAsync(4500);
      assert.equal(h.server.calls.length, n + 1);
    });

    it('honours RateLimited retryAfterMs for that provider only', async () => {
      const h = harness();
      track(h, ['a'], 'A');
      track(h, ['b'], 'B');
      let progress = 0;
      h.server.handler = async (call) => {
        if (call.provider === 'A' && h.server.calls.filter((c) => c.provider === 'A').length === 2) {
          throw new RateLimitedError({ server: 'https://a' }, 20_000);
        }
        h.server.set('b', 'IN_PROGRESS', ++progress); // B keeps moving: cadence stays 3 s
        return h.server.answer(call.ids);
      };
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(3000); // A is rate-limited here
      const limitedAt = h.clock.now;
      await h.clock.tickAsync(19_999);
      assert.equal(h.server.calls.filter((c) => c.provider === 'A' && c.at > limitedAt).length, 0);
      assert.ok(h.server.calls.filter((c) => c.provider === 'B' && c.at > limitedAt).length >= 6);
      await h.clock.tickAsync(1);
      assert.equal(h.server.calls.filter((c) => c.provider === 'A' && c.at > limitedAt)[0]?.at, limitedAt + 20_000);
      assert.equal(h.store.get('a')!.error, null, 'cleared by the next success');
    });

    it('records per-ID errors on their task only', async () => {
      const h = harness();
      track(h, ['ok', 'bad']);
      h.server.handler = async (call) => {
        const r = h.server.answer(call.ids.filter((id) => id !== 'bad'));
        r.errors.set('bad', new UnauthorizedError({ server: 'https://relay', taskId: 'bad' }));
        return r;
      };
      await h.clock.tickAsync(0);
      assert.equal(h.store.get('bad')!.error?.kind, 'Unauthorized');
      assert.equal(h.store.get('ok')!.error, null);
      assert.deepEqual(h.polls[0], { requests: 1, ids: 2, errors: 1 });
    });

    it('backs off missing IDs and stops after MAX_CONSECUTIVE_MISSES until refreshed', async () => {
      const h = harness();
      h.store.add(['ghost'], 'relay'); // the server does not know it
      await h.clock.tickAsync(0);
      assert.equal(h.store.get('ghost')!.error?.kind, 'TaskNotFound');
      await h.clock.tickAsync(24 * 3600_000);
      assert.equal(h.server.calls.length, MAX_CONSECUTIVE_MISSES);
      assert.deepEqual(h.server.gaps(), [3000, 6000, 12000, 24000, 48000]);
      assert.equal(h.clock.countTimers(), 0);
      assert.equal(h.scheduler.nextPollAt, null);
      const recorded = new Set(h.changes.flatMap((c) => c.changed.map((t) => t.error?.at)).filter((at) => at !== undefined));
      assert.equal(recorded.size, 1, 'TaskNotFound recorded once');
      // The user refreshes it while it is still missing: it gets a fresh set of tries.
      await h.scheduler.pollNow(['ghost']);
      await h.clock.tickAsync(24 * 3600_000);
      assert.equal(h.server.calls.length, 2 * MAX_CONSECUTIVE_MISSES);
      // Refreshed again once the server knows it: found, and polled regularly from then on.
      h.server.set('ghost');
      await h.scheduler.pollNow(['ghost']);
      assert.equal(h.server.calls.length, 2 * MAX_CONSECUTIVE_MISSES + 1);
      assert.equal(h.store.get('ghost')!.error, null);
      assert.ok(h.scheduler.nextPollAt !== null, 'polled regularly again');
    });

    it('records on the task that its provider is no longer configured, instead of spinning on silently', async () => {
      const h = harness();
      h.server.failures.set('gone', [new NotConfiguredError('gone')]);
      h.store.add(['orphan'], 'gone');
      await h.clock.tickAsync(0);
      const error = h.store.get('orphan')!.error;
      assert.equal(error?.kind, 'NotConfigured');
      assert.match(error?.message ?? '', /"gone" is no longer configured/);
    });
  });

  describe('stopping and idling', () => {
    for (const status of ['SUCCESS', 'FAILURE', 'CANCEL'] as const) {
      it(`stops on ${status}: no further request, no timer`, async () => {
        const h = harness();
        track(h, ['1']);
        const finished: string[] = [];
        h.store.onDidFinish((ts) => finished.push(...ts.map((t) => t.id)));
        await h.clock.tickAsync(0);
        h.server.set('1', status);
        await h.clock.tickAsync(3000);
        assert.equal(h.server.calls.length, 2);
        assert.deepEqual(finished, ['1']);
        assert.equal(h.clock.countTimers(), 0);
        assert.equal(h.scheduler.nextPollAt, null);
        await h.clock.tickAsync(3600_000);
        assert.equal(h.server.calls.length, 2);
      });
    }

    it('reports a round once: one change event and one finish event for all providers', async () => {
      const h = harness();
      track(h, ['a'], 'A');
      track(h, ['b'], 'B');
      const finished: string[][] = [];
      h.store.onDidFinish((ts) => finished.push(ts.map((t) => t.id).sort()));
      await h.clock.tickAsync(0);
      h.server.set('a', 'SUCCESS');
      h.server.set('b', 'FAILURE');
      h.changes.length = 0;
      await h.clock.tickAsync(3000);
      assert.deepEqual(finished, [['a', 'b']]);
      assert.equal(h.changes.length, 1);
      assert.deepEqual(h.changes[0].changed.map((t) => t.id).sort(), ['a', 'b']);
    });

    it('makes zero requests and keeps no timer while idle', async () => {
      const h = harness();
      assert.equal(h.clock.countTimers(), 0);
      await h.clock.tickAsync(7 * 24 * 3600_000);
      assert.equal(h.server.calls.length, 0);
      // Terminal tasks alone are idle too.
      h.store.add(['done'], 'relay');
      h.store.applyResult('done', makeTask('done', 'SUCCESS'));
      await h.clock.tickAsync(24 * 3600_000);
      assert.equal(h.server.calls.length, 0);
      assert.equal(h.clock.countTimers(), 0);
    });

    it('does nothing before start()', async () => {
      const h = harness({ start: false });
      track(h, ['1']);
      await h.clock.tickAsync(60_000);
      assert.equal(h.server.calls.length, 0);
      assert.equal(h.clock.countTimers(), 0);
    });

    it('re-arms when a task is added, and disarms when the last active one is removed', async () => {
      const h = harness();
      await h.clock.tickAsync(60_000);
      track(h, ['1']);
      assert.equal(h.scheduler.nextPollAt, h.clock.now);
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
      h.store.remove(['1']);
      assert.equal(h.clock.countTimers(), 0);
      await h.clock.tickAsync(60_000);
      assert.equal(h.server.calls.length, 1);
    });
  });

  describe('stuck tasks', () => {
    it('marks a task stuck after stuckAfterMs, polls it at maxIntervalMs, and un-sticks it on change', async () => {
      const h = harness();
      track(h, ['moving'], 'A');
      track(h, ['stalled'], 'B');
      let progress = 0;
      h.server.handler = async (call) => {
        h.server.set('moving', 'IN_PROGRESS', ++progress % 100); // keeps the loop at 3 s
        return h.server.answer(call.ids);
      };
      await h.clock.tickAsync(0);
      const addedAt = h.store.get('stalled')!.lastChangedAt;
      await h.clock.tickAsync(600_000 - 1);
      assert.equal(h.store.get('stalled')!.stuck, false);
      await h.clock.tickAsync(30_000);
      assert.equal(h.store.get('stalled')!.stuck, true);
      assert.equal(h.store.get('moving')!.stuck, false);
      const stuckSince = h.clock.now;
      await h.clock.tickAsync(120_000);
      const gapsB = h.server.calls.filter((c) => c.provider === 'B' && c.at > stuckSince).map((c) => c.at);
      assert.ok(gapsB.length >= 3);
      assert.ok(
        gapsB.slice(1).every((t, i) => t - gapsB[i] === 30_000),
        `B polled every 30 s: ${gapsB.map((t) => t - addedAt)}`,
      );
      h.server.set('stalled', 'IN_PROGRESS', 90);
      await h.clock.tickAsync(30_000);
      assert.equal(h.store.get('stalled')!.stuck, false);
    });
  });

  describe('pollNow', () => {
    it('fetches named tasks now, terminal ones included, ignoring backoff', async () => {
      const h = harness();
      track(h, ['done'], 'relay', 'SUCCESS');
      track(h, ['active']);
      await h.clock.tickAsync(0);
      assert.deepEqual(h.server.calls[0].ids, ['done', 'active']);
      h.server.failures.set('relay', [new ServerError({ server: 'https://relay', status: 500 })]);
      await h.clock.tickAsync(3000); // fails: backoff for the provider
      const n = h.server.calls.length;
      await h.scheduler.pollNow(['done']);
      assert.equal(h.server.calls.length, n + 1);
      assert.deepEqual(h.server.calls.at(-1)!.ids, ['done']);
      await h.scheduler.pollNow();
      assert.deepEqual(h.server.calls.at(-1)!.ids, ['active']);
      assert.equal(h.server.calls.at(-1)!.at, h.clock.now);
    });

    it('coalesces calls made while a cycle is running into one following cycle', async () => {
      const h = harness();
      track(h, ['a', 'b', 'c']);
      let release!: () => void;
      h.server.handler = (call) => new Promise((resolve) => (release = () => resolve(h.server.answer(call.ids))));
      await h.clock.tickAsync(0);
      assert.equal(h.scheduler.inFlight, true);
      const p1 = h.scheduler.pollNow(['a']);
      const p2 = h.scheduler.pollNow(['b']);
      assert.equal(h.server.calls.length, 1);
      h.server.handler = null;
      release();
      await Promise.all([p1, p2]);
      assert.equal(h.server.calls.length, 2);
      assert.deepEqual(h.server.calls[1].ids, ['a', 'b']);
    });
  });

  describe('lifecycle', () => {
    it('dispose aborts the request in flight, leaves no timer and never polls again', async () => {
      const h = harness();
      track(h, ['1']);
      h.server.handler = (call) =>
        new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(new Error('aborted'))));
      await h.clock.tickAsync(0);
      assert.equal(h.scheduler.inFlight, true);
      h.scheduler.dispose();
      assert.equal(h.server.calls[0].signal.aborted, true);
      await h.clock.tickAsync(0);
      assert.equal(h.scheduler.inFlight, false);
      assert.equal(h.clock.countTimers(), 0);
      assert.equal(h.scheduler.nextPollAt, null);
      await h.scheduler.pollNow();
      track(h, ['2']);
      await h.clock.tickAsync(3600_000);
      assert.equal(h.server.calls.length, 1);
      assert.equal(h.store.get('1')!.error, null, 'an abort is not an error');
    });

    it('never overlaps polls when a fetch is slow', async () => {
      const h = harness();
      track(h, ['1']);
      h.server.handler = (call) =>
        new Promise((resolve) => h.clock.setTimeout(() => resolve(h.server.answer(call.ids)), 20_000));
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(10_000);
      assert.equal(h.server.calls.length, 1, 'no second request while the first is out');
      // A task added meanwhile arms nothing: the running cycle reschedules when it ends.
      track(h, ['2']);
      assert.equal(h.scheduler.nextPollAt, null);
      assert.equal(h.clock.countTimers(), 1, "only the slow server's own timer");
      void h.scheduler.pollNow();
      await h.clock.tickAsync(100_000);
      assert.equal(h.server.maxConcurrent, 1);
      assert.ok(h.server.calls.length >= 3);
      assert.deepEqual(h.server.calls[1].ids, ['1', '2']);
      for (let i = 1; i < h.server.calls.length; i++) {
        assert.ok(h.server.calls[i].at - h.server.calls[i - 1].at >= 20_000);
      }
    });

    it('picks up setting changes at the next cycle', async () => {
      const h = harness();
      track(h, ['1']);
      let progress = 0;
      h.server.handler = async (call) => {
        h.server.set('1', 'IN_PROGRESS', ++progress);
        return h.server.answer(call.ids);
      };
      await h.clock.tickAsync(0);
      h.settings.intervalMs = 5000;
      await h.clock.tickAsync(15_000);
      assert.deepEqual(h.server.gaps(), [5000, 5000, 5000]);
    });
  });
});

describe('scheduler: pure schedule', () => {
  const s = DEFAULT_POLL_SETTINGS;
  const c = (over: Partial<PollCandidate> = {}): PollCandidate => ({ lastPolledAt: 0, notBefore: 0, stuck: false, ...over });

  it('returns null when nothing is pollable', () => {
    assert.equal(computeNextDelay({ now: 0, quietCycles: 0, candidates: [] }, s, true), null);
  });

  it('is due at once for a never-polled task', () => {
    assert.equal(computeNextDelay({ now: 1000, quietCycles: 5, candidates: [c(), c({ lastPolledAt: null })] }, s, true), 0);
  });

  it('stretches with quiet cycles, capped at maxIntervalMs, and by unfocusedFactor', () => {
    const at = (q: number, focused = true) => computeNextDelay({ now: 0, quietCycles: q, candidates: [c()] }, s, focused);
    assert.deepEqual([0, 1, 2, 3, 10].map((q) => at(q)), [3000, 4500, 6750, 10125, 30000]);
    assert.equal(at(0, false), 12000);
    assert.equal(at(10, false), 120000);
  });

  it('treats notBefore as a floor and stuck tasks at maxIntervalMs', () => {
    assert.equal(computeNextDelay({ now: 0, quietCycles: 0, candidates: [c({ notBefore: 20000 })] }, s, true), 20000);
    assert.equal(computeNextDelay({ now: 0, quietCycles: 0, candidates: [c({ stuck: true })] }, s, true), 30000);
    assert.equal(computeNextDelay({ now: 0, quietCycles: 0, candidates: [c({ stuck: true }), c()] }, s, true), 3000);
    assert.equal(computeNextDelay({ now: 50000, quietCycles: 0, candidates: [c()] }, s, true), 0, 'overdue');
  });

  it('backs off errors 3 s, 6 s, 12 s … capped at 5 min', () => {
    assert.deepEqual([1, 2, 3, 4, 10, 30].map((n) => errorBackoffMs(n, s)), [3000, 6000, 12000, 24000, 300000, 300000]);
  });

  it('sanitizes settings that would hammer a server', () => {
    const clean = sanitizeSettings({ intervalMs: 0, maxIntervalMs: -5, unfocusedFactor: 0.1, stuckAfterMs: 0 });
    assert.ok(clean.intervalMs >= 500);
    assert.ok(clean.maxIntervalMs >= clean.intervalMs);
    assert.equal(clean.unfocusedFactor, 1);
    assert.equal(clean.stuckAfterMs, Infinity);
    assert.deepEqual(sanitizeSettings({ ...s, intervalMs: NaN }).intervalMs, 3000);
  });
});
