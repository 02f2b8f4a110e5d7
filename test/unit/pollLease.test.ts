import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { SmallFiles } from '../../src/core/smallFiles';
import { LeaseRig, leaseFile, leaseRig, TestWindow, TIMINGS } from './pollLeaseHarness';

/** Advances in small steps until `w` holds the lease; returns the time that took, or fails. */
function untilHolder(rig: LeaseRig, w: TestWindow, limitMs = 60_000): number {
  const from = rig.clock.now;
  while (!w.lease.isHolder) {
    assert.ok(rig.clock.now - from < limitMs, `${w.name} never took the lease`);
    rig.clock.tick(50);
  }
  return rig.clock.now - from;
}

/** Advances until one of `ws` holds the lease; returns the time that took. */
function untilEither(rig: LeaseRig, ws: TestWindow[], limitMs = 60_000): number {
  const from = rig.clock.now;
  while (!ws.some((w) => w.lease.isHolder)) {
    assert.ok(rig.clock.now - from < limitMs, 'nobody took the lease');
    rig.clock.tick(50);
  }
  return rig.clock.now - from;
}

describe('PollLease: one polling window among several on one folder', () => {
  let rig: LeaseRig;
  beforeEach(() => (rig = leaseRig()));
  afterEach(() => rig.dispose());

  it('the first window takes the free lease once its claim has settled; the next ones follow', () => {
    const a = rig.window('A');
    assert.equal(a.lease.isHolder, false, 'a claim holds only after the settle time');
    rig.run(TIMINGS.settleMs);
    assert.deepEqual(rig.holders(), ['A']);
    const b = rig.window('B');
    const c = rig.window('C');
    assert.equal(rig.run(120_000), 1);
    assert.deepEqual(rig.holders(), ['A']);
    assert.deepEqual(b.changes, []);
    assert.deepEqual(c.changes, []);
    assert.equal(leaseFile(rig)?.owner, 'A');
    assert.ok(rig.clock.now - leaseFile(rig)!.renewedAt <= TIMINGS.renewMs, 'renewed every few seconds');
  });

  it('a lease not renewed within the grace period (its window stalled) is taken over; the stalled window follows when it wakes', () => {
    const a = rig.window('A');
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    rig.run(5_000);
    a.stall();
    const lastRenewal = leaseFile(rig)!.renewedAt;
    untilHolder(rig, b);
    const after = rig.clock.now - lastRenewal;
    assert.ok(after > TIMINGS.graceMs, `not before the grace period (${after} ms)`);
    assert.ok(after <= TIMINGS.graceMs + TIMINGS.renewMs + TIMINGS.settleMs + 50, `within a tick of it (${after} ms)`);
    assert.equal(leaseFile(rig)?.term, 2, 'a take-over starts a new term');

    a.wake();
    assert.deepEqual(rig.holders(), ['B'], 'the stalled window lets go at its first tick');
    assert.deepEqual(a.changes, [true, false]);
    assert.equal(rig.run(60_000), 1);
    assert.deepEqual(rig.holders(), ['B']);
  });

  it('a window alone that stalled keeps its lease', () => {
    const a = rig.window('A');
    rig.run(TIMINGS.settleMs);
    a.stall();
    rig.clock.tick(TIMINGS.graceMs * 3);
    a.wake();
    untilHolder(rig, a, TIMINGS.renewMs + TIMINGS.settleMs + 100);
    assert.equal(rig.run(30_000), 1);
  });

  it('disposing the holder frees the lease: another window takes over at its next tick, not after the grace period', () => {
    const a = rig.window('A');
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    rig.run(3_000);
    a.lease.dispose();
    assert.equal(leaseFile(rig)?.owner, null);
    const took = untilHolder(rig, b);
    assert.ok(took <= TIMINGS.renewMs + TIMINGS.settleMs + 50, `${took} ms`);
    assert.equal(rig.clock.countTimers(), 1, "only B's timer is left");
    b.lease.dispose();
    assert.equal(rig.clock.countTimers(), 0, 'every timer is disposed');
  });

  it('disposing the holder hands the lease straight to a focused window that asked', () => {
    const a = rig.window('A', { focused: true });
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    rig.run(3_000);
    b.setFocused(true); // asks at once
    a.lease.dispose();
    assert.equal(leaseFile(rig)?.owner, 'B');
    assert.ok(untilHolder(rig, b) <= TIMINGS.renewMs);
  });

  it('a window that closes before taking up the lease handed to it frees it', () => {
    const a = rig.window('A');
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    const c = rig.window('C');
    rig.run(3_000);
    b.setFocused(true);
    while (leaseFile(rig)?.owner !== 'B') rig.clock.tick(50); // A granted it; B reads it at its next tick
    assert.equal(b.lease.isHolder, false);
    b.lease.dispose();
    assert.equal(leaseFile(rig)?.owner, null);
    const took = untilEither(rig, [a, c]);
    assert.ok(took <= TIMINGS.renewMs + TIMINGS.settleMs + 50, `${took} ms`);
  });

  it('a focused window asks for the lease and an unfocused holder hands it over at its next renewal', () => {
    const a = rig.window('A');
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    rig.run(3_000);
    const from = rig.clock.now;
    b.setFocused(true);
    assert.equal(JSON.parse(rig.files.read('poll-lease-request.json')!).owner, 'B', 'asked at once on focus');
    let most = 0;
    while (!b.lease.isHolder) {
      rig.clock.tick(50);
      most = Math.max(most, rig.holders().length);
      assert.ok(rig.clock.now - from <= 2 * TIMINGS.renewMs, 'handed over within two ticks');
    }
    assert.equal(most, 1, 'never two holders');
    assert.deepEqual(a.changes, [true, false]);
    // The focused window keeps it; the other, unfocused, does not ask back.
    assert.equal(rig.run(60_000), 1);
    assert.deepEqual(rig.holders(), ['B']);
    // Focus moves back: the lease follows.
    b.setFocused(false);
    a.setFocused(true);
    untilHolder(rig, a, 2 * TIMINGS.renewMs + 100);
    assert.deepEqual(rig.holders(), ['A']);
  });

  it('a focused holder keeps the lease when another focused window asks', () => {
    rig.window('A', { focused: true });
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B', { focused: true });
    assert.equal(rig.run(60_000), 1);
    assert.deepEqual(rig.holders(), ['A']);
    assert.deepEqual(b.changes, []);
  });

  it('two windows claiming a free lease at the same moment: the claim written last holds, the other follows', () => {
    let b: TestWindow | undefined;
    // A has read the free lease; before its claim lands, B reads the same free lease and writes its claim.
    const racing: SmallFiles = {
      read: (name) => rig.files.read(name),
      write: (name, text) => {
        if (!b) b = rig.window('B');
        rig.files.write(name, text);
      },
    };
    const a = rig.window('A', { files: racing });
    assert.equal(leaseFile(rig)?.owner, 'A', 'both claimed term 1; A wrote last');
    assert.deepEqual(rig.holders(), [], 'nobody polls before the claims settle');
    rig.run(TIMINGS.settleMs);
    assert.deepEqual(rig.holders(), ['A']);
    assert.equal(rig.run(60_000), 1);
    assert.deepEqual(b!.changes, []);
    assert.deepEqual(a.changes, [true]);
  });

  it('a holder that froze inside its renewal lets go of what it wrote late over the window that took over', () => {
    let freezeMs = 0;
    // The write blocks the way a frozen extension host does: the other windows' time goes on.
    const slow: SmallFiles = {
      read: (name) => rig.files.read(name),
      write: (name, text) => {
        const ms = freezeMs;
        freezeMs = 0;
        if (ms) rig.clock.tick(ms);
        rig.files.write(name, text);
      },
    };
    rig.window('A', { files: slow });
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    rig.run(1_000);
    freezeMs = TIMINGS.graceMs + 5_000;
    while (freezeMs) rig.clock.tick(50);
    assert.equal(leaseFile(rig)?.owner, 'A', "A's old renewal landed over B's lease");
    assert.deepEqual(b.changes, [true], 'B took over while A was frozen');
    assert.deepEqual(rig.holders(), ['B'], 'A let go at once');
    assert.equal(rig.run(60_000), 1, 'never two holders');
    assert.deepEqual(rig.holders(), ['B']);
    assert.equal(leaseFile(rig)?.owner, 'B', 'B wrote over the late renewal');
    assert.equal(leaseFile(rig)?.term, 2);
  });

  it('a garbage lease file: a live holder writes over it, nobody claims meanwhile', () => {
    rig.window('A');
    rig.run(TIMINGS.settleMs);
    const b = rig.window('B');
    const c = rig.window('C');
    rig.run(3_000);
    fs.writeFileSync(path.join(rig.dir, 'poll-lease.json'), '{"version":1,"owner":"A","te');
    assert.equal(rig.run(60_000), 1);
    assert.deepEqual(rig.holders(), ['A']);
    assert.deepEqual(b.changes, []);
    assert.deepEqual(c.changes, []);
    assert.equal(leaseFile(rig)?.owner, 'A');
  });

  it('a garbage lease file and no holder: a window takes over once the grace period has passed', () => {
    fs.writeFileSync(path.join(rig.dir, 'poll-lease.json'), '\u0000\u0000garbage');
    const a = rig.window('A');
    const b = rig.window('B');
    rig.run(TIMINGS.graceMs - 100);
    assert.deepEqual(rig.holders(), [], 'the damaged file counts as held for the grace period');
    assert.equal(rig.run(TIMINGS.renewMs * 2), 1);
    assert.equal(rig.holders().length, 1);
    assert.ok([a, b].some((w) => w.lease.isHolder));
    assert.equal(leaseFile(rig)?.term, 1);
  });

  it('without a shared folder, or when the lease cannot be written, the window polls on its own', () => {
    const rigless = rig.window('alone', { files: undefined });
    assert.equal(rigless.lease.isHolder, true);
    const broken: SmallFiles = {
      read: () => undefined,
      write: () => {
        throw new Error('EACCES: permission denied');
      },
    };
    const w = rig.window('readonly', { files: broken });
    assert.equal(w.lease.isHolder, true);
    rig.run(10_000);
    assert.equal(w.lease.isHolder, true);
    assert.equal(w.logs.filter((m) => m.includes('EACCES')).length, 1, 'said once, not at every tick');
  });

  it('writes through a temporary file and a rename, leaving no temporary file behind', () => {
    rig.window('A');
    rig.window('B', { focused: true });
    rig.run(30_000);
    assert.deepEqual(fs.readdirSync(rig.dir).sort(), ['poll-lease-request.json', 'poll-lease.json']);
  });
});
