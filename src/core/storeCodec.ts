import { blankTask } from './blankTask';
import { MjErrorKind } from './errors';
import { isRecord } from './record';
import { TASK_FIELD_ENTRIES } from './taskFields';
import { TrackedTask, TrackedTaskError } from './trackedTask';
import { Task, TaskButton, TaskStatus, TASK_STATUSES, TERMINAL_STATUSES } from './types';

// The stored task list: ONE versioned document of entries (under one storage key in a key-value
// storage, or as the snapshot of the task files). Compact: keys whose value is the default (null,
// '', [], false) are left out, `terminal` is derived from the status. Each entry is validated on
// its own when read back, so one damaged entry costs only itself.

export const TASK_STORE_KEY = 'mjTasks.trackedTasks';
export const TASK_STORE_VERSION = 1;

export interface StoredDocument {
  version: number;
  tasks: EncodedEntry[];
}

type EncodedTask = Record<string, unknown>;

export interface EncodedEntry {
  id: string;
  provider: string;
  addedAt: number;
  lastChangedAt: number;
  lastCheckedAt?: number;
  task?: EncodedTask;
  error?: TrackedTaskError;
  stuck?: true;
  /** Lineage, left out when unknown: documents written before it existed read the same. */
  parentId?: string;
  originCustomId?: string;
}

/** Enough damaged-entry lines to diagnose, not enough to flood the log with 10 000. */
const MAX_DAMAGE_LINES = 10;

const ERROR_KINDS: Record<MjErrorKind, true> = {
  TaskNotFound: true,
  Unauthorized: true,
  RateLimited: true,
  ServerError: true,
  BadResponse: true,
  SubmitRejected: true,
  Network: true,
  Timeout: true,
  NotConfigured: true,
};

const STATUS_SET: ReadonlySet<string> = new Set<string>(TASK_STATUSES);

/**
 * Encodes task lists, reusing each entry's encoded form while its object is unchanged (tracked
 * tasks are immutable), so writing 10 000 tasks after one change re-encodes one.
 */
export class DocumentEncoder {
  private readonly entries = new WeakMap<TrackedTask, EncodedEntry>();
  private readonly tasks = new WeakMap<Task, EncodedTask>();

  encode(tasks: ReadonlyMap<string, TrackedTask>): StoredDocument {
    const out: EncodedEntry[] = new Array(tasks.size);
    let i = 0;
    for (const t of tasks.values()) {
      let e = this.entries.get(t);
      if (!e) {
        e = this.encodeEntry(t);
        this.entries.set(t, e);
      }
      out[i++] = e;
    }
    return { version: TASK_STORE_VERSION, tasks: out };
  }

  private encodeEntry(t: TrackedTask): EncodedEntry {
    let et: EncodedTask | undefined;
    if (t.task) {
      et = this.tasks.get(t.task);
      if (!et) {
        et = encodeTask(t.task);
        this.tasks.set(t.task, et);
      }
    }
    return encodeEntry(t, et);
  }
}

/** One tracked task in its stored form; `encodedTask` is its task's encoded form when known. */
export function encodeEntry(t: TrackedTask, encodedTask?: EncodedTask): EncodedEntry {
  const e: EncodedEntry = { id: t.id, provider: t.provider, addedAt: t.addedAt, lastChangedAt: t.lastChangedAt };
  if (t.lastCheckedAt !== null) e.lastCheckedAt = t.lastCheckedAt;
  if (t.task) e.task = encodedTask ?? encodeTask(t.task);
  if (t.error) e.error = t.error;
  if (t.stuck) e.stuck = true;
  if (t.parentId !== null) e.parentId = t.parentId;
  if (t.originCustomId !== null) e.originCustomId = t.originCustomId;
  return e;
}

function encodeTask(task: Task): EncodedTask {
  const out: EncodedTask = {};
  for (const [key] of TASK_FIELD_ENTRIES) {
    const v = task[key];
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      continue;
    }
    out[key] = v;
  }
  return out;
}

/**
 * The tasks in a stored document, in stored order; empty when nothing is stored yet. null: not
 * a document this version can read (the caller keeps what it has). Damage is logged.
 */
export function decodeDocument(raw: unknown, log: (msg: string) => void): Map<string, TrackedTask> | null {
  const out = new Map<string, TrackedTask>();
  if (raw === undefined || raw === null) {
    return out;
  }
  if (!isRecord(raw) || raw.version !== TASK_STORE_VERSION || !Array.isArray(raw.tasks)) {
    const why = isRecord(raw) && typeof raw.version === 'number' && raw.version !== TASK_STORE_VERSION
      ? `version ${raw.version} is not ${TASK_STORE_VERSION}`
      : 'not a task list document';
    log(`TaskStore: the stored task list is unreadable (${why}); starting from an empty list.`);
    return null;
  }
  const damage = new DamageReport(log);
  raw.tasks.forEach((entry: unknown, i: number) => {
    const t = decodeEntry(entry, i, damage.add);
    if (!t) {
      return;
    }
    if (out.has(t.id)) {
      damage.add(`dropped stored entry #${i}: task ${t.id} is listed twice.`);
      return;
    }
    out.set(t.id, t);
  });
  damage.close();
  return out;
}

