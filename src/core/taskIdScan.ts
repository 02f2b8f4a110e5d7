// Task IDs inside free text — an editor's visible lines, a terminal line, a log — found in one
// pass without parsing the text. Unlike taskIdInput (which reads what a user deliberately pasted
// and explains what it could not read) this runs on everything the user looks at, so it only
// reports strings shaped like the servers' IDs and leaves look-alikes alone: timestamps, other
// systems' snowflakes, decimals, hashes, pieces of longer numbers.

import { ID_IN_QUERY, ID_IN_URL, isIdToken } from './taskIdInput';
import { isAcceptedSubmitCode } from './submitCodes';

export type TaskIdMatchKind = 'submit-response' | 'fetch-url' | 'labelled' | 'bare';

export interface TaskIdMatch {
  id: string;
  /** Offsets into the scanned text: `text.slice(start, end) === id`. */
  start: number;
  end: number;
  /** What made it an ID: a submit response's `result`, a `/mj/task/<id>/` URL, a "task" word before it, or its shape alone. */
  kind: TaskIdMatchKind;
}

export interface TaskIdScanOptions {
  /** Stop after this many matches (a pasted log can hold thousands). */
  limit?: number;
}

/**
 * The places that name an ID: a URL, a scheme-less `/mj/task/` path, a `"result":` key, a "task" /
 * "task id" word. Schemes are spelled out so the engine never backtracks over long dotted
 * identifiers looking for `://`. Runs of digits are found by a second, simpler pattern: one
 * alternation holding both is several times slower on number-heavy text.
 */
const ANCHOR = /(\b(?:https?|wss?):\/\/[^\s"'<>`]+)|(\/mj\/(?:task|image)\/)|(["']result["']\s*:\s*)|(\btask(?:[ _-]?id)?s?\b)/gi;
/** Digit runs of an ID's length (16–19), not inside a longer run. */
const NUMBER = /(?<!\d)\d{16,19}(?!\d)/g;

/** The value after `"result":` — a quoted string (one ID, or trueai's comma-joined list) or a JSON number. */
const RESULT_VALUE = /"([^"\n]{0,1300})"|'([^'\n]{0,1300})'|(\d+)/y;

/** What may stand between "task id" and the ID: `: `, `=`, `#`, quotes, `": "`. */
const AFTER_LABEL = /[ \t]*(?:#|no\.?)?[ \t]*["']?[ \t]*(?::=|[:=])?[ \t]*["']?[ \t]*#?([A-Za-z0-9][A-Za-z0-9_-]{0,64})/y;

const ID_CHARS = /^[A-Za-z0-9_-]+/;
const WORD_CHAR = /[A-Za-z0-9_]/;
const HEX_CHAR = /[0-9A-Fa-f]/;
const LETTER = /[A-Za-z]/;

/**
 * novicezk / trueai / plus: `System.currentTimeMillis()` followed by three random digits. The
 * millisecond part must fall in 2015–2040, which rules out card numbers and most counters.
 */
const MS_ID_MIN = Date.UTC(2015, 0, 1);
const MS_ID_MAX = Date.UTC(2040, 0, 1);
/** new-api and Discord-sized IDs: 19 digits, below 2^63. */
const MAX_INT64 = '9223372036854775807';

/** How far back on its line a number's key or call is looked for. */
const KEY_REACH = 64;
const DATE_CALL = /date|time|stamp/i;
/** Keys whose numbers are times, not IDs: a 16-digit microsecond or 19-digit nanosecond timestamp is ID-sized. */
const TIME_KEY = /(?:time|date|stamp|^ts$|_ts$|_at$|created|updated|modified|expire|elapsed|duration|since|until|epoch|clock|nanos|micros|millis|_ns$|_us$|_ms$)/i;
const CAMEL_AT = /[a-z]At$/;
/** Keys naming some other thing's ID: a task JSON's messageId, nonce and channel IDs are snowflakes too. */
const OTHER_ID_KEY = /(?:id|ids|nonce|hash|seed|channel|guild|user|message|account|instance|order|phone|card|number|count|size|total|amount|offset)$/i;
const TASK_KEY = /^(?:id|ids|task|tasks|task[_-]?ids?|parent[_-]?id|result|mj[_-]?id|job[_-]?id)$/i;

/** Window searched on each side of `"result":` for the response's `"code"` — submit responses are small. */
const RESPONSE_WINDOW = 400;
const CODE_KEY = /["']code["']\s*:\s*(-?\d+)/g;

type Add = (id: string, start: number, kind: TaskIdMatchKind) => void;

export function scanTaskIds(text: string, options: TaskIdScanOptions = {}): TaskIdMatch[] {
  const limit = options.limit ?? Infinity;
  if (typeof text !== 'string' || text.length === 0 || limit <= 0) return [];
  const named: TaskIdMatch[] = [];
  /** Ranges no bare number may come from: URLs and the IDs already named. */
  const claimed: number[] = [];
  const add: Add = (id, start, kind) => void named.push({ id, start, end: start + id.length, kind });
  const anchor = new RegExp(ANCHOR.source, ANCHOR.flags);
  let m: RegExpExecArray | null;
  while (named.length < limit && (m = anchor.exec(text)) !== null) {
    const at = m.index;
    if (m[1] !== undefined) {
      claimed.push(at, at + m[1].length);
      const found = idInUrl(m[1]);
      if (found) add(found.id, at + found.offset, 'fetch-url');
    } else if (m[2] !== undefined) {
      const id = ID_CHARS.exec(text.slice(anchor.lastIndex, anchor.lastIndex + 65))?.[0];
      if (id !== undefined && id.length <= 64 && isIdToken(id)) {
        add(id, anchor.lastIndex, 'fetch-url');
        anchor.lastIndex += id.length;
      }
    } else if (m[3] !== undefined) {
      readResult(text, at, anchor, add, (start, end) => claimed.push(start, end));
    } else {
      const labelled = readLabelled(text, anchor.lastIndex);
      if (labelled) {
        add(labelled.id, labelled.start, 'labelled');
        anchor.lastIndex = labelled.start + labelled.id.length;
      }
    }
  }
  for (const n of named) claimed.push(n.start, n.end);
  return mergeBare(text, named, claimed, limit);
}

/** Adds the bare numbers outside the claimed ranges, in text order, up to the limit. */
function mergeBare(text: string, named: TaskIdMatch[], claimed: number[], limit: number): TaskIdMatch[] {
  const spans: [number, number][] = [];
  for (let i = 0; i < claimed.length; i += 2) spans.push([claimed[i], claimed[i + 1]]);
  spans.sort((a, b) => a[0] - b[0]);
  named.sort((a, b) => a.start - b.start);
  const out: TaskIdMatch[] = [];
  let span = 0;
  let next = 0;
  const number = new RegExp(NUMBER.source, NUMBER.flags);
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = number.exec(text)) !== null) {
    const start = m.index;
    while (span < spans.length && spans[span][1] <= start) span++;
    if (span < spans.length && spans[span][0] <= start) continue;
    if (!isBareId(text, start, m[0])) continue;
    while (next < named.length && named[next].start < start && out.length < limit) out.push(named[next++]);
    if (out.length < limit) out.push({ id: m[0], start, end: start + m[0].length, kind: 'bare' });
  }
  while (next < named.length && out.length < limit) out.push(named[next++]);
  return out;
}

