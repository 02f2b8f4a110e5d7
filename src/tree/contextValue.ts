import { TrackedTask } from '../core/trackedTask';

/**
 * A space-separated flag set; package.json menus match single flags with `viewItem =~ /\bflag\b/`,
 * so adding a flag never breaks an existing menu.
 */
export function taskContextValue(t: TrackedTask): string {
  const flags = ['task'];
  const task = t.task;
  if (task) {
    flags.push(`status-${task.status}`);
    flags.push(task.terminal ? 'terminal' : 'active');
    if (task.imageUrl || task.imageUrls.length) {
      flags.push('hasImage');
    }
    if (task.finalPrompt) {
      flags.push('hasFinalPrompt');
    }
    if (task.buttons.length) {
      flags.push('hasButtons');
    }
  } else {
    flags.push('active', 'unfetched');
  }
  if (t.stuck) {
    flags.push('stuck');
  }
  if (t.error) {
    flags.push('error');
  }
  return flags.join(' ');
}
