import * as fs from 'fs';
import * as path from 'path';
import { appendDurably, codeOf, createFileAtomically, isProcessAlive } from './atomicFile';
import { Disposable } from './events';
import { watchFolder } from './folderWatch';
import { StoreBackend, StoreBatch, StoredList } from './storeBackend';
import { DamageReport } from './storeCodec';
import { foldPut, foldRemoval } from './storeMerge';
import { errorText } from './storeWriter';
import * as format from './taskFileFormat';
import { TrackedTask } from './trackedTask';

// The tracked list as files in one folder, written in proportion to what changed
// (docs/storage.md argues the layout; taskFileFormat.ts holds the names and the text):
//   snapshot-<n>.json     the whole list at one point, and how many bytes of each log it holds;
//                         the highest n is current, created whole or not at all, never replaced;
//   log-<pid>-<id>.jsonl  one per store instance (a window), a line per write, appended by its
//                         owner only.
// The stored list is the current snapshot with every log line past it folded in (storeMerge.ts).

const COMPACT_AFTER_BYTES = 1 << 20;
/** Each window session leaves a log: this many of windows that are gone make a snapshot worth it. */
const GONE_LOGS_BEFORE_COMPACTION = 4;

export interface TaskFilesOptions {
  /** Log bytes past the snapshot that make a new one worth writing (or a quarter of it, when more). */
  compactAfterBytes?: number;
  /** The process that names this instance's log; tests stand in for other processes with it. */
  pid?: number;
  /** Whether a log's or temp file's writer still runs (its files are tidied away when not). */
  isAlive?: (pid: number) => boolean;
}

export class TaskFiles implements StoreBackend {
  private stored = new Map<string, TrackedTask>();
  /** When each ID was last removed, as far as the logs past the snapshot tell. */
  private removedAt = new Map<string, number>();
  /** The newest snapshot in the folder when last listed, and the one the list starts from. */
  private newest = 0;
  private base = 0;
  private baseBytes = 0;
  /** Bytes of each log folded into the list, and how many of them the base snapshot holds. */
  private offsets = new Map<string, number>();
  private baseOffsets = new Map<string, number>();
  private ownLog: string;
  private ownBytes = 0;
  /** An append is in flight: this instance's log must not be rotated under it. */
  private appending = false;
  private readonly damage: DamageReport;
  private readonly pid: number;
  private readonly isAlive: (pid: number) => boolean;
  private readonly compactAfterBytes: number;

  constructor(
    readonly folder: string,
    private readonly log: (msg: string) => void,
    options: TaskFilesOptions = {},
  ) {
    this.pid = options.pid ?? process.pid;
    this.isAlive = options.isAlive ?? isProcessAlive;
    this.compactAfterBytes = options.compactAfterBytes ?? COMPACT_AFTER_BYTES;
    this.damage = new DamageReport(log);
    fs.mkdirSync(folder, { recursive: true });
    this.ownLog = format.logName(this.pid);
    this.reloadAll(this.list());
    this.damage.close();
  }

  load(): Map<string, TrackedTask> {
    return new Map(this.stored);
  }

  read(): StoredList | null {
    try {
      const names = this.list();
      if (format.newestSnapshot(names) !== this.newest) {
        this.reloadAll(names);
        return { tasks: this.stored };
      }
      const affected = new Set<string>();
      for (const name of names) {
        if (name !== this.ownLog && format.LOG_FILE.test(name)) this.foldLog(name, affected);
      }
      return affected.size ? { tasks: this.stored, ids: affected } : null;
    } finally {
      this.damage.close(); // one read's damage, capped: a damaged log cannot flood the output
    }
  }

  async write(memory: ReadonlyMap<string, TrackedTask>, batch: StoreBatch): Promise<void> {
    const puts = [...batch.changed].flatMap((id) => memory.get(id) ?? []);
    // An ID tracked again since its removal is stored by its put alone.
    const removals = [...batch.removed].filter(([id]) => !memory.has(id));
    await this.append({ puts, removals });
  }

