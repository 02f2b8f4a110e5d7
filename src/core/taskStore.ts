import { MjError, MjErrorKind } from './errors';
import { Disposable, Emitter, Event } from './events';
import { isRecord } from './record';
import { Task, TaskButton, TaskStatus, TASK_STATUSES, TERMINAL_STATUSES } from './types';

// The single source of truth for tracked tasks: evented, persisted as ONE versioned document
// under one storage key (VS Code's globalState satisfies `StoreStorage`).
//
// Sharing between windows. globalState is shared by all windows, but each window keeps its own
// copy in memory. The rule, used both by `reload()` and before every write:
//   - membership: the stored document is the truth, except for IDs this window added or removed
//     and has not written yet (those keep this window's answer);
//   - content: per task, the newer `lastChangedAt` wins (a tie keeps memory).
// Merging before each write means a window never writes over tasks another window added.
// No tombstones: a removal is simply absence from the stored document.

export const TASK_STORE_KEY = 'mjTasks.trackedTasks';
export const TASK_STORE_VERSION = 1;

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
}

export interface StoreStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): Promise<void>;
}

export interface StoreTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TaskStoreOptions {
  /** How long changes are collected before one write; default 250 ms. */
  writeDelayMs?: number;
  /** Default: the global timers. Tests pass a fake clock. */
  timers?: StoreTimers;
}

export interface TaskStoreChange {
  /** Tasks whose observable state changed (never those added in the same event). */
  changed: TrackedTask[];
  added: string[];
  removed: string[];
}

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

const DEFAULT_WRITE_DELAY_MS = 250;
/** Enough damaged-entry lines to diagnose, not enough to flood the log with 10 000. */
const MAX_DAMAGE_LINES = 10;

export class TaskStore implements Disposable {
  private readonly tasks = new Map<string, TrackedTask>();
  private snapshot: readonly TrackedTask[] | null = null;

  private readonly changeEmitter: Emitter<TaskStoreChange>;
  private readonly finishEmitter: Emitter<TrackedTask[]>;
  readonly onDidChange: Event<TaskStoreChange>;
  /** Tasks seen running that just became terminal through a fetch, once per transition, batched per round. */
  readonly onDidFinish: Event<TrackedTask[]>;

  // Batching: mutations inside batch() (and every single mutator) emit once at the end.
  private batchDepth = 0;
  private pendingChanged = new Set<string>();
  private pendingAdded: string[] = [];
  private pendingRemoved: string[] = [];
  private pendingFinished = new Set<string>();

  // Persistence.
  private readonly writeDelayMs: number;
  private readonly timers: StoreTimers;
  private writeTimer: unknown = undefined;
  private writing: Promise<void> | null = null;
  /** Memory differs from what was last written. */
  private dirty = false;
  /** The last write failed: retry with the next change or flush, not in a loop. */
  private writeFailed = false;
  /** IDs this window added/removed since its last write: they keep this window's answer in a merge. */
  private unsavedAdds = new Set<string>();
  private unsavedRemoves = new Set<string>();
  /** The stored value memory already incorporates (read or written); lets a merge skip the decode. */
  private lastSeenDoc: unknown = undefined;
  /** Encoded forms, reused while the object is unchanged so a write is cheap for 10 000 tasks. */
  private readonly encodedEntries = new WeakMap<TrackedTask, EncodedEntry>();
  private readonly encodedTasks = new WeakMap<Task, EncodedTask>();
  private disposed = false;

