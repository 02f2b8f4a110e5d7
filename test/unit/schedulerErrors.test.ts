import * as assert from 'assert/strict';
import { NotConfiguredError, RateLimitedError, ServerError, UnauthorizedError } from '../../src/core/errors';
import { MAX_CONSECUTIVE_MISSES } from '../../src/core/pollLedger';
import { disposeHarnesses, harness, track } from './schedulerHarness';

describe('PollScheduler: errors', () => {
  afterEach(disposeHarnesses);

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
