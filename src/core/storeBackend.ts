import { Disposable } from './events';
import { decodeDocument, DocumentEncoder, TASK_STORE_KEY } from './storeCodec';
import type { StoreStorage } from './storeWriter';
import { TrackedTask } from './trackedTask';

// Where the store's writer keeps the tracked list. Two kinds: a key-value storage that holds the
// whole list as one document (DocumentBackend below: memory in the CLI, tests and the benchmark),
// and the task files, which store what changed (taskFiles.ts: the extension).

/** What is stored now, when it may differ from what the store last took in. */
export interface StoredList {
  /** The stored list. */
  readonly tasks: ReadonlyMap<string, TrackedTask>;
  /** Only these IDs may differ; undefined: any may, membership included. */
  readonly ids?: Iterable<string>;
}

/** What changed in memory since the last write. */
export interface StoreBatch {
  /** IDs to store again (added, changed, or checked). */
  readonly changed: ReadonlySet<string>;
  /** IDs removed, with when. */
  readonly removed: ReadonlyMap<string, number>;
}

export interface StoreBackend {
  /** What is stored at start-up; empty when nothing (readable) is. */
  load(): Map<string, TrackedTask>;
  /** What is stored now; null when nothing differs from the last load, read or write. */
  read(): StoredList | null;
  /** Stores memory: all of it, or only the batch, as the kind of storage allows. */
  write(memory: ReadonlyMap<string, TrackedTask>, batch: StoreBatch): Promise<void>;
  /** Calls `onChange` when another process may have stored something. */
  watch?(onChange: () => void): Disposable;
}

export function isStoreBackend(s: StoreStorage | StoreBackend): s is StoreBackend {
  return typeof (s as Partial<StoreBackend>).read === 'function';
}

/**
 * The whole list as one document under one key, rewritten on every write: for storages that live
 * in memory. Each write reuses the encoded form of unchanged tasks (DocumentEncoder).
 */
export class DocumentBackend implements StoreBackend {
  private readonly encoder = new DocumentEncoder();
  /** The stored value memory already incorporates (read or written); lets a read skip the decode. */
  private lastSeen: unknown = undefined;

  constructor(
    private readonly storage: StoreStorage,
    private readonly log: (msg: string) => void,
  ) {}

  load(): Map<string, TrackedTask> {
    const raw = this.storage.get(TASK_STORE_KEY);
    this.lastSeen = raw;
    return decodeDocument(raw, this.log) ?? new Map();
  }

  read(): StoredList | null {
    const raw = this.storage.get(TASK_STORE_KEY);
    if (raw === this.lastSeen) {
      return null;
    }
    this.lastSeen = raw;
    // An unreadable document says nothing about membership: memory is kept. It is not written
    // over from here (it may come from a newer version); only a real change replaces it.
    const tasks = decodeDocument(raw, this.log);
    return tasks ? { tasks } : null;
  }

  async write(memory: ReadonlyMap<string, TrackedTask>): Promise<void> {
    const doc = this.encoder.encode(memory);
    this.lastSeen = doc;
    try {
      await this.storage.update(TASK_STORE_KEY, doc);
    } catch (err) {
      this.lastSeen = undefined;
      throw err;
    }
  }
}
