import { TrackedTask } from './trackedTask';

// How a window's task list and the list another window saved become one. Every window keeps its
// own copy in memory of a list they all store. The rule:
//   - membership: the stored list is the truth, except for IDs this window added or removed and
//     has not stored yet (those keep this window's answer);
//   - content: per task, the newer `lastChangedAt` wins (a tie keeps memory).
// A store that keeps one document needs no tombstones: a removal is simply absence from it. The
// task files (taskFiles.ts) store changes instead, and fold them into "the stored list" with the
// same content rule and a removal time per ID (foldPut, foldRemoval below).

/** The one thing a merge asks of a set of IDs. */
export interface IdSet {
  has(id: string): boolean;
}

/** IDs this window added or removed since its last write. */
export interface UnsavedMembership {
  readonly adds: IdSet;
  readonly removes: IdSet;
}

/** What memory takes from the stored list. */
export interface MergePlan {
  /** Stored tasks memory lacks, in stored order. */
  added: TrackedTask[];
  /** Stored tasks newer than memory's copy. */
  changed: TrackedTask[];
  /** IDs memory has and the stored list does not. */
  removed: string[];
  /** Memory holds content the stored list lacks (it is worth a write). */
  memoryIsNewer: boolean;
}

/**
 * The plan for the whole stored list, or, with `only`, for those IDs alone (what a store that
 * reads changes knows may differ; every other ID is taken to agree).
 */
export function planMerge(
  mine: ReadonlyMap<string, TrackedTask>,
  theirs: ReadonlyMap<string, TrackedTask>,
  unsaved: UnsavedMembership,
  only?: Iterable<string>,
): MergePlan {
  const plan: MergePlan = { added: [], changed: [], removed: [], memoryIsNewer: false };
  const compare = (id: string, stored: TrackedTask) => {
    const own = mine.get(id);
    if (!own) {
      if (!unsaved.removes.has(id)) plan.added.push(stored);
    } else if (stored.lastChangedAt > own.lastChangedAt) {
      plan.changed.push(stored);
    } else if (stored.lastChangedAt < own.lastChangedAt) {
      plan.memoryIsNewer = true;
    }
  };
  if (only) {
    for (const id of new Set(only)) {
      const stored = theirs.get(id);
      if (stored) compare(id, stored);
      else if (mine.has(id) && !unsaved.adds.has(id)) plan.removed.push(id);
    }
    return plan;
  }
  for (const [id, stored] of theirs) {
    compare(id, stored);
  }
  for (const id of mine.keys()) {
    if (!theirs.has(id) && !unsaved.adds.has(id)) plan.removed.push(id);
  }
  return plan;
}

/**
 * Folds a stored task into the stored list: the newer content wins (a tie takes the later write,
 * which may carry a later check time), and a task tracked before its ID was last removed is an
 * old write that lost the race to that removal. True when the list changed.
 */
export function foldPut(stored: Map<string, TrackedTask>, removedAt: ReadonlyMap<string, number>, t: TrackedTask): boolean {
  const removed = removedAt.get(t.id);
  if (removed !== undefined && t.addedAt < removed) return false;
  const cur = stored.get(t.id);
  if (cur && t.lastChangedAt < cur.lastChangedAt) return false;
  stored.set(t.id, t);
  return true;
}

/**
 * Folds a removal made at `at` into the stored list. It removes the task unless that was tracked
 * again after `at` (somewhere else), and it is remembered for foldPut. True when the list changed.
 */
export function foldRemoval(stored: Map<string, TrackedTask>, removedAt: Map<string, number>, id: string, at: number): boolean {
  removedAt.set(id, Math.max(removedAt.get(id) ?? at, at));
  const cur = stored.get(id);
  if (!cur || cur.addedAt > at) return false;
  stored.delete(id);
  return true;
}
