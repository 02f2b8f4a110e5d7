import * as assert from 'assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { ServerError, UnauthorizedError } from '../../src/core/errors';
import { JsonMemoryStorage } from '../../src/core/memoryStorage';
import { MAX_CONSECUTIVE_MISSES } from '../../src/core/pollLedger';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/pollSchedule';
import { PollScheduler } from '../../src/core/scheduler';
import { TaskStore } from '../../src/core/taskStore';
import { disposeHarnesses, FakeServer, harness, track } from './schedulerHarness';

// The options the CLI's watch runs the extension's loop with: its own give-up rule, a lower
// interval floor, no window focus.

describe('PollScheduler: options', () => {
  afterEach(disposeHarnesses);

  it('gives up by its rule: says which task and why before the round is reported, and asks for it no more', async () => {
    const h = harness({ giveUp: (f) => f.error.kind === 'Unauthorized' });
    track(h, ['ok', 'locked']);
    const denied = new UnauthorizedError({ server: 'https://relay', taskId: 'locked' });
    h.server.handler = async (call) => {
      const r = h.server.answer(call.ids.filter((id) => id !== 'locked'));
      if (call.ids.includes('locked')) r.errors.set('locked', denied);
      return r;
    };
    const order: string[] = [];
    h.scheduler.onDidGiveUp((g) => order.push(`gave up ${g.id}`));
    h.scheduler.onDidPoll(() => order.push('poll'));
    await h.clock.tickAsync(0);
    assert.deepEqual(order, ['gave up locked', 'poll']);
    assert.deepEqual(h.givenUp, [{ id: 'locked', provider: 'relay', error: denied }]);
    assert.equal(h.store.get('locked')!.error?.kind, 'Unauthorized');
    await h.clock.tickAsync(30_000);
    assert.ok(h.server.calls.length > 3);
    assert.ok(h.server.calls.slice(1).every((c) => !c.ids.includes('locked')), 'never asked again');
    assert.equal(h.givenUp.length, 1);
  });

  it('counts a failed request against every task it asked for', async () => {
    const h = harness({ giveUp: (f) => f.failures >= 3, settings: { stuckAfterMs: 0 } });
    track(h, ['a', 'b']);
    h.server.failures.set('relay', Array.from({ length: 9 }, () => new ServerError({ server: 'https://relay', status: 502 })));
    await h.clock.tickAsync(0);
    await h.clock.tickAsync(3000 + 6000);
    assert.equal(h.server.calls.length, 3);
    assert.deepEqual(h.givenUp.map((g) => g.id), ['a', 'b']);
    assert.equal(h.givenUp[0].error, h.givenUp[1].error, 'the one error of the request');
    assert.equal(h.clock.countTimers(), 0, 'nothing left to poll');
    assert.equal(h.scheduler.nextPollAt, null);
  });

  it('says once when it gives up on a missing task by the default rule', async () => {
    const h = harness();
    h.store.add(['ghost'], 'relay');
    await h.clock.tickAsync(24 * 3600_000);
    assert.equal(h.server.calls.length, MAX_CONSECUTIVE_MISSES);
    assert.deepEqual(h.givenUp.map((g) => [g.id, g.error.kind]), [['ghost', 'TaskNotFound']]);
    assert.ok(h.logs.some((l) => /gave up on task ghost on relay \(TaskNotFound\)/.test(l)));
  });

  it('polls faster than MIN_INTERVAL_MS only when its owner lowers the floor', async () => {
    for (const [minIntervalMs, gap] of [[undefined, 500], [100, 200]] as const) {
      const h = harness({ minIntervalMs, settings: { intervalMs: 200, maxIntervalMs: 200 } });
      track(h, ['1']);
      await h.clock.tickAsync(0);
      await h.clock.tickAsync(2000);
      assert.ok(h.server.gaps().every((g) => g === gap), `${minIntervalMs}: ${h.server.gaps()}`);
    }
  });

  it('runs at the focused cadence when it is told nothing about focus', async () => {
    const clock = FakeTimers.createClock(1_700_000_000_000);
    const timers = { setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms), clearTimeout: (h: unknown) => clock.clearTimeout(h as FakeTimers.TimerId) };
    const store = new TaskStore(new JsonMemoryStorage(), undefined, () => clock.now, { timers });
    const server = new FakeServer(clock);
    const scheduler = new PollScheduler({ store, fetchBatch: server.fetchBatch, clock: { now: () => clock.now, ...timers }, settings: () => DEFAULT_POLL_SETTINGS });
    try {
      server.set('1');
      store.add(['1'], 'relay');
      scheduler.start();
      await clock.tickAsync(0);
      assert.equal(scheduler.nextPollAt, clock.now + DEFAULT_POLL_SETTINGS.intervalMs);
    } finally {
      scheduler.dispose();
      store.dispose();
    }
  });
});
