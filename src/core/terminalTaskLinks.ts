// Which parts of a terminal line are task links, and which tasks each one tracks. Pure: the
// extension's link provider only turns these into TerminalLinks. A terminal shows everything any
// program prints, so only IDs something vouches for count: a submit response's `result`, a
// `/mj/task/<id>/` URL, an ID after "task" / "任务" or under a `"result"` / `"id"` key of printed
// JSON — never a bare number on its own.

import { scanTaskIds, TaskIdMatch } from './taskIdScan';

export interface TerminalTaskLink {
  /** Offsets into the line (VS Code's TerminalLink startIndex / length). */
  start: number;
  length: number;
  /** The tasks activating it tracks, in the order printed, without repeats. */
  ids: string[];
}

/** VS Code hands over a whole wrapped line; a minified JSON dump can be megabytes. */
export const MAX_LINE_CHARS = 20_000;

/** Matches looked at per line: a batch script's output of many IDs is one link anyway. */
const MAX_MATCHES = 500;

/** "task" in English, "任务" in Chinese, shortly before or after a bare ID: `任务 ID：1730…`, `1730… 任务已提交`. */
const TASK_WORD = /task|任务/i;
const TASK_WORD_REACH = 24;

/**
 * The key of a pretty-printed JSON line (`  "result": 1730…,`, `"id": "…"`): the submit response or
 * task JSON a script printed with indent, whose `code` is on another line.
 */
const TASK_KEY_BEFORE = /["'](?:result|id|task[_-]?id)["']\s*:\s*["']?$/i;

function vouchedFor(line: string, m: TaskIdMatch): boolean {
  if (m.kind !== 'bare') {
    return true;
  }
  const before = line.slice(Math.max(0, m.start - TASK_WORD_REACH), m.start);
  const after = line.slice(m.end, m.end + TASK_WORD_REACH);
  return TASK_WORD.test(before) || TASK_WORD.test(after) || TASK_KEY_BEFORE.test(before);
}

/**
 * The links of one terminal line. One ID: a link on each place it is printed. Several different
 * IDs (a batch submit, trueai's comma-joined `result`, a list printed on one line): one link from
 * the first to the last, which tracks them all — many tasks at once are one action.
 */
export function terminalTaskLinks(line: string): TerminalTaskLink[] {
  if (typeof line !== 'string' || line.length === 0) {
    return [];
  }
  const text = line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line;
  const matches = scanTaskIds(text, { limit: MAX_MATCHES }).filter((m) => vouchedFor(text, m));
  if (matches.length === 0) {
    return [];
  }
  const ids = [...new Set(matches.map((m) => m.id))];
  if (ids.length === 1) {
    return matches.map((m) => ({ start: m.start, length: m.end - m.start, ids }));
  }
  const start = Math.min(...matches.map((m) => m.start));
  const end = Math.max(...matches.map((m) => m.end));
  return [{ start, length: end - start, ids }];
}