  /** Stores the tasks that are new or newer than the stored ones; how many that was. */
  async importTasks(tasks: Iterable<TrackedTask>): Promise<number> {
    const puts: TrackedTask[] = [];
    for (const t of tasks) {
      const cur = this.stored.get(t.id);
      const removed = this.removedAt.get(t.id);
      if ((!cur || cur.lastChangedAt < t.lastChangedAt) && (removed === undefined || t.addedAt >= removed)) puts.push(t);
    }
    await this.append({ puts, removals: [] });
    return puts.length;
  }

  watch(onChange: () => void): Disposable {
    return watchFolder(this.folder, onChange, this.log);
  }

  // ---- Reading -------------------------------------------------------------------------------

  /** Starts over from the newest readable snapshot and every log line past it. */
  private reloadAll(names: string[]): void {
    const generations = format.snapshotsNewestFirst(names);
    let snapshot: BaseSnapshot | null = null;
    for (const g of generations) {
      snapshot = this.readSnapshot(g); // an I/O error leaves everything as it was, for the next read
      if (snapshot) break;
    }
    this.newest = generations[0] ?? 0;
    this.stored = snapshot?.tasks ?? new Map();
    this.removedAt = new Map();
    this.base = snapshot?.generation ?? 0;
    this.baseBytes = snapshot?.bytes ?? 0;
    this.baseOffsets = snapshot?.logs ?? new Map();
    this.offsets = new Map();
    for (const name of names) {
      // This instance's own lines count up to what it has finished writing.
      if (format.LOG_FILE.test(name)) this.foldLog(name, undefined, name === this.ownLog ? this.ownBytes : undefined);
    }
    this.rotateIfHeld();
  }

  private readSnapshot(generation: number): BaseSnapshot | null {
    let text: string;
    try {
      text = format.readText(path.join(this.folder, format.snapshotName(generation)));
    } catch (err) {
      if (codeOf(err) === 'ENOENT') return null;
      throw err;
    }
    const snapshot = format.decodeSnapshot(text, this.log);
    return snapshot && { ...snapshot, generation, bytes: text.length };
  }

  /** Folds in the complete lines of a log past what was read of it; `affected` gets the IDs that changed. */
  private foldLog(name: string, affected?: Set<string>, upTo?: number): void {
    const from = this.offsets.get(name) ?? this.baseOffsets.get(name) ?? 0;
    let read: { lines: string[]; end: number };
    try {
      read = format.readLines(path.join(this.folder, name), from, upTo);
    } catch (err) {
      this.log(`TaskStore: could not read ${name} (${errorText(err)}); trying again with the next read.`);
      return;
    }
    for (const line of read.lines) {
      const batch = line ? format.decodeBatch(line, this.damage.add) : null;
      if (batch) this.fold(batch, affected);
      else if (line) this.damage.add(`a line of ${name} is not a saved change; skipped.`);
    }
    this.offsets.set(name, read.end);
  }

  private fold(batch: format.LogBatch, affected?: Set<string>): void {
    for (const [id, at] of batch.removals) {
      if (foldRemoval(this.stored, this.removedAt, id, at)) affected?.add(id);
    }
    for (const t of batch.puts) {
      if (foldPut(this.stored, this.removedAt, t)) affected?.add(t.id);
    }
  }

  // ---- Writing -------------------------------------------------------------------------------

  /** Appends one write to this instance's log and folds it in; compacts when the logs have grown. */
  private async append(batch: format.LogBatch): Promise<void> {
    if (!batch.puts.length && !batch.removals.length) return;
    const line = format.encodeBatch(batch);
    const file = path.join(this.folder, this.ownLog);
    // Only this instance writes its log: another size means it was deleted or cut (the folder
    // removed by hand, say), and a line must never follow bytes it does not know.
    if (this.ownBytes > 0 && format.fileSize(file) !== this.ownBytes) this.startLog();
    const name = this.ownLog;
    this.appending = true;
    try {
      await appendDurably(path.join(this.folder, name), line).catch(async (err: unknown) => {
        if (codeOf(err) !== 'ENOENT') throw err;
        await fs.promises.mkdir(this.folder, { recursive: true });
        await appendDurably(path.join(this.folder, name), line);
      });
    } catch (err) {
      // Part of the line may be there: readers skip it, and the next line goes to a new log.
      this.startLog();
      throw err;
    } finally {
      this.appending = false;
    }
    this.ownBytes += line.length; // ASCII: a byte per character
    this.offsets.set(name, Math.max(this.offsets.get(name) ?? 0, this.ownBytes));
    this.fold(batch);
    if (this.compactionDue()) await this.compact();
  }

