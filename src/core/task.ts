// Reads any server's task JSON into `Task`. One pure function for novicezk (Jackson, nulls
// kept), plus/trueai (more fields, objects in imageUrls), new-api/one-hub (every key always
// present with "" / 0 / null zero values) and relays that invent their own status words.

import { capPrompt, capSentence, capWord, FIELD_CAPS, wholeOrNull } from './fieldCaps';
import { isRecord } from './record';
import { idText, tryParseJson } from './json';
import { Task, TaskButton, TaskStatus, TASK_STATUSES, TERMINAL_STATUSES } from './types';

type Json = Record<string, unknown>;

/**
 * The task in `raw`, or null when `raw` is not an object with an ID. Never throws; unknown or
 * malformed fields degrade to their empty value instead of failing the whole task.
 */
export function normalizeTask(input: unknown): Task | null {
  if (!isRecord(input)) return null;
  const raw = fields(input);
  const id = idOf(raw('id')) ?? idOf(raw('taskId'));
  if (id === null) return null;
  const properties = fields(propertiesOf(raw('properties')));
  const rawStatus = raw('status');
  // No status word is this long: it is UNKNOWN without reading it through.
  const statusWord = typeof rawStatus === 'string' && rawStatus.length > FIELD_CAPS.word ? null : rawStatus;
  const status = statusOf(statusWord);
  return {
    id,
    action: capped(raw('action'), capWord) ?? '',
    status,
    rawStatus: capWord(typeof rawStatus === 'string' ? rawStatus : rawStatus == null ? '' : String(rawStatus)),
    progress: progressOf(numberText(raw('progress'))),
    prompt: capped(raw('prompt'), capPrompt),
    promptEn: capped(raw('promptEn'), capPrompt),
    finalPrompt: capped(properties('finalPrompt'), capPrompt) ?? capped(raw('finalPrompt'), capPrompt),
    finalZhPrompt: capped(properties('finalZhPrompt'), capPrompt) ?? capped(raw('finalZhPrompt'), capPrompt),
    description: capped(raw('description'), capSentence),
    imageUrl: wholeOrNull(text(raw('imageUrl')), FIELD_CAPS.url),
    imageUrls: urlList(raw('imageUrls')),
    videoUrls: withFirst(wholeOrNull(text(raw('videoUrl')), FIELD_CAPS.url), urlList(raw('videoUrls'))),
    failReason: capped(raw('failReason'), capSentence),
    buttons: buttonsOf(raw('buttons')),
    seed: idOf(raw('seed')),
    parentId: idOf(raw('parentId')),
    mode: capped(raw('mode'), capWord),
    submitTime: epochMs(numberText(raw('submitTime'))),
    startTime: epochMs(numberText(raw('startTime'))),
    finishTime: epochMs(numberText(raw('finishTime'))),
    terminal: TERMINAL_STATUSES.has(status),
  };
}

// Every field is capped on the way in (fieldCaps.ts says why and how much).
function idOf(value: unknown): string | null {
  return wholeOrNull(idText(value), FIELD_CAPS.id);
}
function capped(value: unknown, cap: (s: string) => string): string | null {
  const s = text(value);
  return s === null ? null : cap(s);
}
/** A number or time sent as a text longer than any number or date is read as nothing. */
function numberText(value: unknown): unknown {
  return typeof value === 'string' && value.length > FIELD_CAPS.numberText ? null : value;
}

/**
 * Reads a field by its camelCase name, or as the same words in another casing: snake_case
 * (`image_url`, some Python relays and new-api forks), PascalCase (.NET serializers without a
 * camelCase policy) or upper case. The exact name wins when both are present.
 */
export function fields(obj: Json): (name: string) => unknown {
  let folded: Map<string, unknown> | undefined;
  return (name) => {
    const exact = obj[name];
    if (exact !== undefined) return exact;
    if (!folded) {
      folded = new Map();
      for (const [key, value] of Object.entries(obj)) {
        const k = foldKey(key);
        if (!folded.has(k)) folded.set(k, value);
      }
    }
    return folded.get(foldKey(name));
  };
}

