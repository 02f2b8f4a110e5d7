import * as FakeTimers from '@sinonjs/fake-timers';
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/pollSchedule';
import { PollLease } from '../../src/core/pollLease';
import { PollScheduler, SchedulerClock } from '../../src/core/scheduler';
import { folderFiles } from '../../src/core/smallFiles';
import { TaskStore } from '../../src/core/taskStore';
import { pollWhileHolding } from '../../src/polling/pollWhileHolding';
import { disposeHarnesses, FakeServer, harness, track } from './schedulerHarness';
import { MemoryStorage } from './taskStoreHarness';

describe('polling only while holding the lease', () => {
  describe('PollScheduler.pause / resume', () => {
    afterEach(disposeHarnesses);

    it('paused, it makes no request and keeps no timer however long it waits', async () => {
      const h = harness({ start: false });
      h.scheduler.pause();
      h.scheduler.start();
      track(h, ['1', '2']);
      await h.clock.tickAsync(3600_000);
      assert.equal(h.server.calls.length, 0);
      assert.equal(h.clock.countTimers(), 0);
      assert.equal(h.scheduler.nextPollAt, null);
    });

    it("paused, it still polls what the user asks for (pollNow) and goes back to waiting", async () => {
      const h = harness();
      h.scheduler.pause();
      track(h, ['1', '2']);
      await h.scheduler.pollNow(['1']);
      assert.deepEqual(h.server.calls.map((c) => c.ids), [['1']]);
      await h.scheduler.pollNow();
      assert.deepEqual(h.server.calls.map((c) => c.ids), [['1'], ['1', '2']]);
      await h.clock.tickAsync(600_000);
      assert.equal(h.server.calls.length, 2);
      assert.equal(h.clock.countTimers(), 0);
    });

    it('resumed, it polls overdue tasks at once and keeps its cadence from there', async () => {
      const h = harness();
      h.scheduler.pause();
      track(h, ['1']);
      await h.clock.tickAsync(60_000);
      h.scheduler.resume();
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
      await h.clock.tickAsync(DEFAULT_POLL_SETTINGS.intervalMs);
      assert.equal(h.server.calls.length, 2);
    });

    it('a timer cycle that came due just before pause() does not poll after it', async () => {
      const h = harness();
      track(h, ['1']);
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
      h.clock.tick(DEFAULT_POLL_SETTINGS.intervalMs); // the timer fires; its cycle is queued, not run yet
      h.scheduler.pause();
      await h.clock.tickAsync(0);
      assert.equal(h.server.calls.length, 1);
    });
  });

  describe('two windows, one task list, one server', () => {
    const NOW = 1_700_000_000_000;
    let dir: string;
    let clock: FakeTimers.Clock;
    let server: FakeServer;
    let storage: MemoryStorage;
    const open: Array<{ dispose(): void }> = [];

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-lease-poll-'));
      clock = FakeTimers.createClock(NOW);
      server = new FakeServer(clock);
      storage = new MemoryStorage(true);
    });
    afterEach(() => {
      for (const d of open.splice(0).reverse()) d.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function openWindow(name: string) {
      const timers: SchedulerClock = {
        now: () => clock.now,
        setTimeout: (fn, ms) => clock.setTimeout(fn, ms),
        clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId),
      };
      const store = new TaskStore(storage, () => undefined, () => clock.now, { writeDelayMs: 0, timers });
      const scheduler = new PollScheduler({
        store,
        clock: timers,
        settings: () => DEFAULT_POLL_SETTINGS,
        fetchBatch: (provider, ids, signal) => server.fetchBatch(name, ids, signal),
      });
      const lease = new PollLease({ files: folderFiles(dir), owner: name, isFocused: () => false, clock: timers });
      const follow = pollWhileHolding(lease, scheduler, store);
      scheduler.start();
      lease.start();
      const w = {
        store,
        scheduler,
        lease,
        dispose() {
          follow.dispose();
          lease.dispose();
          scheduler.dispose();
          store.dispose();
        },
      };
      open.push(w);
      return w;
    }
    /** Which windows asked the server, in order, from call `from` on (the fake server's provider is the window). */
    const callers = (from = 0) => [...new Set(server.calls.slice(from).map((c) => c.provider))];

    it('only the holder polls; when it closes the other takes over at once with what the list holds', async () => {
      server.set('t');
      const a = openWindow('A');
      await clock.tickAsync(500);
      assert.equal(a.lease.isHolder, true);
      a.store.add(['t'], 'p');
      await clock.tickAsync(100);
      const b = openWindow('B');
      assert.equal(b.store.get('t') !== undefined, true, 'B loaded the list A saved');
      await clock.tickAsync(120_000);
      assert.ok(server.calls.length >= 5, `A kept polling (${server.calls.length} requests)`);
      assert.deepEqual(callers(), ['A'], 'B never polled');

      const before = server.calls.length;
      open.splice(open.indexOf(a), 1);
      a.dispose();
      await clock.tickAsync(2_500); // one tick of B's lease and its settle time
      assert.equal(b.lease.isHolder, true);
      await clock.tickAsync(DEFAULT_POLL_SETTINGS.maxIntervalMs);
      assert.ok(server.calls.length > before, 'B polls now');
      assert.deepEqual(callers(before), ['B']);
    });

    it('a follower polls what its user asks for, in its own window, and nothing else', async () => {
      server.set('t');
      const a = openWindow('A');
      await clock.tickAsync(500);
      a.store.add(['t'], 'p');
      await clock.tickAsync(100);
      const b = openWindow('B');
      await clock.tickAsync(10_000);
      const before = server.calls.length;
      await b.scheduler.pollNow(['t']);
      assert.deepEqual(server.calls.slice(before).map((c) => c.provider), ['B']);
      await clock.tickAsync(60_000);
      assert.deepEqual(callers(before + 1), ['A']);
    });
  });
});
