import * as l10n from '@vscode/l10n';
import type { TrackedTask } from './trackedTask';
import type { StatusGroup } from './taskView';
import { Task, TASK_STATUSES, TaskStatus } from './types';

// The one vocabulary of task status: the word a person reads and the codicon they see, for the
// tree, the preview, the status bar and the CLI. Pure: the tree builds its ThemeIcon from the
// table, the preview's host sends the icon's name to the webview.

export function statusLabel(status: TaskStatus): string {
  switch (status) {
    case 'NOT_START':
      return l10n.t('Not started');
    case 'SUBMITTED':
      return l10n.t('Queued');
    case 'MODAL':
      return l10n.t('Waiting for input');
    case 'IN_PROGRESS':
      return l10n.t('Running');
    case 'SUCCESS':
      return l10n.t('Succeeded');
    case 'FAILURE':
      return l10n.t('Failed');
    case 'CANCEL':
      return l10n.t('Cancelled');
    case 'UNKNOWN':
      return l10n.t('Unknown');
  }
}

/** The label, with the server's own word when it is a status MJ Tasks does not know. */
export function taskStatusLabel(task: Pick<Task, 'status' | 'rawStatus'>): string {
  const raw = task.rawStatus.replace(/\s+/g, ' ').trim();
  return task.status === 'UNKNOWN' && raw ? l10n.t('Unknown ({0})', raw) : statusLabel(task.status);
}

/** The status whose word names each group of "group by status". */
const GROUP_WORD: Readonly<Record<StatusGroup, TaskStatus>> = {
  waiting: 'MODAL',
  running: 'IN_PROGRESS',
  queued: 'SUBMITTED',
  failed: 'FAILURE',
  succeeded: 'SUCCESS',
  cancelled: 'CANCEL',
  unknown: 'UNKNOWN',
};

export function statusGroupLabel(group: StatusGroup): string {
  return statusLabel(GROUP_WORD[group]);
}

/** Every status's label in the current language (the CLI pads its status column to the widest). */
export function statusLabels(): string[] {
  return TASK_STATUSES.map(statusLabel);
}

/** What an icon shows: the task's status, or a tracking state that matters more than it. */
export type StatusIconState = TaskStatus | 'PENDING_FIRST_FETCH' | 'STUCK' | 'ERROR';

export const ICON_STATES: readonly StatusIconState[] = [...TASK_STATUSES, 'PENDING_FIRST_FETCH', 'STUCK', 'ERROR'];

export interface StatusCodicon {
  /** The codicon's name (`pass`, `sync`…). */
  readonly name: string;
  /** A theme colour ID (`testing.iconPassed`). */
  readonly color: string;
  /** Only a running task spins, so a glance tells what is still moving. */
  readonly spin: boolean;
}

export const STATUS_CODICONS: { readonly [S in StatusIconState]: StatusCodicon } = {
  NOT_START: { name: 'circle-large-outline', color: 'testing.iconQueued', spin: false },
  SUBMITTED: { name: 'clock', color: 'testing.iconQueued', spin: false },
  MODAL: { name: 'comment-discussion', color: 'list.warningForeground', spin: false },
  IN_PROGRESS: { name: 'sync', color: 'charts.blue', spin: true },
  SUCCESS: { name: 'pass', color: 'testing.iconPassed', spin: false },
  FAILURE: { name: 'error', color: 'testing.iconFailed', spin: false },
  CANCEL: { name: 'circle-slash', color: 'disabledForeground', spin: false },
  UNKNOWN: { name: 'question', color: 'descriptionForeground', spin: false },
  // Not known to be running yet: it does not spin until the server says it does.
  PENDING_FIRST_FETCH: { name: 'cloud-download', color: 'descriptionForeground', spin: false },
  STUCK: { name: 'watch', color: 'list.warningForeground', spin: false },
  ERROR: { name: 'warning', color: 'list.warningForeground', spin: false },
};

/** A tracked task's icon state: a poll error or a stall matters more than the last status seen. */
export function trackedIconState(t: TrackedTask): StatusIconState {
  if (t.error && t.error.kind !== 'TaskNotFound' && !t.task?.terminal) {
    return 'ERROR';
  }
  if (t.error?.kind === 'TaskNotFound' && !t.task) {
    return 'ERROR';
  }
  if (t.stuck) {
    return 'STUCK';
  }
  return t.task ? t.task.status : 'PENDING_FIRST_FETCH';
}

/** `sync~spin` or `pass`: the ID a ThemeIcon takes, and what goes inside `$(…)` in a status-bar text. */
export function codiconId(icon: StatusCodicon): string {
  return icon.spin ? `${icon.name}~spin` : icon.name;
}
