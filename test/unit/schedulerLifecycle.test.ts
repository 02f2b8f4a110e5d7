import * as assert from 'assert/strict';
import { ServerError } from '../../src/core/errors';
import { makeTask } from './taskFixture';
import { disposeHarnesses, harness, track } from './schedulerHarness';

describe('PollScheduler: stopping, stuck tasks, pollNow and lifecycle', () => {
  afterEach(disposeHarnesses);

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
      h.server.keepMoving('moving'); // keeps the loop at 3 s
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
      h.server.keepMoving('1');
      await h.clock.tickAsync(0);
      h.settings.intervalMs = 5000;
      await h.clock.tickAsync(15_000);
      assert.deepEqual(h.server.gaps(), [5000, 5000, 5000]);
    });
  });
});