  constructor(
    private readonly storage: StoreStorage,
    private readonly log: (msg: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
    options: TaskStoreOptions = {},
  ) {
    const onListenerError = (err: unknown) => this.log(`TaskStore: a listener failed: ${describe(err)}`);
    this.changeEmitter = new Emitter(onListenerError);
    this.finishEmitter = new Emitter(onListenerError);
    this.onDidChange = this.changeEmitter.event;
    this.onDidFinish = this.finishEmitter.event;
    this.writeDelayMs = Math.max(0, options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS);
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.load();
  }

  // ---- Reading -------------------------------------------------------------------------------

  /** Every tracked task in insertion order; sort with `newestFirst` for display. */
  all(): readonly TrackedTask[] {
    if (!this.snapshot) {
      this.snapshot = Object.freeze([...this.tasks.values()]);
    }
    return this.snapshot;
  }

  get(id: string): TrackedTask | undefined {
    return this.tasks.get(id);
  }

  /** Tasks still worth polling: never fetched, or not terminal. */
  active(): TrackedTask[] {
    const out: TrackedTask[] = [];
    for (const t of this.tasks.values()) {
      if (isActive(t)) {
        out.push(t);
      }
    }
    return out;
  }

  get size(): number {
    return this.tasks.size;
  }

  // ---- Mutating ------------------------------------------------------------------------------

  /** Runs fn and emits one onDidChange / onDidFinish for everything it did. Nests. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) {
        this.emitPending();
      }
    }
  }

  add(ids: readonly string[], provider: string): { added: string[]; existing: string[] } {
    const added: string[] = [];
    const existing: string[] = [];
    const seen = new Set<string>();
    const now = this.now();
    this.batch(() => {
      for (const id of ids) {
        if (!id || seen.has(id)) {
          continue;
        }
        seen.add(id);
        if (this.tasks.has(id)) {
          existing.push(id);
          continue;
        }
        this.put({ id, provider, addedAt: now, lastChangedAt: now, lastCheckedAt: null, task: null, error: null, stuck: false });
        this.unsavedAdds.add(id);
        this.unsavedRemoves.delete(id);
        this.pendingAdded.push(id);
        added.push(id);
      }
    });
    if (added.length) {
      this.scheduleWrite();
    }
    return { added, existing };
  }

  remove(ids: readonly string[]): void {
    this.batch(() => {
      for (const id of ids) {
        this.deleteOne(id);
      }
    });
  }

  /** Removes every terminal task; returns their IDs. */
  clearFinished(): string[] {
    const ids = [...this.tasks.values()].filter((t) => t.task?.terminal).map((t) => t.id);
    this.remove(ids);
    return ids;
  }

  /**
   * Records a fetched state. 'changed' when the task's observable state differs from the last
   * known one (status, progress, URLs, buttons, prompts…); a fetch that only confirms the same
   * state updates lastCheckedAt silently. Either way a recorded error is cleared.
   */
  applyResult(id: string, task: Task): 'changed' | 'unchanged' {
    const cur = this.tasks.get(id);
    if (!cur) {
      return 'unchanged';
    }
    const now = this.now();
    const contentChanged = cur.task === null || !sameTask(cur.task, task);
    const next: TrackedTask = {
      ...cur,
      lastCheckedAt: now,
      task: contentChanged ? task : cur.task,
      lastChangedAt: contentChanged ? now : cur.lastChangedAt,
      error: null,
      // A task that moves is by definition not stuck any more.
      stuck: contentChanged ? false : cur.stuck,
    };
    this.batch(() => {
      this.put(next);
      if (contentChanged || cur.error !== null) {
        this.pendingChanged.add(id);
        this.scheduleWrite();
      } else {
        // Only lastCheckedAt moved: worth keeping, not worth a write of its own.
        this.dirty = true;
      }
      // Finished *while tracked*: a task first seen already finished was never waited for.
      if (task.terminal && cur.task !== null && !cur.task.terminal) {
        this.pendingFinished.add(id);
      }
    });
    return contentChanged ? 'changed' : 'unchanged';
  }

  /** Records a poll error on a task, once: the same kind again changes nothing (no event). */
  applyError(id: string, err: MjError): void {
    const cur = this.tasks.get(id);
    if (!cur || cur.error?.kind === err.kind) {
      return;
    }
    this.update({ ...cur, error: { kind: err.kind, message: err.message, hint: err.hint, at: this.now() } });
  }

  markStuck(id: string, stuck: boolean): void {
    const cur = this.tasks.get(id);
    if (cur && cur.stuck !== stuck) {
      this.update({ ...cur, stuck });
    }
  }

  // ---- Sharing and persistence ---------------------------------------------------------------

  /** Re-reads storage (another window may have written it) and emits what differs. */
  reload(): void {
    const raw = this.storage.get(TASK_STORE_KEY);
    if (raw === this.lastSeenDoc) {
      return;
    }
    const { memoryIsNewer } = this.mergeFrom(raw);
    if (memoryIsNewer) {
      this.scheduleWrite();
    }
  }

  /** Writes pending changes now and waits until everything is stored. Call it on shutdown. */
  async flush(): Promise<void> {
    for (;;) {
      this.cancelWriteTimer();
      if (this.writing) {
        await this.writing;
        continue;
      }
      if (!this.dirty) {
        return;
      }
      this.writeFailed = false;
      await this.startWriting();
      if (this.writeFailed) {
        return; // logged; one retry per flush is enough
      }
    }
  }

  /** Stops events and starts a last write; await `flush()` first when the write must land. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    void this.flush();
    this.changeEmitter.dispose();
    this.finishEmitter.dispose();
  }

  // ---- Internals -----------------------------------------------------------------------------

  private put(t: TrackedTask): void {
    this.tasks.set(t.id, t);
    this.snapshot = null;
  }

  private update(next: TrackedTask): void {
    this.batch(() => {
      this.put(next);
      this.pendingChanged.add(next.id);
    });
    this.scheduleWrite();
  }

  private deleteOne(id: string): boolean {
    if (!this.tasks.delete(id)) {
      return false;
    }
    this.snapshot = null;
    this.unsavedRemoves.add(id);
    this.unsavedAdds.delete(id);
    this.pendingRemoved.push(id);
    this.pendingChanged.delete(id);
    this.pendingFinished.delete(id);
    this.scheduleWrite();
    return true;
  }

  private emitPending(): void {
    // Swap first: a listener may mutate the store, which starts (and emits) its own batch.
    const changedIds = this.pendingChanged;
    const addedIds = this.pendingAdded;
    const removed = this.pendingRemoved;
    const finishedIds = this.pendingFinished;
    this.pendingChanged = new Set();
    this.pendingAdded = [];
    this.pendingRemoved = [];
    this.pendingFinished = new Set();

    // Report the current objects (a batch may touch a task twice), and only what still exists.
    // An ID removed and re-added in one batch is in both lists: consumers apply `removed` first.
    const added = addedIds.filter((id) => this.tasks.has(id));
    const addedSet = new Set(added);
    const changed: TrackedTask[] = [];
    for (const id of changedIds) {
      const t = this.tasks.get(id);
      if (t && !addedSet.has(id)) changed.push(t);
    }
    if (changed.length || added.length || removed.length) {
      this.changeEmitter.fire({ changed, added, removed });
    }
    const finished: TrackedTask[] = [];
    for (const id of finishedIds) {
      const t = this.tasks.get(id);
      if (t?.task?.terminal) finished.push(t);
    }
    if (finished.length) {
      this.finishEmitter.fire(finished);
    }
  }

  private load(): void {
    const raw = this.storage.get(TASK_STORE_KEY);
    this.lastSeenDoc = raw;
    const decoded = decodeDocument(raw, this.log);
    if (decoded) {
      for (const t of decoded.values()) {
        this.put(t);
      }
    }
  }

  /**
   * Applies the module rule (stored membership, newest content) and emits what differs.
   * `memoryIsNewer`: this window holds content the stored document lacks.
   */
  private mergeFrom(raw: unknown): { memoryIsNewer: boolean } {
    const theirs = decodeDocument(raw, this.log);
    this.lastSeenDoc = raw;
    if (!theirs) {
      // An unreadable document says nothing about membership: keep memory. It is not written over
      // from here (it may come from a newer version); only a real change of ours replaces it.
      return { memoryIsNewer: false };
    }
    let memoryIsNewer = false;
    this.batch(() => {
      for (const [id, stored] of theirs) {
        const mine = this.tasks.get(id);
        if (!mine) {
          if (!this.unsavedRemoves.has(id)) {
            this.put(stored);
            this.pendingAdded.push(id);
          }
        } else if (stored.lastChangedAt > mine.lastChangedAt) {
          this.put(stored);
          this.pendingChanged.add(id);
        } else if (stored.lastChangedAt < mine.lastChangedAt) {
          memoryIsNewer = true;
        }
      }
      for (const id of [...this.tasks.keys()]) {
        if (!theirs.has(id) && !this.unsavedAdds.has(id)) {
          // Removed by another window. Not through deleteOne: that would record an unsaved removal.
          this.tasks.delete(id);
          this.snapshot = null;
          this.pendingRemoved.push(id);
        }
      }
    });
    return { memoryIsNewer };
  }

  private scheduleWrite(): void {
    this.dirty = true;
    // Not a sliding debounce: the first change starts the clock, so a busy poll loop cannot
    // postpone the write forever; everything within writeDelayMs lands in the same write.
    // (If a write is in flight when the timer fires, its loop picks the change up.)
    if (this.writeTimer === undefined && !this.disposed) {
      this.writeTimer = this.timers.setTimeout(() => {
        this.writeTimer = undefined;
        void this.startWriting();
      }, this.writeDelayMs);
    }
  }

  private cancelWriteTimer(): void {
    if (this.writeTimer !== undefined) {
      this.timers.clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
    }
  }

  private startWriting(): Promise<void> {
    if (!this.writing) {
      this.writing = this.writeLoop().finally(() => {
        this.writing = null;
        // A change may land between the loop's last check and here: give it its own write.
        if (this.dirty && !this.writeFailed) {
          this.scheduleWrite();
        }
      });
    }
    return this.writing;
  }

  /** Writes until memory is clean; changes made while a write is in flight go in the next one. */
  private async writeLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      this.writeFailed = false;
      const raw = this.storage.get(TASK_STORE_KEY);
      if (raw !== this.lastSeenDoc) {
        this.mergeFrom(raw);
      }
      const doc = this.encodeDocument();
      const adds = this.unsavedAdds;
      const removes = this.unsavedRemoves;
      this.unsavedAdds = new Set();
      this.unsavedRemoves = new Set();
      this.lastSeenDoc = doc;
      try {
        await this.storage.update(TASK_STORE_KEY, doc);
      } catch (err) {
        this.log(`TaskStore: could not save the task list: ${describe(err)}`);
        // Memory is still right; keep the unsaved marks so a merge does not undo them.
        for (const id of adds) {
          if (!removes.has(id) && !this.unsavedRemoves.has(id)) this.unsavedAdds.add(id);
        }
        for (const id of removes) {
          if (!this.unsavedAdds.has(id)) this.unsavedRemoves.add(id);
        }
        this.lastSeenDoc = undefined;
        this.dirty = true;
        this.writeFailed = true;
        return;
      }
    }
  }

  private encodeDocument(): StoredDocument {
    const tasks: EncodedEntry[] = new Array(this.tasks.size);
    let i = 0;
    for (const t of this.tasks.values()) {
      let e = this.encodedEntries.get(t);
      if (!e) {
        e = encodeEntry(t, this.encodedTasks);
        this.encodedEntries.set(t, e);
      }
      tasks[i++] = e;
    }
    return { version: TASK_STORE_VERSION, tasks };
  }
}

