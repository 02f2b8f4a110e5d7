import { parentOf, TrackedTask } from './trackedTask';
import { TaskView } from './taskView';

// The family tree: a task made from another (grid → U2 → its variations → …) is shown under it,
// as deep as it goes. Pure, over a TaskView: within each group a task nests under its parent when
// the parent is shown in the same group; otherwise (filtered out, in another status group, not
// tracked) it stands at the top, so grouping and filtering keep working.

export interface FamilyGroup {
  key: string;
  /** The tasks at the top of the group, in the view's order. */
  roots: string[];
}

export interface FamilyView {
  groups: FamilyGroup[];
  /** Children of each shown task that has any, in the view's order (newest first). */
  children: ReadonlyMap<string, readonly string[]>;
  /** The shown parent of each nested task. */
  parents: ReadonlyMap<string, string>;
}

/** Nests the view's tasks under their parents; `get` reads a task by ID (the store). */
export function buildFamilyView(view: TaskView, get: (id: string) => TrackedTask | undefined): FamilyView {
  const children = new Map<string, string[]>();
  const parents = new Map<string, string>();
  const groups: FamilyGroup[] = [];
  for (const g of view.groups) {
    const inGroup = new Set(g.ids);
    for (const id of g.ids) {
      const t = get(id);
      const parent = t ? parentOf(t) : null;
      if (parent !== null && parent !== id && inGroup.has(parent)) parents.set(id, parent);
    }
    // A server may claim a loop (a → b → a); a task on one stands at the top instead of vanishing.
    for (const id of g.ids) {
      if (parents.has(id) && onLoop(id, parents)) parents.delete(id);
    }
    const roots: string[] = [];
    for (const id of g.ids) {
      const parent = parents.get(id);
      if (parent === undefined) {
        roots.push(id);
        continue;
      }
      const list = children.get(parent);
      if (list) list.push(id);
      else children.set(parent, [id]);
    }
    groups.push({ key: g.key, roots });
  }
  return { groups, children, parents };
}

function onLoop(start: string, parents: ReadonlyMap<string, string>): boolean {
  const seen = new Set<string>([start]);
  for (let p = parents.get(start); p !== undefined; p = parents.get(p)) {
    if (seen.has(p)) return true;
    seen.add(p);
  }
  return false;
}

/** The tracked tasks made from `id` (by lineage or as the server says), newest first. */
export function childrenOf(id: string, tasks: readonly TrackedTask[]): TrackedTask[] {
  return tasks
    .filter((t) => t.id !== id && parentOf(t) === id)
    .sort((a, b) => (b.task?.submitTime ?? b.addedAt) - (a.task?.submitTime ?? a.addedAt));
}
