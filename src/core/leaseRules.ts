import { isRecord } from './record';

// What a window does with the poll lease, decided from what the lease files say: pure functions
// of the files' contents, the time and the window's focus, tested without timers or files. The
// loop that reads and writes the files and arms the timer is pollLease.ts; why the protocol looks
// like this is in docs/polling.md.

/** The lease: who polls for every window, in which term, last renewed when. */
export const LEASE_FILE = 'poll-lease.json';
/** A focused window that does not hold the lease asks for it here; the holder reads it when it renews. */
export const LEASE_REQUEST_FILE = 'poll-lease-request.json';
const LEASE_FORMAT = 1;

export interface LeaseRecord {
  /** The window that polls; null after the holder released the lease. */
  readonly owner: string | null;
  /** One more with every claim, hand-over and release; renewals keep it. */
  readonly term: number;
  readonly renewedAt: number;
}

export interface LeaseRequest {
  readonly owner: string;
  readonly at: number;
}

export interface LeaseTimings {
  /** How often the holder renews the lease and every other window reads it. */
  renewMs: number;
  /** A lease not renewed for this long is free: its window closed or stalled. */
  graceMs: number;
  /** How long a window waits after writing its claim before reading it back. */
  settleMs: number;
}

export const DEFAULT_LEASE_TIMINGS: LeaseTimings = { renewMs: 2_000, graceMs: 10_000, settleMs: 300 };

/** The timings with every value usable: a grace shorter than two renewals would lose leases to a slow tick. */
export function sanitizeTimings(t: Partial<LeaseTimings>): LeaseTimings {
  const pick = (v: number | undefined, fallback: number) => (v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback);
  const renewMs = pick(t.renewMs, DEFAULT_LEASE_TIMINGS.renewMs);
  return {
    renewMs,
    graceMs: Math.max(2 * renewMs, pick(t.graceMs, DEFAULT_LEASE_TIMINGS.graceMs)),
    settleMs: Math.min(renewMs, pick(t.settleMs, DEFAULT_LEASE_TIMINGS.settleMs)),
  };
}

/** A request counts while its window keeps writing it, which it does at every read of the lease. */
function requestFreshMs(t: LeaseTimings): number {
  return 2 * t.renewMs;
}

