import * as assert from 'assert/strict';
import { disposeHarnesses, harness, ids, track } from './schedulerHarness';

describe('PollScheduler: batching and cadence', () => {
  afterEach(disposeHarnesses);

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
      h.server.keepMoving('1');
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
      h.server.keepMoving('1');
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

});
