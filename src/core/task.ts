// Reads any server's task JSON into `Task`. One pure function for novicezk (Jackson, nulls
// kept), plus/trueai (more fields, objects in imageUrls), new-api/one-hub (every key always
// present with "" / 0 / null zero values) and relays that invent their own status words.

import { BadResponseError, MjErrorContext } from './errors';
import { idText } from './json';
import { Task, TaskButton, TaskStatus, TASK_STATUSES, TERMINAL_STATUSES } from './types';

type Json = Record<string, unknown>;

/**
 * The task in `raw`, or null when `raw` is not an object with an ID. Never throws; unknown or
 * malformed fields degrade to their empty value instead of failing the whole task.
 */
export function normalizeTask(raw: unknown): Task | null {
  if (!isObject(raw)) return null;
  const id = idText(raw.id);
  if (id === null) return null;
  const properties = isObject(raw.properties) ? raw.properties : {};
  const rawStatus = typeof raw.status === 'string' ? raw.status : raw.status == null ? '' : String(raw.status);
  const status = statusOf(raw.status);
  return {
    id,
    action: typeof raw.action === 'string' ? raw.action : '',
    status,
    rawStatus,
    progress: progressOf(raw.progress),
    prompt: text(raw.prompt),
    promptEn: text(raw.promptEn),
    finalPrompt: text(properties.finalPrompt) ?? text(raw.finalPrompt),
    finalZhPrompt: text(properties.finalZhPrompt) ?? text(raw.finalZhPrompt),
    description: text(raw.description),
    imageUrl: text(raw.imageUrl),
    imageUrls: urlList(raw.imageUrls ?? raw.image_urls),
    videoUrls: withFirst(text(raw.videoUrl), urlList(raw.videoUrls ?? raw.video_urls)),
    failReason: text(raw.failReason),
    buttons: buttonsOf(raw.buttons),
    seed: idText(raw.seed),
    parentId: idText(raw.parentId),
    mode: text(raw.mode),
    submitTime: epochMs(raw.submitTime),
    startTime: epochMs(raw.startTime),
    finishTime: epochMs(raw.finishTime),
    terminal: TERMINAL_STATUSES.has(status),
  };
}

/** `normalizeTask` for a response that must be a task: anything else is a bad response. */
export function requireTask(raw: unknown, ctx: MjErrorContext): Task {
  const task = normalizeTask(raw);
  if (!task) throw new BadResponseError(ctx, 'shape');
  return task;
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

/** `["u1", …]` or `[{url, thumbnail}, …]` (trueai) → the URLs, empties dropped. */
function urlList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const urls: string[] = [];
  for (const item of value) {
    const url = isObject(item) ? text(item.url) : text(item);
    if (url !== null && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

function withFirst(first: string | null, rest: string[]): string[] {
  return first === null || rest.includes(first) ? rest : [first, ...rest];
}

function buttonsOf(value: unknown): TaskButton[] {
  if (!Array.isArray(value)) return [];
  const buttons: TaskButton[] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    const customId = text(item.customId);
    if (customId === null) continue;
    buttons.push({
      customId,
      label: typeof item.label === 'string' ? item.label : '',
      emoji: typeof item.emoji === 'string' ? item.emoji : '',
    });
  }
  return buttons;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