/** Within `windowMs` of now, either way: a clock set back must not make a lease last for ever. */
function isRecent(at: number, now: number, windowMs: number): boolean {
  return Math.abs(now - at) <= windowMs;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** The lease in a file's text; null when there is none or it is not one (torn, foreign, another format). */
export function parseLease(text: string | undefined): LeaseRecord | null {
  const v = parseJson(text);
  if (!isRecord(v) || v.version !== LEASE_FORMAT || !isCount(v.term) || typeof v.renewedAt !== 'number' || !Number.isFinite(v.renewedAt)) {
    return null;
  }
  if (v.owner !== null && (typeof v.owner !== 'string' || v.owner === '')) {
    return null;
  }
  return { owner: v.owner, term: v.term, renewedAt: v.renewedAt };
}

export function parseRequest(text: string | undefined): LeaseRequest | null {
  const v = parseJson(text);
  if (!isRecord(v) || v.version !== LEASE_FORMAT || typeof v.owner !== 'string' || v.owner === '' || typeof v.at !== 'number' || !Number.isFinite(v.at)) {
    return null;
  }
  return { owner: v.owner, at: v.at };
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function encodeLease(r: LeaseRecord): string {
  return JSON.stringify({ version: LEASE_FORMAT, owner: r.owner, term: r.term, renewedAt: r.renewedAt });
}

export function encodeRequest(r: LeaseRequest): string {
  return JSON.stringify({ version: LEASE_FORMAT, owner: r.owner, at: r.at });
}

export interface WindowView {
  readonly me: string;
  readonly focused: boolean;
  readonly now: number;
}

/**
 * What a window read from the lease file. A file that is there but is no lease (torn by a crash,
 * damaged by hand) says nothing about who polls: it counts as held since it was first seen so,
 * which gives a live holder a grace period to write over it before anyone claims.
 */
export interface LeaseReading {
  readonly lease: LeaseRecord | null;
  /** When this window first read the file as unreadable; null when it reads or is absent. */
  readonly unreadableSince: number | null;
  /** The highest term this window has read, so terms keep rising across a damaged file. */
  readonly highestTerm: number;
}

export type HolderStep =
  /** Still ours: write it again with the time. */
  | { kind: 'renew'; term: number }
  /** A focused window asked and this one is not focused: write the lease in its name, then follow. */
  | { kind: 'grant'; to: string; term: number }
  /** Another window holds it now (it took over while this one stalled, or won a race): follow. */
  | { kind: 'stepDown' };

/**
 * The holder's move at each renewal. A lease in another name with a lower term is the late write
 * of a window that stalled while it held an older term: it is written over. The same term in
 * another name means two windows claimed at once and the other wrote last: it wins. (A holder
 * that froze and finds another window's lease on waking follows by the first rule; one that froze
 * inside its own write is caught by wroteTooLate.)
 */
export function holderStep(w: WindowView, term: number, lease: LeaseRecord | null, request: LeaseRequest | null, t: LeaseTimings): HolderStep {
  if (lease && lease.owner !== w.me && lease.term >= term) {
    return { kind: 'stepDown' };
  }
  const current = lease && lease.owner === w.me ? Math.max(term, lease.term) : term;
  if (request && request.owner !== w.me && !w.focused && isRecent(request.at, w.now, requestFreshMs(t))) {
    return { kind: 'grant', to: request.owner, term: current + 1 };
  }
  return { kind: 'renew', term: current };
}

export type FollowerStep =
  /** The holder handed the lease to this window: poll from now on. */
  | { kind: 'adopt'; term: number }
  /** Nobody holds it (none yet, released, not renewed within the grace, unreadable for as long): claim it. */
  | { kind: 'claim'; term: number }
  /** Someone holds it and this window is focused: ask for it. */
  | { kind: 'request' }
  | { kind: 'wait' };

export function followerStep(w: WindowView, r: LeaseReading, t: LeaseTimings): FollowerStep {
  const { lease } = r;
  // Handed over to this window: in its name and fresh. Its own stale lease is free like any other.
  if (lease && lease.owner === w.me && isRecent(lease.renewedAt, w.now, t.graceMs)) {
    return { kind: 'adopt', term: lease.term };
  }
  const held = lease
    ? lease.owner !== null && isRecent(lease.renewedAt, w.now, t.graceMs)
    : r.unreadableSince !== null && isRecent(r.unreadableSince, w.now, t.graceMs);
  if (!held) {
    return { kind: 'claim', term: Math.max(r.highestTerm, lease?.term ?? 0) + 1 };
  }
  return w.focused ? { kind: 'request' } : { kind: 'wait' };
}

/**
 * A write of this window that took so long (the window froze in it) that another window may have
 * taken the lease over meanwhile, which the write has then just undone: what it wrote is not to
 * be trusted, and the window reads the lease afresh at its next tick.
 */
export function wroteTooLate(composedAt: number, now: number, t: LeaseTimings): boolean {
  return !isRecent(composedAt, now, t.graceMs - t.renewMs);
}

/** After the settle time: the claim held when the file still names this window in the claimed term. */
export function claimHeld(me: string, term: number, lease: LeaseRecord | null): boolean {
  return lease !== null && lease.owner === me && lease.term === term;
}

/** What the holder writes when it goes (its window closes): a focused asker gets it, else it is free. */
export function releaseRecord(w: WindowView, term: number, request: LeaseRequest | null, t: LeaseTimings): LeaseRecord {
  const to = request && request.owner !== w.me && isRecent(request.at, w.now, requestFreshMs(t)) ? request.owner : null;
  return { owner: to, term: term + 1, renewedAt: w.now };
}
