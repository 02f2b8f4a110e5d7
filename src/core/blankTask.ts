import { TrackedTask } from './trackedTask';
import { Task, TaskStatus, TERMINAL_STATUSES } from './types';

// The one place that builds a task from nothing: the store when it starts tracking an ID, the
// benchmark's sample lists and the tests' fixtures. A new Task or TrackedTask field gets its
// empty value here, and nowhere else.

/** The fields a caller may set on a blank task; `terminal` always follows the status. */
export type TaskFields = Partial<Omit<Task, 'id' | 'terminal'>>;

/**
 * A task with every field at its empty value (what normalizeTask reads from `{id}` alone:
 * status UNKNOWN, no text, no URLs, no buttons), then `fields` on top.
 */
export function blankTask(id: string, fields: TaskFields = {}): Task {
  const status: TaskStatus = fields.status ?? 'UNKNOWN';
  return {
    id,
    action: '',
    rawStatus: '',
    progress: null,
    prompt: null,
    promptEn: null,
    finalPrompt: null,
    finalZhPrompt: null,
    description: null,
    imageUrl: null,
    imageUrls: [],
    videoUrls: [],
    failReason: null,
    buttons: [],
    seed: null,
    parentId: null,
    mode: null,
    submitTime: null,
    startTime: null,
    finishTime: null,
    ...fields,
    status,
    terminal: TERMINAL_STATUSES.has(status),
  };
}

/** Where a tracked task came from: the task it was made from and the button pressed on it. */
export interface Lineage {
  readonly parentId: string | null;
  readonly originCustomId: string | null;
}

export const NO_LINEAGE: Lineage = Object.freeze({ parentId: null, originCustomId: null });

/** An ID tracked at `at` on `provider`: never fetched, no error, not stuck. */
export function newTrackedTask(id: string, provider: string, at: number, lineage: Lineage = NO_LINEAGE): TrackedTask {
  return {
    id,
    provider,
    addedAt: at,
    lastChangedAt: at,
    lastCheckedAt: null,
    task: null,
    error: null,
    stuck: false,
    parentId: lineage.parentId,
    originCustomId: lineage.originCustomId,
  };
}
