import { TASK_FIELD_ENTRIES } from './taskFields';
import { Task, TaskButton } from './types';

/** Same observable state: every Task field compared by value. */
export function sameTask(a: Task, b: Task): boolean {
  if (a === b) {
    return true;
  }
  for (const [key, kind] of TASK_FIELD_ENTRIES) {
    const x = a[key];
    const y = b[key];
    if (kind === 'strings') {
      if (!sameStrings(x as string[], y as string[])) return false;
    } else if (kind === 'buttons') {
      if (!sameButtons(x as TaskButton[], y as TaskButton[])) return false;
    } else if (x !== y) {
      return false;
    }
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function sameButtons(a: readonly TaskButton[], b: readonly TaskButton[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => x.customId === b[i].customId && x.label === b[i].label && x.emoji === b[i].emoji)
  );
}
