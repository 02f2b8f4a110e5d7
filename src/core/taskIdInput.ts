// Task IDs from whatever a user pastes: plain IDs, fetch URLs, task JSON (one or an array),
// submit responses, or several of these separated by commas, spaces or new lines.

import * as l10n from '@vscode/l10n';
import { plainText } from './inertText';
import { idText, tryParseJson } from './json';
import { isRecord } from './record';
import { isAcceptedSubmitCode, refusalInPlainWords } from './submitCodes';
import { fields, LIST_KEYS, WRAPPER_KEYS } from './task';

export interface TaskIdInput {
  /** Deduplicated, in the order they appeared. */
  ids: string[];
  /** One user-facing message per piece of input that held no usable ID (the first few, then a count). */
  problems: string[];
}

/** Problems listed one by one before the rest are only counted: a pasted log can hold thousands. */
const MAX_LISTED_PROBLEMS = 10;

/** Relays use 16–19 digit IDs, but some use UUIDs or other short alphanumeric IDs. */
export const ID = /^[A-Za-z0-9_-]{4,64}$/;

/** JSON literals fit the ID pattern but are what a bad copy leaves behind, never an ID. */
export const NOT_IDS: ReadonlySet<string> = new Set(['null', 'undefined', 'true', 'false', 'nan']);

/**
 * A bare word pasted beside an ID ("submitted:", "task", "done") is prose from a log line, not an
 * ID: every ID scheme in this family (timestamps, UUIDs, hashes) has digits. A JSON "id" or a
 * /mj/task/<id>/ URL says what it is and needs no such test.
 */
export const HAS_DIGIT = /\d/;