// ---- The stored document ------------------------------------------------------------------------
// Compact: keys whose value is the default (null, '', [], false) are left out, `terminal` is
// derived from the status. Each entry is validated on its own when read back.

interface StoredDocument {
  version: number;
  tasks: EncodedEntry[];
}

type EncodedTask = Record<string, unknown>;

interface EncodedEntry {
  id: string;
  provider: string;
  addedAt: number;
  lastChangedAt: number;
  lastCheckedAt?: number;
  task?: EncodedTask;
  error?: TrackedTaskError;
  stuck?: true;
}

type FieldKind = 'string' | 'stringOrNull' | 'numberOrNull' | 'strings' | 'buttons' | 'status';

/** Every Task field except `terminal`; typed so adding a Task field without listing it fails to compile. */
const TASK_FIELDS: Record<Exclude<keyof Task, 'terminal'>, FieldKind> = {
  id: 'string',
  action: 'string',
  status: 'status',
  rawStatus: 'string',
  progress: 'numberOrNull',
  prompt: 'stringOrNull',
  promptEn: 'stringOrNull',
  finalPrompt: 'stringOrNull',
  finalZhPrompt: 'stringOrNull',
  description: 'stringOrNull',
  imageUrl: 'stringOrNull',
  imageUrls: 'strings',
  videoUrls: 'strings',
  failReason: 'stringOrNull',
  buttons: 'buttons',
  seed: 'stringOrNull',
  parentId: 'stringOrNull',
  mode: 'stringOrNull',
  submitTime: 'numberOrNull',
  startTime: 'numberOrNull',
  finishTime: 'numberOrNull',
};
const TASK_FIELD_ENTRIES = Object.entries(TASK_FIELDS) as Array<[Exclude<keyof Task, 'terminal'>, FieldKind]>;

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