/** A fetch / image-seed / cancel / image-proxy URL, or a console link naming the task in its query. */
function idInUrl(url: string): { id: string; offset: number } | null {
  const path = ID_IN_URL.exec(url);
  if (path) {
    const offset = path.index + path[0].length - path[1].length;
    const id = ID_CHARS.exec(path[1])?.[0];
    return id !== undefined && isIdToken(id) ? { id, offset } : null;
  }
  const query = ID_IN_QUERY.exec(url);
  if (query) {
    const id = ID_CHARS.exec(query[1])?.[0];
    // `?id=` in any link is too common to trust; it must at least look like a server's ID.
    const trusted = /task/i.test(query[0]) ? id !== undefined && isIdToken(id) : id !== undefined && isServerNumber(id, false);
    if (trusted && id !== undefined) return { id, offset: query.index + query[0].length - query[1].length };
  }
  return null;
}

/**
 * `"result": …` inside a submit response with an accepted code. A refused response (code 24 …)
 * made no task, so its value is claimed and nothing found in it; a `result` key with no `code`
 * beside it is left to the number rule.
 */
function readResult(text: string, keyStart: number, anchor: RegExp, add: Add, claim: (start: number, end: number) => void): void {
  const valueStart = anchor.lastIndex;
  RESULT_VALUE.lastIndex = valueStart;
  const value = RESULT_VALUE.exec(text);
  if (!value) return;
  const code = codeAround(text, keyStart);
  if (code === null) return;
  const valueEnd = valueStart + value[0].length;
  anchor.lastIndex = valueEnd;
  if (!isAcceptedSubmitCode(code)) {
    claim(valueStart, valueEnd);
    return;
  }
  const raw = value[1] ?? value[2] ?? value[3];
  let at = valueStart + (value[3] !== undefined ? 0 : 1);
  // trueai's "Imagine all" answers with the new IDs comma-joined.
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const id = part.trim();
    if (isNamedId(id)) add(id, at + lead, 'submit-response');
    at += part.length + 1;
  }
}

/** The `code` of the object around `pos`, looked for within a bounded window; null when there is none. */
function codeAround(text: string, pos: number): number | null {
  let open = -1;
  for (let i = pos - 1, depth = 0; i >= Math.max(0, pos - RESPONSE_WINDOW); i--) {
    const c = text.charCodeAt(i);
    if (c === 0x7d || c === 0x5d) depth++;
    else if (c === 0x7b || c === 0x5b) {
      if (depth === 0) {
        open = c === 0x7b ? i : -1;
        break;
      }
      depth--;
    }
  }
  if (open < 0) return null;
  let close = Math.min(text.length, pos + RESPONSE_WINDOW);
  for (let i = pos, depth = 0; i < close; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    }
  }
  const codeKey = new RegExp(CODE_KEY.source, CODE_KEY.flags);
  codeKey.lastIndex = open;
  const code = codeKey.exec(text);
  return code && code.index < close ? Number(code[1]) : null;
}

