import * as assert from 'assert/strict';
import {
  claimHeld,
  DEFAULT_LEASE_TIMINGS,
  encodeLease,
  encodeRequest,
  followerStep,
  holderStep,
  LeaseReading,
  LeaseRecord,
  parseLease,
  parseRequest,
  releaseRecord,
  sanitizeTimings,
  wroteTooLate,
} from '../../src/core/leaseRules';

const T = { renewMs: 2_000, graceMs: 10_000, settleMs: 300 };
const NOW = 1_700_000_000_000;
const me = { me: 'A', focused: false, now: NOW };
const lease = (owner: string | null, term: number, renewedAt = NOW - 1_000): LeaseRecord => ({ owner, term, renewedAt });
const reading = (l: LeaseRecord | null, extra: Partial<LeaseReading> = {}): LeaseReading => ({ lease: l, unreadableSince: null, highestTerm: l?.term ?? 0, ...extra });

describe('poll lease rules', () => {
  describe('the files', () => {
    it('reads back what it writes', () => {
      const l = lease('A-1', 7);
      assert.deepEqual(parseLease(encodeLease(l)), l);
      assert.deepEqual(parseLease(encodeLease(lease(null, 8))), lease(null, 8));
      assert.deepEqual(parseRequest(encodeRequest({ owner: 'B', at: NOW })), { owner: 'B', at: NOW });
    });

    const garbage: Array<[string, string | undefined]> = [
      ['no file', undefined],
      ['an empty file', ''],
      ['a torn write', '{"version":1,"owner":"A","term":3,"rene'],
      ['binary', '\u0000\u0001\u0002'],
      ['another format', JSON.stringify({ version: 2, owner: 'A', term: 1, renewedAt: NOW })],
      ['no version', JSON.stringify({ owner: 'A', term: 1, renewedAt: NOW })],
      ['a negative term', JSON.stringify({ version: 1, owner: 'A', term: -1, renewedAt: NOW })],
      ['a fractional term', JSON.stringify({ version: 1, owner: 'A', term: 1.5, renewedAt: NOW })],
      ['an empty owner', JSON.stringify({ version: 1, owner: '', term: 1, renewedAt: NOW })],
      ['a numeric owner', JSON.stringify({ version: 1, owner: 5, term: 1, renewedAt: NOW })],
      ['a string time', JSON.stringify({ version: 1, owner: 'A', term: 1, renewedAt: String(NOW) })],
      ['an array', '[1,2,3]'],
      ['null', 'null'],
    ];
    for (const [what, text] of garbage) {
      it(`reads ${what} as no lease`, () => {
        assert.equal(parseLease(text), null);
      });
    }

    it('reads a damaged request as none', () => {
      assert.equal(parseRequest('{"version":1,"owner":"B"'), null);
      assert.equal(parseRequest(JSON.stringify({ version: 1, owner: '', at: NOW })), null);
      assert.equal(parseRequest(JSON.stringify({ version: 1, owner: 'B', at: 'now' })), null);
    });
  });

  describe('the timings', () => {
    it('keeps the grace at two renewals or more and the settle time within one', () => {
      assert.deepEqual(sanitizeTimings({}), DEFAULT_LEASE_TIMINGS);
      assert.deepEqual(sanitizeTimings({ renewMs: 5_000, graceMs: 1_000, settleMs: 9_000 }), { renewMs: 5_000, graceMs: 10_000, settleMs: 5_000 });
      assert.deepEqual(sanitizeTimings({ renewMs: NaN, graceMs: -1, settleMs: 0 }), DEFAULT_LEASE_TIMINGS);
    });

    it('calls a write late once another window could have taken the lease over meanwhile', () => {
      assert.equal(wroteTooLate(NOW, NOW + T.graceMs - T.renewMs, T), false);
      assert.equal(wroteTooLate(NOW, NOW + T.graceMs - T.renewMs + 1, T), true);
    });
  });

  describe('a window that does not hold the lease', () => {
    it('claims a lease nobody holds: none yet, released, or not renewed within the grace period', () => {
      assert.deepEqual(followerStep(me, reading(null), T), { kind: 'claim', term: 1 });
      assert.deepEqual(followerStep(me, reading(lease(null, 4)), T), { kind: 'claim', term: 5 });
      assert.deepEqual(followerStep(me, reading(lease('B', 4, NOW - T.graceMs - 1)), T), { kind: 'claim', term: 5 });
      assert.deepEqual(followerStep(me, reading(lease('B', 4, NOW - T.graceMs)), T), { kind: 'wait' });
    });

    it('claims a lease renewed "in the future" beyond the grace period: the clock was set back', () => {
      assert.deepEqual(followerStep(me, reading(lease('B', 4, NOW + T.graceMs + 1)), T), { kind: 'claim', term: 5 });
    });

    it('counts an unreadable file as held for the grace period from when it first read it so', () => {
      assert.deepEqual(followerStep(me, reading(null, { unreadableSince: NOW - T.graceMs, highestTerm: 6 }), T), { kind: 'wait' });
      assert.deepEqual(followerStep({ ...me, focused: true }, reading(null, { unreadableSince: NOW - 1 }), T), { kind: 'request' });
      assert.deepEqual(followerStep(me, reading(null, { unreadableSince: NOW - T.graceMs - 1, highestTerm: 6 }), T), { kind: 'claim', term: 7 });
    });

    it('asks for a held lease only while focused', () => {
      assert.deepEqual(followerStep(me, reading(lease('B', 2)), T), { kind: 'wait' });
      assert.deepEqual(followerStep({ ...me, focused: true }, reading(lease('B', 2)), T), { kind: 'request' });
    });

    it('adopts a fresh lease in its name (handed over); its own stale one it claims again', () => {
      assert.deepEqual(followerStep(me, reading(lease('A', 3)), T), { kind: 'adopt', term: 3 });
      assert.deepEqual(followerStep(me, reading(lease('A', 3, NOW - T.graceMs - 1)), T), { kind: 'claim', term: 4 });
    });

    it('holds its claim only if the file still names it in the claimed term', () => {
      assert.equal(claimHeld('A', 2, lease('A', 2)), true);
      assert.equal(claimHeld('A', 2, lease('B', 2)), false);
      assert.equal(claimHeld('A', 2, lease('A', 3)), false);
      assert.equal(claimHeld('A', 2, null), false);
    });
  });

  describe('the holder', () => {
    it('renews its lease, or a missing or unreadable one', () => {
      assert.deepEqual(holderStep(me, 3, lease('A', 3), null, T), { kind: 'renew', term: 3 });
      assert.deepEqual(holderStep(me, 3, null, null, T), { kind: 'renew', term: 3 });
    });

    it('follows when another window holds the same term or a newer one; writes over an older one', () => {
      assert.deepEqual(holderStep(me, 3, lease('B', 3), null, T), { kind: 'stepDown' });
      assert.deepEqual(holderStep(me, 3, lease('B', 4), null, T), { kind: 'stepDown' });
      assert.deepEqual(holderStep(me, 3, lease(null, 4), null, T), { kind: 'stepDown' });
      assert.deepEqual(holderStep(me, 3, lease('B', 2), null, T), { kind: 'renew', term: 3 });
    });

    it('hands over to a window that asked lately, unless it is focused itself', () => {
      const asked = { owner: 'B', at: NOW - 1_000 };
      assert.deepEqual(holderStep(me, 3, lease('A', 3), asked, T), { kind: 'grant', to: 'B', term: 4 });
      assert.deepEqual(holderStep({ ...me, focused: true }, 3, lease('A', 3), asked, T), { kind: 'renew', term: 3 });
      assert.deepEqual(holderStep(me, 3, lease('A', 3), { owner: 'B', at: NOW - 2 * T.renewMs - 1 }, T), { kind: 'renew', term: 3 });
      assert.deepEqual(holderStep(me, 3, lease('A', 3), { owner: 'A', at: NOW }, T), { kind: 'renew', term: 3 });
    });

    it('on closing, hands the lease to a window that asked lately, else frees it, in a new term', () => {
      assert.deepEqual(releaseRecord(me, 3, { owner: 'B', at: NOW - 100 }, T), { owner: 'B', term: 4, renewedAt: NOW });
      assert.deepEqual(releaseRecord(me, 3, { owner: 'B', at: NOW - 60_000 }, T), { owner: null, term: 4, renewedAt: NOW });
      assert.deepEqual(releaseRecord(me, 3, null, T), { owner: null, term: 4, renewedAt: NOW });
    });
  });
});
