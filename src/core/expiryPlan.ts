import { EXPIRY_WARNING_MS } from './linkExpiry';

// What the link-expiry watch has to say now, and when to look again. Pure: the watch in
// src/save/ only arms one timer for `nextAt` and shows what this returns.

export interface ExpiryCandidate {
  id: string;
  /** The earliest expiry of the task's links (linkExpiry.ts); null: none known, nothing to say. */
  expiresAt: number | null;
  /** Saved into this workspace: no warning before expiry (the file is safe). */
  saved: boolean;
}

export interface ExpiryPlan {
  /** Unsaved, expiring within the warning hour, not warned about yet for this link. */
  warn: ExpiryCandidate[];
  /** Expired, not told yet for this link: say so and fetch the task again. */
  expired: ExpiryCandidate[];
  /** When the next of these moments comes; null when none will. */
  nextAt: number | null;
}

/** The key a told moment is remembered by: a fresh link (another expiry) is told again. */
export function toldKey(kind: 'warn' | 'expired', c: ExpiryCandidate): string {
  return `${kind}:${c.id}@${c.expiresAt}`;
}

export function planExpiry(candidates: readonly ExpiryCandidate[], now: number, told: ReadonlySet<string>): ExpiryPlan {
  const plan: ExpiryPlan = { warn: [], expired: [], nextAt: null };
  const later = (at: number) => {
    if (plan.nextAt === null || at < plan.nextAt) plan.nextAt = at;
  };
  for (const c of candidates) {
    if (c.expiresAt === null) continue;
    if (c.expiresAt <= now) {
      if (!told.has(toldKey('expired', c))) plan.expired.push(c);
      continue;
    }
    later(c.expiresAt);
    const warnAt = c.expiresAt - EXPIRY_WARNING_MS;
    if (c.saved || told.has(toldKey('warn', c))) continue;
    if (warnAt <= now) plan.warn.push(c);
    else later(warnAt);
  }
  return plan;
}