/** The ID after "task", "Task ID:", `taskId=`, `"task_id": "…"`. */
function readLabelled(text: string, from: number): { id: string; start: number } | null {
  AFTER_LABEL.lastIndex = from;
  const m = AFTER_LABEL.exec(text);
  if (!m) return null;
  const id = m[1];
  const start = from + m[0].length - id.length;
  if (id.length > 64 || !endsCleanly(text, start + id.length)) return null;
  return isNamedId(id) ? { id, start } : null;
}

/**
 * An ID the text names as one ("task …", a submit `result`): a server's number, or a relay's
 * alphanumeric ID (UUID …) with letters and digits both, so "task 2", "task done", "task
 * 2024-11-03" and image-seed's 10-digit seed in `result` stay what they are.
 */
function isNamedId(id: string): boolean {
  return isServerNumber(id, true) || (isIdToken(id) && LETTER.test(id) && id.length >= 8);
}

function endsCleanly(text: string, end: number): boolean {
  const next = text[end];
  return next === undefined || !(next === '.' && /\d/.test(text[end + 1] ?? ''));
}

/** 16 digits that start with a 2015–2040 millisecond time, or 19 digits below 2^63; `labelled` also takes 17–18. */
function isServerNumber(s: string, labelled: boolean): boolean {
  if (!/^\d+$/.test(s)) return false;
  if (s.length === 16) {
    const ms = Number(s.slice(0, 13));
    return labelled || (ms >= MS_ID_MIN && ms < MS_ID_MAX);
  }
  if (s.length === 19) return s <= MAX_INT64;
  return labelled && (s.length === 17 || s.length === 18);
}

/** A run of digits standing alone, shaped like an ID, and not introduced as a time or someone else's ID. */
function isBareId(text: string, start: number, digits: string): boolean {
  if (!isServerNumber(digits, false)) return false;
  const end = start + digits.length;
  const prev = text[start - 1] ?? '';
  const next = text[end] ?? '';
  // Part of a word or a hex hash (`a1730…`, `…455_3218`), or of a decimal (`0.1730…`, `…455.5`).
  if (WORD_CHAR.test(prev) || WORD_CHAR.test(next) || prev === '.' || !endsCleanly(text, end)) return false;
  // A negative number, or a piece of a hyphenated hash / UUID.
  if (prev === '-' && !/[G-Zg-z_]/.test(text[start - 2] ?? '')) return false;
  // A Discord mention (`<@1364…>`, `<#…>`) names a user or a channel.
  if (prev === '@' || (prev === '#' && text[start - 2] === '<') || (prev === '&' && text[start - 2] === '@')) return false;
  if (next === '-' && HEX_CHAR.test(text[end + 1] ?? '')) return false;
  return !introducedAsSomethingElse(text, start);
}

function introducedAsSomethingElse(text: string, start: number): boolean {
  const before = keyBefore(text, start);
  if (before === null) return false;
  if (before.call) return DATE_CALL.test(before.name);
  const last = before.name.slice(before.name.lastIndexOf('.') + 1);
  if (TASK_KEY.test(last)) return false;
  return TIME_KEY.test(last) || CAMEL_AT.test(last) || OTHER_ID_KEY.test(last);
}

/**
 * The key a number is assigned to (`"submitTime": `, `ts=`, `created_at: `, `x => `) or the
 * function it is passed to (`new Date(`), read backwards on its line by hand: a regex anchored at
 * the end would retry from every position before it.
 */
function keyBefore(text: string, start: number): { name: string; call: boolean } | null {
  const floor = Math.max(0, start - KEY_REACH);
  let i = start - 1;
  const skipSpaces = (): void => {
    while (i >= floor && (text[i] === ' ' || text[i] === '\t')) i--;
  };
  skipSpaces();
  if (text[i] === '"' || text[i] === "'" || text[i] === '[') i--;
  skipSpaces();
  const c = text[i];
  let call = false;
  if (c === '(') call = true;
  else if (c === '>' && text[i - 1] === '=') i--;
  else if (c === '=' && text[i - 1] === ':') i--;
  else if (c !== ':' && c !== '=') return null;
  i--;
  skipSpaces();
  if (!call && (text[i] === '"' || text[i] === "'" || text[i] === ']')) i--;
  const end = i + 1;
  while (i >= floor && isKeyChar(text.charCodeAt(i))) i--;
  return end > i + 1 ? { name: text.slice(i + 1, end), call } : null;
}

/** `[A-Za-z0-9_$.-]`, by code so the backwards walk allocates nothing. */
function isKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24 || c === 0x2e || c === 0x2d;
}
