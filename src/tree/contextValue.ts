import { TrackedTask } from '../core/trackedTask';
import { TREE_ITEM_FLAGS } from '../ids';

/**
 * A space-separated flag set; package.json menus match single flags with `viewItem =~ /\bflag\b/`,
 * so adding a flag never breaks an existing menu.
 */
export function taskContextValue(t: TrackedTask): string {
  const f = TREE_ITEM_FLAGS;
  const flags: string[] = [f.task];
  const task = t.task;
  if (task) {
    flags.push(`status-${task.status}`);
    flags.push(task.terminal ? f.terminal : f.active);
    if (task.imageUrl || task.imageUrls.length) {
      flags.push(f.hasImage);
    }
    if (task.finalPrompt) {
      flags.push(f.hasFinalPrompt);
    }
    if (task.buttons.length) {
      flags.push(f.hasButtons);
    }
  } else {
    flags.push(f.active, f.unfetched);
  }
  if (t.stuck) {
    flags.push(f.stuck);
  }
  if (t.error) {
    flags.push(f.error);
  }
  return flags.join(' ');
}
