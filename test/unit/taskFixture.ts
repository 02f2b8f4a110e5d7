import { blankTask, TaskFields } from '../../src/core/blankTask';
import { Task, TaskStatus } from '../../src/core/types';

/** A normalized task as the client returns it, for store and scheduler tests. */
export function makeTask(id: string, status: TaskStatus = 'IN_PROGRESS', extra: TaskFields = {}): Task {
  return blankTask(id, { action: 'IMAGINE', status, rawStatus: status, progress: status === 'SUCCESS' ? 100 : 10, prompt: 'a cat', ...extra });
}
