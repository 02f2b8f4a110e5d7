// After a submit whose answer was lost, the job may exist. On servers that list recent tasks, the
// task it would have made is found by what it must look like: made from the same parent (trueai
// says so in `parentId`, novicezk in its description "/up <parent> U2"), submitted just now, and
// not tracked already. Nothing is ever submitted again to find out.

import { describeCustomId } from './customId';
import { Task } from './types';

/** How far before the request's own clock a server's submitTime may be (clock skew between machines). */
export const LOOKUP_SKEW_MS = 2 * 60_000;

export interface LookupWanted {
  parentId: string;
  /** The button pressed, to prefer a task of its kind when the parent has several new children. */
  customId?: string;
  /** When the request was sent (this machine's clock). */
  sentAt: number;
  /** IDs already tracked: never the answer. */
  known: ReadonlySet<string>;
}

/** The task the lost submit most likely made, or null when none fits. */
export function findSubmitted(tasks: readonly Task[], wanted: LookupWanted): Task | null {
  const fresh = tasks.filter(
    (t) =>
      !wanted.known.has(t.id) &&
      t.id !== wanted.parentId &&
      madeFrom(t, wanted.parentId) &&
      (t.submitTime === null || t.submitTime >= wanted.sentAt - LOOKUP_SKEW_MS),
  );
  if (fresh.length <= 1) return fresh[0] ?? null;
  const kind = wanted.customId ? ACTION_WORDS[describeCustomId(wanted.customId).group] : undefined;
  const sameKind = kind ? fresh.filter((t) => kind.test(t.action)) : [];
  const pool = sameKind.length ? sameKind : fresh;
  return [...pool].sort((a, b) => (b.submitTime ?? 0) - (a.submitTime ?? 0))[0];
}

function madeFrom(t: Task, parentId: string): boolean {
  if (t.parentId !== null) return t.parentId === parentId;
  // novicezk's description names the parent: "/up 1730621826053455 U2", "/variation … V1".
  return t.description !== null && new RegExp(`(^|\\s)${escape(parentId)}(\\s|$)`).test(t.description);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The action words each kind of button's task is given, across the dialects. */
const ACTION_WORDS: Partial<Record<string, RegExp>> = {
  upscale: /UPSCALE|UPSAMPLE/i,
  vary: /VARIATION|VARY/i,
  reroll: /REROLL/i,
  zoom: /ZOOM|OUTPAINT/i,
  pan: /PAN/i,
  video: /VIDEO|ANIMATE/i,
  describe: /DESCRIBE|IMAGINE/i,
  shorten: /SHORTEN|IMAGINE/i,
};
