import { isAscii } from 'buffer';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { codeOf } from './atomicFile';
import { isRecord } from './record';
import { decodeDocument, decodeEntry, encodeEntry, TASK_STORE_VERSION } from './storeCodec';
import { TrackedTask } from './trackedTask';

// The names and the text of the task files (taskFiles.ts).
// - A log holds one line per write: the tasks that write stored and the IDs it removed, as one
//   JSON object, so a write is taken whole or not at all: a line counts once its closing newline
//   is there, and a write cut short leaves a line without one, which is never read.
// - A snapshot is the stored document of storeCodec.ts plus `logs`: how many bytes of each log
//   it holds.
// Everything is written as ASCII (JSON escapes the rest), so a cold load reads it as Latin-1: a
// few milliseconds for 15 MB, where decoding UTF-8 takes about ten times that.

export const SNAPSHOT_FILE = /^snapshot-(\d+)\.json$/;
export const LOG_FILE = /^log-(\d+)-[0-9a-f]+\.jsonl$/;
export const TEMP_FILE = /^snapshot-\d+\.json\.(\d+)-[0-9a-f]+\.tmp$/;

export function snapshotName(generation: number): string {
  return `snapshot-${generation}.json`;
}

/** A new log's name: the writing process, and a random part that sets each instance apart. */
export function logName(pid: number): string {
  return `log-${pid}-${randomBytes(4).toString('hex')}.jsonl`;
}

/** Where a snapshot is written before it gets its name. */
export function tempName(snapshot: string, pid: number): string {
  return `${snapshot}.${pid}-${randomBytes(4).toString('hex')}.tmp`;
}

export function snapshotsNewestFirst(names: readonly string[]): number[] {
  const out: number[] = [];
  for (const name of names) {
    const m = SNAPSHOT_FILE.exec(name);
    if (m) out.push(Number(m[1]));
  }
  return out.sort((a, b) => b - a);
}

export function newestSnapshot(names: readonly string[]): number {
  return snapshotsNewestFirst(names)[0] ?? 0;
}

/** The folder's file names; none when it is not there (yet, or any more). */
export function listFolder(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return [];
    throw err;
  }
}

/** A file's size; -1 when it is not there. */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return -1;
  }
}

export interface Snapshot {
  tasks: Map<string, TrackedTask>;
  /** Bytes of each log the snapshot holds. */
  logs: Map<string, number>;
}

export function encodeSnapshot(tasks: Iterable<TrackedTask>, logs: ReadonlyMap<string, number>): string {
  return asciiJson({ version: TASK_STORE_VERSION, logs: Object.fromEntries(logs), tasks: Array.from(tasks, (t) => encodeEntry(t)) });
}

/** null when the text is not a snapshot this version reads (logged). */
export function decodeSnapshot(text: string, log: (msg: string) => void): Snapshot | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    log('TaskStore: a snapshot of the task list is damaged (not JSON).');
    return null;
  }
  const tasks = decodeDocument(raw, log);
  if (!tasks || !isRecord(raw)) return null;
  const logs = new Map<string, number>();
  for (const [name, bytes] of Object.entries(isRecord(raw.logs) ? raw.logs : {})) {
    if (LOG_FILE.test(name) && Number.isSafeInteger(bytes) && (bytes as number) >= 0) logs.set(name, bytes as number);
  }
  return { tasks, logs };
}

/** One write: tasks stored (in their stored form) and IDs removed, each with when. */
export interface LogBatch {
  readonly puts: TrackedTask[];
  readonly removals: Array<readonly [string, number]>;
}

const NEWLINE = 0x0a;

/** JSON with every non-ASCII character escaped: the same value, read back by any JSON parser. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A file's text: read as Latin-1 when it is ASCII (what this module writes), else as UTF-8. */
export function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The line a write appends. */
export function encodeBatch(batch: LogBatch): string {
  const line: { put?: unknown[]; del?: LogBatch['removals'] } = {};
  if (batch.puts.length) line.put = batch.puts.map((t) => encodeEntry(t));
  if (batch.removals.length) line.del = batch.removals;
  return `${asciiJson(line)}\n`;
}

/** A line read back; null when it is not a log line at all. Damaged entries are reported and left out. */
export function decodeBatch(line: string, report: (msg: string) => void): LogBatch | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isRecord(raw) || (raw.put !== undefined && !Array.isArray(raw.put)) || (raw.del !== undefined && !Array.isArray(raw.del))) {
    return null;
  }
  const puts: TrackedTask[] = [];
  (raw.put ?? []).forEach((entry: unknown, i: number) => {
    const t = decodeEntry(entry, i, report);
    if (t) puts.push(t);
  });
  const removals: Array<readonly [string, number]> = [];
  for (const r of raw.del ?? []) {
    if (Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number' && Number.isFinite(r[1])) {
      removals.push([r[0], r[1]]);
    } else {
      report(`dropped a stored removal: ${JSON.stringify(r)?.slice(0, 80)} is not an ID and a time.`);
    }
  }
  return { puts, removals };
}

/**
 * The complete lines of `file` from byte `from` to at most byte `to` (default: its end), and where
 * the last of them ends. A file that is not there has none.
 */
export function readLines(file: string, from: number, to = Infinity): { lines: string[]; end: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return { lines: [], end: from };
    throw err;
  }
  try {
    const size = Math.min(fs.fstatSync(fd).size, to);
    if (size <= from) {
      return { lines: [], end: from };
    }
    const bytes = Buffer.allocUnsafe(size - from);
    let got = 0;
    while (got < bytes.length) {
      const n = fs.readSync(fd, bytes, got, bytes.length - got, from + got);
      if (n === 0) break;
      got += n;
    }
    const last = got > 0 ? bytes.subarray(0, got).lastIndexOf(NEWLINE) : -1;
    if (last < 0) {
      return { lines: [], end: from };
    }
    const complete = bytes.subarray(0, last);
    const text = isAscii(complete) ? complete.toString('latin1') : complete.toString('utf8');
    return { lines: text.split('\n'), end: from + last + 1 };
  } finally {
    fs.closeSync(fd);
  }
}
