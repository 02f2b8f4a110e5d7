import { SETTINGS_DEFAULTS, UNFOCUSED_POLL_FACTOR } from './settingsDefaults';

// The schedule maths of the poll loop, pure: when each task is due and how long the loop sleeps.
//
// - Cadence: one for the whole loop, since a batched request costs the same for 1 or 100 IDs.
//   intervalMs after a cycle in which something changed, ×1.5 per quiet cycle up to
//   maxIntervalMs; × unfocusedFactor while the window is unfocused.
// - Stuck tasks (no change for stuckAfterMs) are polled at maxIntervalMs.
// - Error backoff: intervalMs, ×2 per further failure, capped at 5 min. It is a floor
//   (`notBefore`) on top of the cadence: it only ever slows polling down.

export interface PollSettings {
  /** Cadence while tasks are moving; default 3000. */
  intervalMs: number;
  /** Cadence for quiet and stuck tasks; default 30000. */
  maxIntervalMs: number;
  /** Slow-down while the window is unfocused; default 4. */
  unfocusedFactor: number;
  /** An active task unchanged for this long is stuck; default 600000 (≤ 0 turns it off). */
  stuckAfterMs: number;
}

export const DEFAULT_POLL_SETTINGS: Readonly<PollSettings> = {
  intervalMs: SETTINGS_DEFAULTS.pollIntervalSeconds * 1000,
  maxIntervalMs: SETTINGS_DEFAULTS.maxPollIntervalSeconds * 1000,
  unfocusedFactor: UNFOCUSED_POLL_FACTOR,
  stuckAfterMs: SETTINGS_DEFAULTS.stuckAfterMinutes * 60_000,
};

/** Each quiet cycle stretches the cadence by this much. */
export const QUIET_BACKOFF_FACTOR = 1.5;
export const ERROR_BACKOFF_CAP_MS = 5 * 60_000;
/**
 * A provider that gets a request anyway also takes its tasks due within this share of their
 * interval: riding along costs nothing, and tasks added at different times end up batched.
 */
export const BATCH_SLACK = 0.5;
/** No setting can make the loop hammer a server faster than this (unless its owner lowers it). */
export const MIN_INTERVAL_MS = 500;

/** Clamps settings into something safe: interval ≥ minIntervalMs, max ≥ interval, factor ≥ 1. */
export function sanitizeSettings(s: PollSettings, minIntervalMs = MIN_INTERVAL_MS): PollSettings {
  const intervalMs = Math.max(minIntervalMs, finiteOr(s.intervalMs, DEFAULT_POLL_SETTINGS.intervalMs));
  return {
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, finiteOr(s.maxIntervalMs, DEFAULT_POLL_SETTINGS.maxIntervalMs)),
    unfocusedFactor: Math.max(1, finiteOr(s.unfocusedFactor, DEFAULT_POLL_SETTINGS.unfocusedFactor)),
    stuckAfterMs: Number.isFinite(s.stuckAfterMs) && s.stuckAfterMs > 0 ? s.stuckAfterMs : Infinity,
  };
}

/** The loop's cadence after `quietCycles` cycles without any change. */
export function cadenceMs(quietCycles: number, settings: PollSettings, focused: boolean): number {
  const base = Math.min(
    Math.round(settings.intervalMs * QUIET_BACKOFF_FACTOR ** Math.max(0, quietCycles)),
    settings.maxIntervalMs,
  );
  return focused ? base : base * settings.unfocusedFactor;
}

/** intervalMs, ×2 per further failure, capped: 3 s, 6 s, 12 s … 5 min. */
export function errorBackoffMs(streak: number, settings: PollSettings): number {
  return Math.min(settings.intervalMs * 2 ** Math.max(0, streak - 1), ERROR_BACKOFF_CAP_MS);
}

/** What the schedule needs to know about one pollable task. */
export interface PollCandidate {
  /** When it was last asked for; null = never (due at once). */
  lastPolledAt: number | null;
  /** Hard floor from error backoff or Retry-After (its own and its provider's); 0 = none. */
  notBefore: number;
  stuck: boolean;
}

export interface ScheduleState {
  now: number;
  quietCycles: number;
  candidates: readonly PollCandidate[];
}

function intervalOf(c: PollCandidate, quietCycles: number, settings: PollSettings, focused: boolean): number {
  if (c.stuck) {
    return focused ? settings.maxIntervalMs : settings.maxIntervalMs * settings.unfocusedFactor;
  }
  return cadenceMs(quietCycles, settings, focused);
}

/** When this candidate should next be asked for. */
export function dueAt(c: PollCandidate, quietCycles: number, settings: PollSettings, focused: boolean): number {
  const soft = c.lastPolledAt === null ? -Infinity : c.lastPolledAt + intervalOf(c, quietCycles, settings, focused);
  return Math.max(soft, c.notBefore);
}

/**
 * Whether a cycle running at `now` should ask for this candidate: never before its hard floor;
 * with `early` (its provider is being asked anyway) up to BATCH_SLACK of an interval early.
 */
export function isDue(
  c: PollCandidate,
  now: number,
  quietCycles: number,
  settings: PollSettings,
  focused: boolean,
  early = false,
): boolean {
  if (c.notBefore > now) {
    return false;
  }
  if (c.lastPolledAt === null) {
    return true;
  }
  const interval = intervalOf(c, quietCycles, settings, focused);
  return c.lastPolledAt + interval * (early ? 1 - BATCH_SLACK : 1) <= now;
}

/** Milliseconds until the next cycle (0 = overdue), or null when nothing is pollable. */
export function computeNextDelay(state: ScheduleState, settings: PollSettings, focused: boolean): number | null {
  let next = Infinity;
  for (const c of state.candidates) {
    next = Math.min(next, dueAt(c, state.quietCycles, settings, focused));
  }
  return next === Infinity ? null : Math.max(0, next - state.now);
}

function finiteOr(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}
