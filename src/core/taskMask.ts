// A task's text with the key masked. A hostile or careless relay can echo the Authorization
// header into a prompt or a failure reason; whatever shows the task (the tree, the preview, the
// CLI's --json) then shows it too. Masking at the one place tasks come in covers them all.

import { isRecord } from './record';
import { Task } from './types';

/** `task` itself when `mask` changes none of its text (the usual case: one pass over its JSON), else a masked copy. */
export function maskTaskText(task: Task, mask: (text: string) => string): Task {
  const json = JSON.stringify(task);
  if (mask(json) === json) return task;
  return maskStrings(task, mask);
}

function maskStrings<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskStrings(v, mask)) as T;
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, mask)])) as T;
  }
  return value;
}
