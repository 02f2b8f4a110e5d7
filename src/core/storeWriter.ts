import { decodeDocument, DocumentEncoder, TASK_STORE_KEY } from './storeCodec';
import { MergePlan, planMerge } from './storeMerge';
import { TrackedTask } from './trackedTask';

// Writes the task list to storage: changes are collected for a short while and land in one
// write, a write in flight picks up what changed meanwhile, and before every write the stored
// list is merged in (storeMerge.ts), so a window never writes over tasks another window added.

/** VS Code's globalState satisfies this. */
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

/** The store's side: what is in memory, and how it takes in what another window saved. */
export interface StoreMemory {
  readonly tasks: ReadonlyMap<string, TrackedTask>;
  /** Applies the plan and emits what differs. */
  apply(plan: MergePlan): void;
}

const DEFAULT_WRITE_DELAY_MS = 250;

export class StoreWriter {
  private readonly writeDelayMs: number;
  private readonly timers: StoreTimers;
  private readonly encoder = new DocumentEncoder();
  private writeTimer: unknown = undefined;
  private writing: Promise<void> | null = null;
  /** Memory differs from what was last written. */
  private dirty = false;
  /** The last write failed: retry with the next change or flush, not in a loop. */
  private writeFailed = false;
  /** IDs added/removed since the last write: they keep this window's answer in a merge. */
  private unsavedAdds = new Set<string>();
  private unsavedRemoves = new Set<string>();
  /** The stored value memory already incorporates (read or written); lets a merge skip the decode. */
  private lastSeenDoc: unknown = undefined;
  private disposed = false;

  constructor(
    private readonly storage: StoreStorage,
    private readonly memory: StoreMemory,
    private readonly log: (msg: string) => void,
    options: TaskStoreOptions,
  ) {
    this.writeDelayMs = Math.max(0, options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS);
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
  }

  /** What is stored at start-up; empty when nothing (readable) is. */
  load(): Map<string, TrackedTask> {
    const raw = this.storage.get(TASK_STORE_KEY);
    this.lastSeenDoc = raw;
    return decodeDocument(raw, this.log) ?? new Map();
  }

  /** This window started tracking `id`; writes it soon. */
  added(id: string): void {
    this.unsavedAdds.add(id);
    this.unsavedRemoves.delete(id);
    this.scheduleWrite();
  }

  /** This window stopped tracking `id`; writes that soon. */
  removed(id: string): void {
    this.unsavedRemoves.add(id);
    this.unsavedAdds.delete(id);
    this.scheduleWrite();
  }

  /** A task changed; writes it soon. */
  changed(): void {
    this.scheduleWrite();
  }

  /** Worth keeping, not worth a write of its own: goes with the next write. */
  touched(): void {
    this.dirty = true;
  }

  /** Re-reads storage (another window may have written it) and merges what differs. */
  reload(): void {
    const raw = this.storage.get(TASK_STORE_KEY);
    if (raw === this.lastSeenDoc) {
      return;
    }
    if (this.mergeFrom(raw)) {
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

  /** Starts a last write and schedules no more. */
  dispose(): void {
    if (!this.disposed) {
      this.disposed = true;
      void this.flush();
    }
  }

  /** Merges a stored value into memory; true when memory is newer than it. */
  private mergeFrom(raw: unknown): boolean {
    const theirs = decodeDocument(raw, this.log);
    this.lastSeenDoc = raw;
    if (!theirs) {
      // An unreadable document says nothing about membership: keep memory. It is not written over
      // from here (it may come from a newer version); only a real change of ours replaces it.
      return false;
    }
    const plan = planMerge(this.memory.tasks, theirs, { adds: this.unsavedAdds, removes: this.unsavedRemoves });
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
      const raw = this.storage.get(TASK_STORE_KEY);
      if (raw !== this.lastSeenDoc) {
        this.mergeFrom(raw);
      }
      const doc = this.encoder.encode(this.memory.tasks);
      const adds = this.unsavedAdds;
      const removes = this.unsavedRemoves;
      this.unsavedAdds = new Set();
      this.unsavedRemoves = new Set();
      this.lastSeenDoc = doc;
      try {
        await this.storage.update(TASK_STORE_KEY, doc);
      } catch (err) {
        this.log(`TaskStore: could not save the task list: ${errorText(err)}`);
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
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