function foldKey(key: string): string {
  return key.replace(/[_\-\s]/g, '').toLowerCase();
}

/** `properties` as an object; some relays store it as a JSON text and pass that on. */
function propertiesOf(value: unknown): Json {
  if (isRecord(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    const parsed = tryParseJson(value);
    if (parsed.ok && isRecord(parsed.value)) return parsed.value;
  }
  return {};
}

/**
 * The task inside a response. Most servers answer with the task itself; some relays wrap it the
 * way they wrap everything (`{code: 1, result: {…}}`, `{code: 0, data: {…}}`, `{success, data}`),
 * or answer a fetch with a one-element list. Returns the value unchanged when it is not a wrapper.
 */
export function unwrapTask(value: unknown): unknown {
  let inner = value;
  for (let depth = 0; depth < 3; depth++) {
    if (Array.isArray(inner) && inner.length === 1 && isTaskLike(inner[0])) return inner[0];
    if (!isRecord(inner) || isTaskLike(inner)) break;
    inner = wrapped(inner);
  }
  return isTaskLike(inner) ? inner : value;
}

/** The task list inside a list-by-condition response: the list itself, or a wrapper's list. */
export function unwrapTaskList(value: unknown): unknown[] | null {
  for (let depth = 0; depth < 3; depth++) {
    if (Array.isArray(value)) return value;
    if (!isRecord(value)) return null;
    const get = fields(value);
    const list = LIST_KEYS.map(get).find(Array.isArray);
    if (list) return list;
    const inner = wrapped(value);
    if (inner === undefined) return null;
    value = inner;
  }
  return null;
}

/** Where relays put the task (or the list) they wrap: `{code, data}`, `{code, result}`, `{success, task}`. */
export const WRAPPER_KEYS: readonly string[] = ['data', 'result', 'task'];
/** Where paged list answers keep their items: `{data: {list | records | …: [...]}}`. */
export const LIST_KEYS: readonly string[] = ['list', 'items', 'tasks', 'records', 'rows'];

function wrapped(value: Json): unknown {
  const get = fields(value);
  for (const key of WRAPPER_KEYS) {
    const inner = get(key);
    if (isRecord(inner) || Array.isArray(inner)) return inner;
  }
  return undefined;
}

/** An object that carries a task ID and at least one other field a task has. */
function isTaskLike(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const get = fields(value);
  if (idText(get('id')) === null && idText(get('taskId')) === null) return false;
  return ['status', 'action', 'progress', 'prompt', 'imageUrl', 'buttons', 'submitTime', 'failReason'].some(
    (k) => get(k) !== undefined,
  );
}

/** What servers send as such; UNKNOWN is ours, for anything else. */
const KNOWN: ReadonlySet<string> = new Set<string>(TASK_STATUSES.filter((s) => s !== 'UNKNOWN'));

/** Words other relays use for the same states (nano-gpt: FAILED, PENDING, RUNNING, …). */
const SYNONYMS: Readonly<Record<string, TaskStatus>> = {
  FAILED: 'FAILURE',
  FAIL: 'FAILURE',
  ERROR: 'FAILURE',
  RUNNING: 'IN_PROGRESS',
  PROCESSING: 'IN_PROGRESS',
  INPROGRESS: 'IN_PROGRESS',
  STARTED: 'IN_PROGRESS',
  PENDING: 'SUBMITTED',
  QUEUED: 'SUBMITTED',
  QUEUING: 'SUBMITTED',
  IN_QUEUE: 'SUBMITTED',
  WAITING: 'SUBMITTED',
  NOTSTART: 'NOT_START',
  NOT_STARTED: 'NOT_START',
  CREATED: 'NOT_START',
  NEW: 'NOT_START',
  SUBMIT: 'SUBMITTED',
  ACCEPTED: 'SUBMITTED',
  IN_PROCESS: 'IN_PROGRESS',
  GENERATING: 'IN_PROGRESS',
  PROGRESS: 'IN_PROGRESS',
  FAILURES: 'FAILURE',
  TIMEOUT: 'FAILURE',
  TIMED_OUT: 'FAILURE',
  REJECTED: 'FAILURE',
  CANCELLED_BY_USER: 'CANCEL',
  SUCCEED: 'SUCCESS',
  FINISHED: 'SUCCESS',
  COMPLETE: 'SUCCESS',
  DONE: 'SUCCESS',
  CANCELED: 'CANCEL',
  CANCELLED: 'CANCEL',
  SUCCEEDED: 'SUCCESS',
  SUCCESSFUL: 'SUCCESS',
  COMPLETED: 'SUCCESS',
};

/** The status word mapped onto TaskStatus; new-api's "" (inserted, not yet polled) is SUBMITTED. */
export function statusOf(value: unknown): TaskStatus {
  if (typeof value !== 'string') return 'UNKNOWN';
  const word = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (word === '') return 'SUBMITTED';
  if (KNOWN.has(word)) return word as TaskStatus;
  return SYNONYMS[word] ?? 'UNKNOWN';
}

/** "57%", "57", 57 → 57; "", "string", null → null; clamped to 0–100. */
export function progressOf(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    if (!m) return null;
    n = Number(m[1]);
  } else {
    return null;
  }
  if (!Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, n));
}

