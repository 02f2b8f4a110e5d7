import { isRecord } from './record';
import { SmallFiles } from './smallFiles';

// The completions already announced, in the folder every window shares, so that a finished task
// is announced once whichever window sees it finish: the window that polls now, or the one that
// takes over from it before its copy of the task list has caught up. The announcing window writes
// a task here before it shows anything, and skips the tasks already here.

export const ANNOUNCED_FILE = 'poll-announced.json';
const ANNOUNCED_FORMAT = 1;

export interface AnnounceLedgerOptions {
  /** How long an entry is kept; long enough for the slowest window to catch up. Default 7 days. */
  keepMs?: number;
  /** At most this many entries, the newest. Default 2 000. */
  maxEntries?: number;
  log?(msg: string): void;
}

export class AnnounceLedger {
  private readonly keepMs: number;
  private readonly maxEntries: number;
  private readonly log: (msg: string) => void;

  constructor(
    private readonly files: SmallFiles,
    options: AnnounceLedgerOptions = {},
  ) {
    this.keepMs = options.keepMs ?? 7 * 24 * 3600_000;
    this.maxEntries = Math.max(1, options.maxEntries ?? 2_000);
    this.log = (msg) => options.log?.(`Announcements: ${msg}`);
  }

  /**
   * The IDs of `ids` no window has announced yet, now recorded as announced. When the file
   * cannot be written they are returned all the same: announcing twice beats not at all.
   */
  claim(ids: readonly string[], now: number): string[] {
    if (!ids.length) {
      return [];
    }
    const entries = this.read();
    const fresh = [...new Set(ids)].filter((id) => !entries.has(id));
    if (!fresh.length) {
      return [];
    }
    for (const id of fresh) {
      entries.set(id, now);
    }
    const kept = [...entries]
      .filter(([, at]) => Math.abs(now - at) <= this.keepMs)
      .sort((a, b) => a[1] - b[1])
      .slice(-this.maxEntries);
    try {
      this.files.write(ANNOUNCED_FILE, JSON.stringify({ version: ANNOUNCED_FORMAT, announced: Object.fromEntries(kept) }));
    } catch (err) {
      this.log(`cannot record what was announced: ${String(err)}`);
    }
    return fresh;
  }

  private read(): Map<string, number> {
    const out = new Map<string, number>();
    let text: string | undefined;
    try {
      text = this.files.read(ANNOUNCED_FILE);
    } catch (err) {
      this.log(`cannot read what was announced: ${String(err)}`);
      return out;
    }
    if (text === undefined) {
      return out;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      doc = undefined;
    }
    if (!isRecord(doc) || doc.version !== ANNOUNCED_FORMAT || !isRecord(doc.announced)) {
      this.log('the list of announced tasks is unreadable; starting a new one.');
      return out;
    }
    for (const [id, at] of Object.entries(doc.announced)) {
      if (typeof at === 'number' && Number.isFinite(at)) {
        out.set(id, at);
      }
    }
    return out;
  }
}
