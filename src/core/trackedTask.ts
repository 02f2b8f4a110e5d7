import { MjErrorKind } from './errors';
import { Task } from './types';

// A task as MJ Tasks tracks it: which provider to ask, when it was tracked, what the server last
// said about it and how the last poll went. The store holds these; the tree, the preview, the
// notifier and the scheduler read them.

export interface TrackedTaskError {
  readonly kind: MjErrorKind;
  readonly message: string;
  readonly hint: string;
  readonly at: number;
}

/** Immutable: every change replaces the object, so a listener may keep what it was given. */
export interface TrackedTask {
  readonly id: string;
  /** The provider's name (which server and key to ask). */
  readonly provider: string;
  readonly addedAt: number;
  /** When the task's observable state last changed (starts at addedAt). */
  readonly lastChangedAt: number;
  /** When a fetch last answered for this task; null before the first answer. */
  readonly lastCheckedAt: number | null;
  /** Last known state; null before the first successful fetch. */
  readonly task: Task | null;
  /** The last poll error for this task; cleared by the next successful fetch. */
  readonly error: TrackedTaskError | null;
  readonly stuck: boolean;
  /** The task it was made from (a button pressed on it here); null when not known. */
  readonly parentId: string | null;
  /** The customId of the button pressed on the parent to make it; null when not known. */
  readonly originCustomId: string | null;
}

/** The task it was made from: as tracked here, else as the server says (trueai's parentId). */
export function parentOf(t: TrackedTask): string | null {
  return t.parentId ?? t.task?.parentId ?? null;
}

/** Still worth polling: never fetched, or not terminal. */
export function isActive(t: TrackedTask): boolean {
  return t.task === null || !t.task.terminal;
}

/** Newest first: when the server says it was submitted, else when it was tracked; then by ID. */
export function compareNewestFirst(a: TrackedTask, b: TrackedTask): number {
  const d = (b.task?.submitTime ?? b.addedAt) - (a.task?.submitTime ?? a.addedAt);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function newestFirst(tasks: readonly TrackedTask[]): TrackedTask[] {
  return [...tasks].sort(compareNewestFirst);
}