function encodeEntry(t: TrackedTask, taskCache: WeakMap<Task, EncodedTask>): EncodedEntry {
  const e: EncodedEntry = { id: t.id, provider: t.provider, addedAt: t.addedAt, lastChangedAt: t.lastChangedAt };
  if (t.lastCheckedAt !== null) e.lastCheckedAt = t.lastCheckedAt;
  if (t.task) {
    let et = taskCache.get(t.task);
    if (!et) {
      et = encodeTask(t.task);
      taskCache.set(t.task, et);
    }
    e.task = et;
  }
  if (t.error) e.error = t.error;
  if (t.stuck) e.stuck = true;
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

/** null: not a document this version can read (the caller keeps what it has). */
function decodeDocument(raw: unknown, log: (msg: string) => void): Map<string, TrackedTask> | null {
  const out = new Map<string, TrackedTask>();
  if (raw === undefined || raw === null) {
    return out; // nothing stored yet
  }
  if (!isRecord(raw) || raw.version !== TASK_STORE_VERSION || !Array.isArray(raw.tasks)) {
    const why = isRecord(raw) && typeof raw.version === 'number' && raw.version !== TASK_STORE_VERSION
      ? `version ${raw.version} is not ${TASK_STORE_VERSION}`
      : 'not a task list document';
    log(`TaskStore: the stored task list is unreadable (${why}); starting from an empty list.`);
    return null;
  }
  let damaged = 0;
  const report = (msg: string) => {
    if (++damaged <= MAX_DAMAGE_LINES) {
      log(`TaskStore: ${msg}`);
    }
  };
  raw.tasks.forEach((entry: unknown, i: number) => {
    const t = decodeEntry(entry, i, report);
    if (!t) {
      return;
    }
    if (out.has(t.id)) {
      report(`dropped stored entry #${i}: task ${t.id} is listed twice.`);
      return;
    }
    out.set(t.id, t);
  });
  if (damaged > MAX_DAMAGE_LINES) {
    log(`TaskStore: … and ${damaged - MAX_DAMAGE_LINES} more damaged stored entries.`);
  }
  return out;
}

/**
 * The tracking fields must be right or the entry is dropped. The cached server state (task,
 * error) is only a cache: when damaged it is forgotten, and the next poll fetches it again.
 */
function decodeEntry(raw: unknown, i: number, report: (msg: string) => void): TrackedTask | null {
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
  return { id, provider, addedAt, lastChangedAt, lastCheckedAt: task ? lastCheckedAt : null, task, error, stuck };
}

function decodeTask(raw: unknown): Task | null {
  if (!isRecord(raw)) {
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const [key, kind] of TASK_FIELD_ENTRIES) {
    const v = raw[key];
    switch (kind) {
      case 'string':
        if (v === undefined) out[key] = '';
        else if (typeof v === 'string') out[key] = v;
        else return null;
        break;
      case 'status':
        if (typeof v !== 'string' || !STATUS_SET.has(v)) return null;
        out[key] = v;
        break;
      case 'stringOrNull':
        if (v === undefined || v === null) out[key] = null;
        else if (typeof v === 'string') out[key] = v;
        else return null;
        break;
      case 'numberOrNull':
        if (v === undefined || v === null) out[key] = null;
        else if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
        else return null;
        break;
      case 'strings':
        if (v === undefined) out[key] = [];
        else if (Array.isArray(v) && v.every((s) => typeof s === 'string')) out[key] = v.slice();
        else return null;
        break;
      case 'buttons':
        if (v === undefined) out[key] = [];
        else if (Array.isArray(v) && v.every(isButton)) {
          out[key] = v.map((b: TaskButton) => ({ customId: b.customId, label: b.label, emoji: b.emoji }));
        } else return null;
        break;
    }
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


function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
