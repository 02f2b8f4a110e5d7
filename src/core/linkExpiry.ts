import * as l10n from '@vscode/l10n';
import { Task } from './types';

// When a result's link stops working. Discord attachment links (what most relays hand out) carry
// their expiry in the query: `ex=` is the Unix time in seconds, in hex, beside `is=` (issued) and
// `hm=` (the signature). A link without `ex=` has no known expiry: null, never a guess.

/** How long before expiry MJ Tasks warns about an unsaved task (once). */
export const EXPIRY_WARNING_MS = 60 * 60 * 1000;

/** Hex seconds: at most 12 digits (far beyond any real date), nothing else. */
const HEX_SECONDS = /^[0-9a-f]{1,12}$/i;

/** The epoch ms at which `url` expires, or null when it says nothing (or is not a URL). */
export function linkExpiry(url: string): number | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const ex = parsed.searchParams.get('ex');
  if (ex === null || !HEX_SECONDS.test(ex)) {
    return null;
  }
  const seconds = parseInt(ex, 16);
  return seconds > 0 ? seconds * 1000 : null;
}

/** Every link of a task's result: the image, the per-image links, the videos. */
export function taskLinks(task: Task): string[] {
  return [task.imageUrl, ...task.imageUrls, ...task.videoUrls].filter((u): u is string => !!u);
}

/** The earliest expiry among a task's links, or null when none of them has one. */
export function taskLinkExpiry(task: Task | null): number | null {
  if (!task) return null;
  let earliest: number | null = null;
  for (const url of taskLinks(task)) {
    const at = linkExpiry(url);
    if (at !== null && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}

/** "5 h", "42 min", "2 d": a rounded span for a person; under a minute says "less than a minute". */
export function formatSpan(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  if (m < 1) return l10n.t('less than a minute');
  if (m < 60) return l10n.t('{0} min', m);
  const h = Math.round(m / 60);
  if (h < 48) return l10n.t('{0} h', h);
  return l10n.t('{0} d', Math.round(h / 24));
}

export type ExpiryState = 'none' | 'live' | 'soon' | 'expired';

/** Where a link stands at `now`: no known expiry, alive, within the warning hour, or dead. */
export function expiryState(expiresAt: number | null, now: number): ExpiryState {
  if (expiresAt === null) return 'none';
  if (expiresAt <= now) return 'expired';
  return expiresAt - now <= EXPIRY_WARNING_MS ? 'soon' : 'live';
}

/** "link expires in 5 h" / "link expired 2 h ago"; '' when there is no known expiry. */
export function describeExpiry(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return '';
  return expiresAt > now
    ? l10n.t('link expires in {0}', formatSpan(expiresAt - now))
    : l10n.t('link expired {0} ago', formatSpan(now - expiresAt));
}