  /** Writes the stored list as the next snapshot, then tidies what it makes unnecessary. */
  private async compact(): Promise<void> {
    const generation = this.newest + 1;
    const logs = new Map([...this.offsets].filter(([, bytes]) => bytes > 0));
    const text = format.encodeSnapshot(this.stored.values(), logs);
    const target = path.join(this.folder, format.snapshotName(generation));
    let made: boolean;
    try {
      made = await createFileAtomically(target, format.tempName(target, this.pid), text);
    } catch (err) {
      this.log(`TaskStore: could not write a snapshot of the task list (${errorText(err)}); the logs still hold every change.`);
      return;
    }
    // Not made: another window wrote this one first. A newer one: this one was late (the folder
    // moved on while it was written). Either way the next read starts from the newest.
    if (!made || format.newestSnapshot(this.list()) > generation) {
      return;
    }
    if (this.base < generation) {
      this.newest = Math.max(this.newest, generation);
      this.base = generation;
      this.baseBytes = text.length;
      this.baseOffsets = logs;
    }
    this.tidy();
  }

  /** The logs past the snapshot outgrew a quarter of it (and the minimum), or hold what several
   * windows that are gone wrote: a load would read all of them. */
  private compactionDue(): boolean {
    let bytes = 0;
    let gone = 0;
    for (const [name, end] of this.offsets) {
      const past = end - (this.baseOffsets.get(name) ?? 0);
      bytes += past;
      if (past > 0 && name !== this.ownLog && !this.isAlive(Number(format.LOG_FILE.exec(name)?.[1]))) gone++;
    }
    return bytes > Math.max(this.compactAfterBytes, this.baseBytes / 4) || gone >= GONE_LOGS_BEFORE_COMPACTION;
  }

  /** Removes what the base snapshot made unnecessary: older snapshots (but the one before), stray
   * temp files and the logs of writers that are gone, once it holds all of them. */
  private tidy(): void {
    for (const name of this.list()) {
      const snapshot = format.SNAPSHOT_FILE.exec(name);
      const temp = format.TEMP_FILE.exec(name);
      const log = format.LOG_FILE.exec(name);
      if (
        (snapshot && Number(snapshot[1]) < this.base - 1) ||
        (temp && !this.isAlive(Number(temp[1]))) ||
        (log && name !== this.ownLog && !this.isAlive(Number(log[1])) && this.holdsAllOf(name))
      ) {
        this.remove(name);
      }
    }
    this.rotateIfHeld();
  }

  /** The base snapshot holds every complete line of the log (a torn last line does not count). */
  private holdsAllOf(log: string): boolean {
    const held = this.baseOffsets.get(log) ?? 0;
    return format.readLines(path.join(this.folder, log), held).lines.length === 0;
  }

  /** Once the base snapshot holds all of this instance's log, a new log starts and the old goes. */
  private rotateIfHeld(): void {
    if (!this.appending && this.ownBytes > 0 && (this.baseOffsets.get(this.ownLog) ?? 0) >= this.ownBytes) {
      this.remove(this.ownLog);
      this.startLog();
    }
  }

  private startLog(): void {
    this.offsets.delete(this.ownLog);
    this.ownLog = format.logName(this.pid);
    this.ownBytes = 0;
  }

  private remove(name: string): void {
    try {
      fs.rmSync(path.join(this.folder, name), { force: true });
      this.offsets.delete(name);
      this.baseOffsets.delete(name);
    } catch (err) {
      this.log(`TaskStore: could not remove ${name} (${errorText(err)}).`);
    }
  }

  private list(): string[] {
    return format.listFolder(this.folder);
  }
}

interface BaseSnapshot extends format.Snapshot {
  generation: number;
  bytes: number;
}
