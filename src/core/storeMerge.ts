import { TrackedTask } from './trackedTask';

// How a window's task list and the list another window saved become one. globalState is shared
// by all windows, but each window keeps its own copy in memory. The rule:
//   - membership: the stored list is the truth, except for IDs this window added or removed and
//     has not written yet (those keep this window's answer);
//   - content: per task, the newer `lastChangedAt` wins (a tie keeps memory).
// No tombstones: a removal is simply absence from the stored list.

/** IDs this window added or removed since its last write. */
export interface UnsavedMembership {
  readonly adds: ReadonlySet<string>;
  readonly removes: ReadonlySet<string>;
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

export function planMerge(
  mine: ReadonlyMap<string, TrackedTask>,
  theirs: ReadonlyMap<string, TrackedTask>,
  unsaved: UnsavedMembership,
): MergePlan {
  const plan: MergePlan = { added: [], changed: [], removed: [], memoryIsNewer: false };
  for (const [id, stored] of theirs) {
    const own = mine.get(id);
    if (!own) {
      if (!unsaved.removes.has(id)) plan.added.push(stored);
    } else if (stored.lastChangedAt > own.lastChangedAt) {
      plan.changed.push(stored);
    } else if (stored.lastChangedAt < own.lastChangedAt) {
      plan.memoryIsNewer = true;
    }
  }
  for (const id of mine.keys()) {
    if (!theirs.has(id) && !unsaved.adds.has(id)) plan.removed.push(id);
  }
  return plan;
}
