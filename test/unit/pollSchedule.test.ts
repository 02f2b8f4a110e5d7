import * as assert from 'assert/strict';
import {
  cadenceMs,
  computeNextDelay,
  DEFAULT_POLL_SETTINGS,
  dueAt,
  errorBackoffMs,
  isDue,
  PollCandidate,
  sanitizeSettings,
} from '../../src/core/pollSchedule';

describe('pollSchedule: the pure schedule', () => {
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
describe('pollSchedule: due and early', () => {
  const s = DEFAULT_POLL_SETTINGS;

  it('is due after one interval, or half an interval early when its provider is asked anyway', () => {
    const c: PollCandidate = { lastPolledAt: 10_000, notBefore: 0, stuck: false };
    assert.equal(dueAt(c, 0, s, true), 13_000);
    assert.equal(isDue(c, 12_999, 0, s, true), false);
    assert.equal(isDue(c, 13_000, 0, s, true), true);
    assert.equal(isDue(c, 11_499, 0, s, true, true), false);
    assert.equal(isDue(c, 11_500, 0, s, true, true), true);
  });

  it('never asks before the hard floor, early or not', () => {
    const c: PollCandidate = { lastPolledAt: null, notBefore: 20_000, stuck: false };
    assert.equal(isDue(c, 19_999, 0, s, true, true), false);
    assert.equal(isDue(c, 20_000, 0, s, true), true);
    assert.equal(dueAt(c, 0, s, true), 20_000);
  });

  it('spaces stuck tasks at maxIntervalMs, unfocused slower still', () => {
    const c: PollCandidate = { lastPolledAt: 0, notBefore: 0, stuck: true };
    assert.equal(dueAt(c, 0, s, true), 30_000);
    assert.equal(dueAt(c, 0, s, false), 120_000);
  });

  it('lets its owner lower the interval floor', () => {
    assert.equal(sanitizeSettings({ ...s, intervalMs: 200, maxIntervalMs: 200 }).intervalMs, 500);
    const fast = sanitizeSettings({ ...s, intervalMs: 200, maxIntervalMs: 200 }, 100);
    assert.deepEqual([fast.intervalMs, fast.maxIntervalMs], [200, 200]);
    assert.equal(cadenceMs(5, fast, true), 200);
  });
});
