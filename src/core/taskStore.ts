import { Lineage, newTrackedTask, NO_LINEAGE } from './blankTask';
import { MjError } from './errors';
import { Disposable, Emitter, Event } from './events';
import { sameTask } from './sameTask';
import { MergePlan } from './storeMerge';
import { StoreBackend } from './storeBackend';
import { errorText, StoreStorage, StoreWriter, TaskStoreOptions } from './storeWriter';
import { isActive, TrackedTask } from './trackedTask';
import { Task } from './types';

// The single source of truth for tracked tasks: evented, and persisted by a writer that batches
// writes and merges what other windows saved (storeWriter.ts, storeMerge.ts), either as one
// document in a key-value storage or in the task files (storeBackend.ts, taskFiles.ts).

export interface TaskStoreChange {
  /** Tasks whose observable state changed (never those added in the same event). */
  changed: TrackedTask[];
  added: string[];
  removed: string[];
}

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

  private readonly writer: StoreWriter;
  private disposed = false;

  constructor(
    storage: StoreStorage | StoreBackend,
    private readonly log: (msg: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
    options: TaskStoreOptions = {},
  ) {
    const onListenerError = (err: unknown) => this.log(`TaskStore: a listener failed: ${errorText(err)}`);
    this.changeEmitter = new Emitter(onListenerError);
    this.finishEmitter = new Emitter(onListenerError);
    this.onDidChange = this.changeEmitter.event;
    this.onDidFinish = this.finishEmitter.event;
    this.writer = new StoreWriter(storage, { tasks: this.tasks, apply: (plan) => this.applyMerge(plan) }, log, options);
    for (const t of this.writer.load().values()) {
      this.put(t);
    }
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

  /** Starts tracking `ids`; `lineage` says what they were made from (a button pressed here). */
  add(ids: readonly string[], provider: string, lineage: Lineage = NO_LINEAGE): { added: string[]; existing: string[] } {
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
        this.put(newTrackedTask(id, provider, now, lineage));
        this.writer.added(id);
        this.pendingAdded.push(id);
        added.push(id);
      }
    });
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
        this.writer.changed(id);
      } else {
        // Only lastCheckedAt moved.
        this.writer.touched(id);
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
    this.writer.reload();
  }

  /** Writes pending changes now and waits until everything is stored. Call it on shutdown. */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  /** Stops events and starts a last write; await `flush()` first when the write must land. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.writer.dispose();
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
    this.writer.changed(next.id);
  }

  private deleteOne(id: string): void {
    if (!this.tasks.delete(id)) {
      return;
    }
    this.snapshot = null;
    this.writer.removed(id, this.now());
    this.pendingRemoved.push(id);
    this.pendingChanged.delete(id);
    this.pendingFinished.delete(id);
  }

  /** What another window saved: not through add/deleteOne, which would record unsaved changes. */
  private applyMerge(plan: MergePlan): void {
    this.batch(() => {
      for (const t of plan.added) {
        this.put(t);
        this.pendingAdded.push(t.id);
      }
      for (const t of plan.changed) {
        this.put(t);
        this.pendingChanged.add(t.id);
      }
      for (const id of plan.removed) {
        this.tasks.delete(id);
        this.snapshot = null;
        this.pendingRemoved.push(id);
      }
    });
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
}