/** Damage found in one read, logged: enough lines to diagnose, not 10 000 of them. */
export class DamageReport {
  private count = 0;
  constructor(private readonly log: (msg: string) => void) {}

  readonly add = (msg: string): void => {
    if (++this.count <= MAX_DAMAGE_LINES) {
      this.log(`TaskStore: ${msg}`);
    }
  };

  /** Says how many more there were than were logged. */
  close(): void {
    if (this.count > MAX_DAMAGE_LINES) {
      this.log(`TaskStore: … and ${this.count - MAX_DAMAGE_LINES} more damaged stored entries.`);
    }
    this.count = 0;
  }
}

/**
 * The tracking fields must be right or the entry is dropped. The cached server state (task,
 * error) is only a cache: when damaged it is forgotten, and the next poll fetches it again.
 * `i` names the entry in a damage report.
 */
export function decodeEntry(raw: unknown, i: number, report: (msg: string) => void): TrackedTask | null {
  if (!isRecord(raw)) {
    report(`dropped stored entry #${i}: not an object.`);
    return null;
  }
  const { id, provider, addedAt } = raw;
  const lastChangedAt = raw.lastChangedAt ?? addedAt;
  const lastCheckedAt = raw.lastCheckedAt ?? null;
  const stuck = raw.stuck ?? false;
  if (typeof id !== 'string' || id === '') {
    report(`dropped stored entry #${i}: no task ID.`);
    return null;
  }
  if (
    typeof provider !== 'string' ||
    !isTime(addedAt) ||
    !isTime(lastChangedAt) ||
    (lastCheckedAt !== null && !isTime(lastCheckedAt)) ||
    typeof stuck !== 'boolean'
  ) {
    report(`dropped stored entry #${i} (task ${id}): a field has the wrong type.`);
    return null;
  }
  let task: Task | null = null;
  if (raw.task !== undefined && raw.task !== null) {
    task = decodeTask(raw.task);
    if (!task) {
      report(`stored state of task ${id} is damaged; it will be fetched again.`);
    }
  }
  let error: TrackedTaskError | null = null;
  if (raw.error !== undefined && raw.error !== null) {
    error = decodeError(raw.error);
    if (!error) {
      report(`stored error of task ${id} is damaged; dropped.`);
    }
  }
  // Lineage is a nicety: a damaged one is forgotten, never the entry with it.
  const parentId = optionalText(raw.parentId);
  const originCustomId = optionalText(raw.originCustomId);
  if (parentId === undefined || originCustomId === undefined) {
    report(`stored lineage of task ${id} is damaged; dropped.`);
  }
  return {
    id,
    provider,
    addedAt,
    lastChangedAt,
    lastCheckedAt: task ? lastCheckedAt : null,
    task,
    error,
    stuck,
    parentId: parentId ?? null,
    originCustomId: originCustomId ?? null,
  };
}

function decodeTask(raw: unknown): Task | null {
  if (!isRecord(raw)) {
    return null;
  }
  // Filled in place on a blank task, which has every field already: several times faster than
  // growing a new object key by key, and a cold load reads 10 000 of these.
  const out = blankTask('') as unknown as Record<string, unknown>;
  for (const [key, kind] of TASK_FIELD_ENTRIES) {
    const v = raw[key];
    if (v === undefined) {
      if (kind === 'status') return null;
      continue; // the blank value is the default
    }
    switch (kind) {
      case 'string':
        if (typeof v !== 'string') return null;
        break;
      case 'status':
        if (typeof v !== 'string' || !STATUS_SET.has(v)) return null;
        break;
      case 'stringOrNull':
        if (v !== null && typeof v !== 'string') return null;
        break;
      case 'numberOrNull':
        if (v !== null && !isTime(v)) return null;
        break;
      case 'strings':
        if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return null;
        out[key] = v.slice();
        continue;
      case 'buttons':
        if (!Array.isArray(v) || !v.every(isButton)) return null;
        out[key] = v.map((b: TaskButton) => ({ customId: b.customId, label: b.label, emoji: b.emoji }));
        continue;
    }
    out[key] = v;
  }
  out.terminal = TERMINAL_STATUSES.has(out.status as TaskStatus);
  return out as unknown as Task;
}

function decodeError(raw: unknown): TrackedTaskError | null {
  if (
    isRecord(raw) &&
    typeof raw.kind === 'string' &&
    Object.prototype.hasOwnProperty.call(ERROR_KINDS, raw.kind) &&
    typeof raw.message === 'string' &&
    typeof raw.hint === 'string' &&
    isTime(raw.at)
  ) {
    return { kind: raw.kind as MjErrorKind, message: raw.message, hint: raw.hint, at: raw.at };
  }
  return null;
}

function isButton(v: unknown): v is TaskButton {
  return isRecord(v) && typeof v.customId === 'string' && typeof v.label === 'string' && typeof v.emoji === 'string';
}

/** A stored optional text: the text, null when absent, undefined when damaged. */
function optionalText(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
