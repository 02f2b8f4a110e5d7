// Task IDs from whatever a user pastes: plain IDs, fetch URLs, task JSON (one or an array),
// submit responses, or several of these separated by commas, spaces or new lines.

import * as l10n from '@vscode/l10n';
import { idText, tryParseJson } from './json';
import { isRecord } from './record';
import { fields, LIST_KEYS, WRAPPER_KEYS } from './task';

export interface TaskIdInput {
  /** Deduplicated, in the order they appeared. */
  ids: string[];
  /** One user-facing message per piece of input that held no usable ID. */
  problems: string[];
}

/** Relays use 16–19 digit IDs, but some use UUIDs or other short alphanumeric IDs. */
const ID = /^[A-Za-z0-9_-]{4,64}$/;

/** JSON literals fit the ID pattern but are what a bad copy leaves behind, never an ID. */
const NOT_IDS: ReadonlySet<string> = new Set(['null', 'undefined', 'true', 'false', 'nan']);

/**
 * A bare word pasted beside an ID ("submitted:", "task", "done") is prose from a log line, not an
 * ID: every ID scheme in this family (timestamps, UUIDs, hashes) has digits. A JSON "id" or a
 * /mj/task/<id>/ URL says what it is and needs no such test.
 */
const HAS_DIGIT = /\d/;

/** `…/mj/task/<id>/…` (fetch, image-seed, cancel) and new-api's image proxy `…/mj/image/<id>`. */
const ID_IN_URL = /\/mj\/(?:task|image)\/([^/?#\s]+)/;

/** A console or log link that names the task in its query: `…/task?taskId=1730621826053455`. */
const ID_IN_QUERY = /[?&#](?:task[_-]?id|id)=([^&#\s]+)/i;

/** `task_id=…`, `taskId:…`, `id=…` from a log line or an .env file. */
const ASSIGNED_ID = /^(?:task[_-]?id|id)[=:]["']?(.+)$/i;

export function parseTaskIdInput(text: string): TaskIdInput {
  const ids: string[] = [];
  const problems: string[] = [];
  const add = (id: string): void => {
    if (!ids.includes(id)) ids.push(id);
  };
  const input = typeof text === 'string' ? text : '';
  if (input.trim() === '') {
    problems.push(l10n.t('No task ID given. {0}', expected()));
    return { ids, problems };
  }
  for (const piece of pieces(input)) {
    if (piece.kind === 'json') readJson(piece.text, add, problems);
    else readToken(piece.text, add, problems);
  }
  return { ids, problems };
}

type Piece = { kind: 'json' | 'token'; text: string };

/** Splits into balanced `{…}` / `[…]` segments (string-aware) and separator-delimited tokens. */
function pieces(input: string): Piece[] {
  const out: Piece[] = [];
  let token = '';
  const flush = (): void => {
    if (token !== '') out.push({ kind: 'token', text: token });
    token = '';
  };
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if ((c === '{' || c === '[') && token === '') {
      const end = matchingClose(input, i);
      out.push({ kind: 'json', text: input.slice(i, end) });
      i = end;
      continue;
    }
    if (/[\s,;]/.test(c)) flush();
    else token += c;
    i++;
  }
  flush();
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

function readJson(text: string, add: (id: string) => void, problems: string[]): void {
  const parsed = tryParseJson(text);
  if (!parsed.ok) {
    problems.push(l10n.t('"{0}" is not valid JSON. {1}', clip(text), expected()));
    return;
  }
  readValue(parsed.value, text, add, problems);
}

function readValue(value: unknown, source: string, add: (id: string) => void, problems: string[]): void {
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
  if (typeof value.code === 'number' && typeof value.description === 'string') {
    problems.push(
      l10n.t('This submit response has no task ID: the server rejected it (code {0}: {1}).', value.code, clip(value.description)),
    );
    return;
  }
  problems.push(l10n.t('"{0}" holds no task ID ("id" or "result"). {1}', clip(source), expected()));
}

/** `fromJson`: the value came from a JSON id/result field, which says what it is. */
function readToken(raw: string, add: (id: string) => void, problems: string[], fromJson = false): void {
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
  if (ID.test(token) && (fromJson || HAS_DIGIT.test(token)) && !NOT_IDS.has(token.toLowerCase())) add(token);
  else problems.push(l10n.t('"{0}" is not a task ID. {1}', clip(token), expected()));
}

function expected(): string {
  return l10n.t(
    'Expected a task ID (e.g. 1730621826053455), a URL with /mj/task/<id>/, a task JSON, or a submit response with "result"; separate several with commas, spaces or new lines.',
  );
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? one.slice(0, 37) + '…' : one;
}