/**
 * A time as epoch ms. Servers send ms; some relays send seconds (anything below 1e11 would be
 * before 1973 in ms, so it must be seconds), µs or ns. 0, negatives and junk mean "unknown".
 */
export function epochMs(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && value.trim() !== '') {
    const s = value.trim();
    n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Date.parse(s);
  } else {
    return null;
  }
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n < 1e11) n *= 1000;
  else if (n >= 1e17) n /= 1e6;
  else if (n >= 1e14) n /= 1e3;
  return Math.round(n);
}

/** Text as sent; null for missing, null, "" and whitespace-only. Numbers become their text. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * `["u1", …]`, `[{url, thumbnail}, …]` (trueai) or one text of URLs → the URLs, empties,
 * duplicates and over-long ones dropped, at most FIELD_CAPS.urls of them.
 */
function urlList(value: unknown): string[] {
  const urls: string[] = [];
  const take = (url: string | null): boolean => {
    if (url !== null && url.length <= FIELD_CAPS.url && !urls.includes(url)) urls.push(url);
    return urls.length < FIELD_CAPS.urls;
  };
  if (typeof value === 'string') {
    // Read one URL at a time instead of splitting the whole text: the list stops at the cap.
    for (const m of value.matchAll(/[^\s,]+/g)) if (!take(m[0])) break;
  } else if (Array.isArray(value)) {
    for (const item of value) if (!take(isRecord(item) ? text(fields(item)('url')) : text(item))) break;
  }
  return urls;
}

function withFirst(first: string | null, rest: string[]): string[] {
  return first === null || rest.includes(first) ? rest : [first, ...rest].slice(0, FIELD_CAPS.urls);
}

function buttonsOf(value: unknown): TaskButton[] {
  if (!Array.isArray(value)) return [];
  const buttons: TaskButton[] = [];
  for (const item of value) {
    if (buttons.length >= FIELD_CAPS.buttons) break;
    if (!isRecord(item)) continue;
    const get = fields(item);
    const customId = wholeOrNull(text(get('customId')), FIELD_CAPS.customId);
    if (customId === null) continue;
    const label = get('label');
    buttons.push({
      customId,
      label: typeof label === 'string' ? capWord(label) : '',
      emoji: wholeOrNull(emojiOf(get('emoji')), FIELD_CAPS.emoji) ?? '',
    });
  }
  return buttons;
}

/** A plain emoji, or Discord's component emoji object `{name, id}` passed through by a relay. */
function emojiOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.name === 'string') return value.name;
  return '';
}