/** `…/mj/task/<id>/…` (fetch, image-seed, cancel) and new-api's image proxy `…/mj/image/<id>`. */
export const ID_IN_URL = /\/mj\/(?:task|image)\/([^/?#\s]+)/;

/** A console or log link that names the task in its query: `…/task?taskId=1730621826053455`. */
export const ID_IN_QUERY = /[?&#](?:task[_-]?id|id)=([^&#\s]+)/i;

/** `task_id=…`, `taskId:…`, `id=…` from a log line or an .env file. */
const ASSIGNED_ID = /^(?:task[_-]?id|id)[=:]["']?(.+)$/i;

export function parseTaskIdInput(text: string): TaskIdInput {
  // A Set keeps the first-seen order and makes de-duplication linear in the number of IDs.
  const seen = new Set<string>();
  const add = (id: string): void => void seen.add(id);
  const problems = new ProblemList();
  const input = typeof text === 'string' ? text : '';
  if (input.trim() === '') {
    problems.push(l10n.t('No task ID given. {0}', expected()));
    return { ids: [], problems: problems.list() };
  }
  for (const piece of pieces(input)) {
    if (piece.kind === 'json') readJson(piece.text, add, problems);
    else readToken(piece.text, add, problems);
  }
  // Only separators, quotes or brackets (",", "\"\"", "()"): nothing was read, and that needs saying.
  if (seen.size === 0 && problems.list().length === 0) problems.push(l10n.t('No task ID given. {0}', expected()));
  return { ids: [...seen], problems: problems.list() };
}

/** The first problems word for word, the rest as one count. */
class ProblemList {
  private readonly listed: string[] = [];
  private unlisted = 0;

  push(message: string): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(message);
    else this.unlisted++;
  }

  list(): string[] {
    return this.unlisted === 0 ? this.listed : [...this.listed, l10n.t('…and {0} more pieces that hold no task ID.', this.unlisted)];
  }
}

type Piece = { kind: 'json' | 'token'; text: string };

const SEPARATOR = /[\s,;]/;

/** Splits into balanced `{…}` / `[…]` segments (string-aware) and separator-delimited tokens. */
function pieces(input: string): Piece[] {
  const out: Piece[] = [];
  let tokenStart = -1;
  const flush = (end: number): void => {
    if (tokenStart >= 0 && end > tokenStart) out.push({ kind: 'token', text: input.slice(tokenStart, end) });
    tokenStart = -1;
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if ((c === '{' || c === '[') && tokenStart < 0) {
      const end = matchingClose(input, i);
      out.push({ kind: 'json', text: input.slice(i, end) });
      i = end;
      continue;
    }
    if (SEPARATOR.test(c)) flush(i);
    else if (tokenStart < 0) tokenStart = i;
    i++;
  }
  flush(input.length);
  return out;
}

/** Index just past the bracket closing the one at `start`; the end of input if it never closes. */
function matchingClose(s: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return s.length;
}

function readJson(text: string, add: (id: string) => void, problems: ProblemList): void {
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    problems.push(l10n.t('"{0}" is not valid JSON. {1}', clip(text), expected()));
    return;
  }
  readValue(parsed.value, text, add, problems);
}

function readValue(value: unknown, source: string, add: (id: string) => void, problems: ProblemList): void {
  if (Array.isArray(value)) {
    if (value.length === 0) problems.push(l10n.t('The pasted list is empty. {0}', expected()));
    for (const item of value) readValue(item, source, add, problems);
    return;
  }
  if (typeof value === 'string' || typeof value === 'number') {
    readToken(idText(value) ?? String(value), add, problems, true);
    return;
  }
  if (!isRecord(value)) {
    problems.push(l10n.t('"{0}" holds no task ID. {1}', clip(source), expected()));
    return;
  }
  // A task (`id`), a submit response (`result`), an action/modal request (`taskId`) or a
  // list-by-condition body (`ids`).
  const get = fields(value);
  const direct = idText(get('id')) ?? idText(get('taskId'));
  if (direct !== null) {
    readToken(direct, add, problems, true);
    return;
  }
  if (isSubmitResponse(value) && !isAcceptedSubmitCode(value.code)) {
    // A refused submission may still carry an ID in `result`; the server never queued it.
    const description = typeof value.description === 'string' ? clip(value.description) : '';
    problems.push(
      l10n.t(
        'The server did not accept this submission (code {0}: {1}{2}), so there is no task to track.',
        value.code,
        refusalInPlainWords(value.code, value.properties),
        description ? ` — “${description}”` : '',
      ),
    );
    return;
  }
  if (isRecord(value.result)) {
    readValue(value.result, source, add, problems);
    return;
  }
  if ('result' in value && value.result !== null && value.result !== undefined && value.result !== '') {
    const results = Array.isArray(value.result) ? value.result : [value.result];
    if (results.length === 0) problems.push(l10n.t('"{0}" holds no task ID ("id" or "result"). {1}', clip(source), expected()));
    for (const r of results) {
      // trueai's "Imagine all" answers with the new IDs comma-joined.
      for (const part of (idText(r) ?? '').split(',')) readToken(part.trim(), add, problems, true);
    }
    return;
  }
  if (Array.isArray(value.ids)) {
    readValue(value.ids, source, add, problems);
    return;
  }
  // A relay's wrapper around a task or a list of them: `{code: 0, data: {…}}`.
  const inner = [...WRAPPER_KEYS, ...LIST_KEYS].map(get).find((v) => isRecord(v) || (Array.isArray(v) && v.length > 0));
  if (inner !== undefined) {
    readValue(inner, source, add, problems);
    return;
  }
  if (isSubmitResponse(value)) {
    problems.push(l10n.t('This submit response has no task ID in "result".'));
    return;
  }
  problems.push(l10n.t('"{0}" holds no task ID ("id" or "result"). {1}', clip(source), expected()));
}

/**
 * The proxies' submit answer `{code, description, result?}`: a numeric code beside a description,
 * and no task object inside (`{code: 0, result: {…task}}` is a relay's wrapper, not an answer).
 */
function isSubmitResponse(value: Record<string, unknown>): value is Record<string, unknown> & { code: number } {
  return typeof value.code === 'number' && typeof value.description === 'string' && !isRecord(value.result);
}

/** `fromJson`: the value came from a JSON id/result field, which says what it is. */
function readToken(raw: string, add: (id: string) => void, problems: ProblemList, fromJson = false): void {
  // Quotes and brackets come along when IDs are copied out of code or logs.
  const token = raw.trim().replace(/^["'`(<]+|["'`)>.:]+$/g, '');
  if (token === '') return;
  const inUrl = ID_IN_URL.exec(token);
  if (inUrl) {
    let id: string;
    try {
      id = decodeURIComponent(inUrl[1]);
    } catch {
      id = inUrl[1];
    }
    if (ID.test(id)) add(id);
    else problems.push(l10n.t('The URL "{0}" does not hold a valid task ID. {1}', clip(token), expected()));
    return;
  }
  const idParam = ID_IN_QUERY.exec(token);
  if (idParam && /^[a-z][a-z0-9+.-]*:\/\//i.test(token) && ID.test(idParam[1]) && HAS_DIGIT.test(idParam[1])) {
    add(idParam[1]);
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token)) {
    problems.push(l10n.t('The URL "{0}" has no /mj/task/<id>/ in it. {1}', clip(token), expected()));
    return;
  }
  const assigned = ASSIGNED_ID.exec(token);
  if (assigned) {
    readToken(assigned[1], add, problems, fromJson);
    return;
  }
  if (isIdToken(token, fromJson)) add(token);
  else problems.push(l10n.t('"{0}" is not a task ID. {1}', clip(token), expected()));
}

/**
 * The shape every pasted or found ID must have: 4–64 ID characters, not a JSON literal, and a
 * digit unless a JSON id/result field already says it is an ID. The editor scanner shares it.
 */
export function isIdToken(token: string, fromJson = false): boolean {
  return ID.test(token) && (fromJson || HAS_DIGIT.test(token)) && !NOT_IDS.has(token.toLowerCase());
}

function expected(): string {
  return l10n.t(
    'Expected a task ID (e.g. 1730621826053455), a URL with /mj/task/<id>/, a task JSON, or a submit response with "result"; separate several with commas, spaces or new lines.',
  );
}

function clip(s: string): string {
  // The piece is echoed back: made inert here, so that its escapes cannot swallow the message around it.
  const one = plainText(s).replace(/\s+/g, ' ').trim();
  return one.length > 40 ? one.slice(0, 37) + '…' : one;
}
