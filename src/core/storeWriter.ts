import { Disposable } from './events';
import { DocumentBackend, isStoreBackend, StoreBackend, StoredList } from './storeBackend';
import { MergePlan, planMerge, UnsavedMembership } from './storeMerge';
import { TrackedTask } from './trackedTask';

// Writes the task list to its backend (storeBackend.ts): changes are collected for a short while
// and land in one write, a write in flight picks up what changed meanwhile, and before every write
// what is stored is merged in (storeMerge.ts), so a window never writes over tasks another window
// added.

/** A key-value storage holding the list as one document; VS Code's globalState satisfies it. */
export interface StoreStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
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

/** The store's side: what is in memory, and how it takes in what another window saved. */
export interface StoreMemory {
  readonly tasks: ReadonlyMap<string, TrackedTask>;
  /** Applies the plan and emits what differs. */
  apply(plan: MergePlan): void;
}

const NONE: ReadonlySet<string> = new Set();

const DEFAULT_WRITE_DELAY_MS = 250;

export class StoreWriter {
  private readonly backend: StoreBackend;
  private readonly writeDelayMs: number;
  private readonly timers: StoreTimers;
  private readonly watching: Disposable | undefined;
  private writeTimer: unknown = undefined;
  private writing: Promise<void> | null = null;
  /** Memory differs from what was last written. */
  private dirty = false;
  /** The last write failed: retry with the next change or flush, not in a loop. */
  private writeFailed = false;
  /** What changed since the last write began: tasks to store, IDs removed (with when). */
  private changedIds = new Set<string>();
  private removals = new Map<string, number>();
  /** IDs added/removed and not stored yet: they keep this window's answer in a merge. */
  private unsavedAdds = new Set<string>();
  private unsavedRemoves = new Set<string>();
  /** The same for the write in flight, until it lands. */
  private writingAdds = NONE;
  private writingRemoves = NONE;
  private readonly unsaved: UnsavedMembership = {
    adds: { has: (id) => this.unsavedAdds.has(id) || this.writingAdds.has(id) },
    removes: { has: (id) => this.unsavedRemoves.has(id) || this.writingRemoves.has(id) },
  };
  private disposed = false;

  constructor(
    storage: StoreStorage | StoreBackend,
    private readonly memory: StoreMemory,
    private readonly log: (msg: string) => void,
    options: TaskStoreOptions,
  ) {
    this.backend = isStoreBackend(storage) ? storage : new DocumentBackend(storage, log);
    this.writeDelayMs = Math.max(0, options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS);
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.watching = this.backend.watch?.(() => this.reload());
  }

  /** What is stored at start-up; empty when nothing (readable) is. */
  load(): Map<string, TrackedTask> {
    return this.backend.load();
  }

  /** This window started tracking `id`; writes it soon. */
  added(id: string): void {
    this.unsavedAdds.add(id);
    this.unsavedRemoves.delete(id);
    this.removals.delete(id);
    this.changedIds.add(id);
    this.scheduleWrite();
  }

  /** This window stopped tracking `id` at `at`; writes that soon. */
  removed(id: string, at: number): void {
    this.unsavedRemoves.add(id);
    this.unsavedAdds.delete(id);
    this.changedIds.delete(id);
    this.removals.set(id, at);
    this.scheduleWrite();
  }

  /** Task `id` changed; writes it soon. */
  changed(id: string): void {
    this.changedIds.add(id);
    this.scheduleWrite();
  }

  /** Task `id` is worth keeping, not worth a write of its own: goes with the next write. */
  touched(id: string): void {
    this.changedIds.add(id);
    this.dirty = true;
  }

  /** Re-reads what is stored (another window may have written it) and merges what differs. */
  reload(): void {
    if (this.disposed) {
      return;
    }
    if (this.mergeStored()) {
      this.scheduleWrite();
    }
  }

  /** Writes pending changes now and waits until everything is stored. */
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

  /** Stops watching, starts a last write and schedules no more. */
  dispose(): void {
    if (!this.disposed) {
      this.disposed = true;
      this.watching?.dispose();
      void this.flush();
    }
  }

  /** Merges what is stored into memory; true when memory is newer than it. */
  private mergeStored(): boolean {
    let stored: StoredList | null;
    try {
      stored = this.backend.read();
    } catch (err) {
      this.log(`TaskStore: could not read the saved task list: ${errorText(err)}`);
      return false;
    }
    if (!stored) {
      return false;
    }
    const plan = planMerge(this.memory.tasks, stored.tasks, this.unsaved, stored.ids);
    this.memory.apply(plan);
    return plan.memoryIsNewer;
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
      this.mergeStored();
      const batch = { changed: this.changedIds, removed: this.removals };
      this.changedIds = new Set();
      this.removals = new Map();
      const adds = (this.writingAdds = this.unsavedAdds);
      const removes = (this.writingRemoves = this.unsavedRemoves);
      this.unsavedAdds = new Set();
      this.unsavedRemoves = new Set();
      try {
        await this.backend.write(this.memory.tasks, batch);
      } catch (err) {
        this.log(`TaskStore: could not save the task list: ${errorText(err)}`);
        this.keepUnsaved(batch, adds, removes);
        this.dirty = true;
        this.writeFailed = true;
        return;
      } finally {
        this.writingAdds = NONE;
        this.writingRemoves = NONE;
      }
    }
  }

  /** After a failed write: memory is still right; what it did not store stays to be stored. */
  private keepUnsaved(batch: { changed: Set<string>; removed: Map<string, number> }, adds: Set<string>, removes: Set<string>): void {
    for (const id of adds) {
      if (!removes.has(id) && !this.unsavedRemoves.has(id)) this.unsavedAdds.add(id);
    }
    for (const id of removes) {
      if (!this.unsavedAdds.has(id)) this.unsavedRemoves.add(id);
    }
    for (const id of batch.changed) {
      if (!this.removals.has(id)) this.changedIds.add(id);
    }
    for (const [id, at] of batch.removed) {
      if (!this.unsavedAdds.has(id) && !this.removals.has(id)) this.removals.set(id, at);
    }
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
