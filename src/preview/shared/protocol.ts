// The preview's host↔webview messages, declared once and imported by both sides (the webview's
// tsconfig includes this file). No `vscode`, no DOM types. Each side validates what it receives
// with the guards below: the webview is untrusted ground, and a webview must not trust a message
// it cannot check either.
//
// The flow: the webview loads, posts `ready`; the host answers `init` (strings + the view); then
// `update` whenever the task changes and `target` when the editor that "Insert" writes to changes.
// The webview never sends a value back — only the key of a value the host gave it — so a
// compromised webview can copy, insert or open nothing the host did not offer.

import { isRecord } from '../../core/record';

export const PROTOCOL_VERSION = 1;

// ---- Value keys ---------------------------------------------------------------------------------

/** What the host can copy, insert or open: a task field, or the N-th URL, button or numbered prompt. */
export type ValueKey = string;

const VALUE_KEY = /^(?:taskId|prompt|promptEn|finalPrompt|finalZhPrompt|description|seed|failReason|imageUrl|(?:imageUrls|videoUrls|buttons|prompts)\.\d{1,4})$/;

export function isValueKey(v: unknown): v is ValueKey {
  return typeof v === 'string' && VALUE_KEY.test(v);
}

// ---- Host → webview ----------------------------------------------------------------------------

/** A copyable text: the label shown above it and the value itself. */
export interface TextValue {
  key: ValueKey;
  label: string;
  value: string;
}

/** An image or video URL. `safeUrl` is the http(s) form to load, or null: then it is shown as text only. */
export interface MediaItem {
  key: ValueKey;
  url: string;
  safeUrl: string | null;
}

export interface ButtonItem {
  key: ValueKey;
  customId: string;
  label: string;
  emoji: string;
  /** One line: "Upscale image 2", "Zoom out 2×", "Pan left"; for unknown customIds a generic line. */
  meaning: string;
  /** '' or a short note that pressing it opens a modal (prompt, mask…) on the server first. */
  modalNote: string;
}

export interface ButtonGroup {
  title: string;
  buttons: ButtonItem[];
}

export interface ButtonRef {
  key: ValueKey;
  customId: string;
}

/** One quadrant of a 2×2 grid: 1 top-left, 2 top-right, 3 bottom-left, 4 bottom-right. */
export interface Quadrant {
  index: number;
  upscale: ButtonRef | null;
  variation: ButtonRef | null;
}

export interface Fact {
  label: string;
  value: string;
}

export type NoticeTone = 'info' | 'warning' | 'error';

/** Something to say above the content: failed, last poll failed, stuck, not fetched, not tracked. */
export interface Notice {
  tone: NoticeTone;
  title: string;
  detail: string;
}

export type ViewPhase = 'unfetched' | 'untracked' | 'fetched';

/** A codicon by name (`pass`, `sync`), and whether it spins (only while the task runs). */
export interface StatusIcon {
  name: string;
  spin: boolean;
}

/** Everything the webview shows, already localized and checked by the host. */
export interface PreviewModel {
  taskId: string;
  title: string;
  phase: ViewPhase;
  /** The status word (SUCCESS…) for styling; '' before the first fetch. */
  status: string;
  statusLabel: string;
  /** The badge's icon: the tree's for the same status (cloud-download before the first fetch). */
  statusIcon: StatusIcon;
  /** 0–100 while the task runs; null otherwise. */
  progress: number | null;
  running: boolean;
  facts: Fact[];
  notices: Notice[];
  image: MediaItem | null;
  /** Set only when `image` is a 2×2 grid. */
  grid: Quadrant[] | null;
  gallery: MediaItem[];
  videos: MediaItem[];
  /** The text before DESCRIBE/SHORTEN's numbered prompts; '' when none. */
  promptsIntro: string;
  prompts: TextValue[];
  fields: TextValue[];
  buttonGroups: ButtonGroup[];
}

/** The editor "Insert" writes into; null when there is none. */
export interface EditorTarget {
  fileName: string;
  /** The language's display name for the literal form ("Python"); '' for a plain-text editor. */
  literalName: string;
}

export const UI_STRING_KEYS = [
  'copy',
  'copyTitle',
  'copied',
  'insert',
  'insertTitle',
  'insertLiteral',
  'insertLiteralTitle',
  'inserted',
  'noEditor',
  'open',
  'openFullSize',
  'refresh',
  'refreshTitle',
  'gridHint',
  'quadrantTitle',
  'upscaleShort',
  'variationShort',
  'imageAlt',
  'imageUrl',
  'videoUrl',
  'images',
  'videos',
  'prompts',
  'details',
  'buttons',
  'unsafeUrl',
  'imageFailed',
  'loading',
  'progress',
] as const;

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Record<UiStringKey, string>;

export type HostMessage =
  | { type: 'init'; protocol: number; strings: UiStrings; view: PreviewModel; target: EditorTarget | null }
  | { type: 'update'; view: PreviewModel }
  | { type: 'target'; target: EditorTarget | null };

// ---- Webview → host ----------------------------------------------------------------------------

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'copy'; key: ValueKey }
  /** `literal`: as a string literal in the target editor's language (Alt-click or the secondary button). */
  | { type: 'insert'; key: ValueKey; literal: boolean }
  /** Open an image or video URL in the browser. */
  | { type: 'open'; key: ValueKey }
  | { type: 'refresh' };

/**
 * What the webview keeps through a hide or a reload (`setState`). The serializer reads `taskId`;
 * the webview repaints the last view from it at once when shown again, before the host answers
 * `ready` (no blank flash), and validates it like any message.
 */
export interface PreviewState {
  taskId: string;
  strings?: UiStrings;
  view?: PreviewModel;
}

// ---- Guards ------------------------------------------------------------------------------------

type Guard<T> = (v: unknown) => v is T;


const isString: Guard<string> = (v): v is string => typeof v === 'string';
const isBoolean: Guard<boolean> = (v): v is boolean => typeof v === 'boolean';
const isFiniteNumber: Guard<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);

function nullable<T>(g: Guard<T>): Guard<T | null> {
  return (v): v is T | null => v === null || g(v);
}

/** Lists longer than this are not a task any server produces. */
const MAX_LIST = 1000;

function arrayOf<T>(g: Guard<T>): Guard<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.length <= MAX_LIST && v.every(g);
}

function shape<T>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  return (v): v is T => isRecord(v) && Object.entries(fields).every(([k, g]) => (g as Guard<unknown>)(v[k]));
}

/** Task IDs are digits for most servers, UUID-like for some: printable, short, no separators. */
export function isTaskId(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(v);
}

const isTextValue = shape<TextValue>({ key: isValueKey, label: isString, value: isString });
const isMediaItem = shape<MediaItem>({ key: isValueKey, url: isString, safeUrl: nullable(isString) });
const isButtonItem = shape<ButtonItem>({
  key: isValueKey,
  customId: isString,
  label: isString,
  emoji: isString,
  meaning: isString,
  modalNote: isString,
});
const isButtonRef = shape<ButtonRef>({ key: isValueKey, customId: isString });
const isQuadrant = shape<Quadrant>({
  index: (v): v is number => v === 1 || v === 2 || v === 3 || v === 4,
  upscale: nullable(isButtonRef),
  variation: nullable(isButtonRef),
});
const isNotice = shape<Notice>({
  tone: (v): v is NoticeTone => v === 'info' || v === 'warning' || v === 'error',
  title: isString,
  detail: isString,
});

export const isPreviewModel: Guard<PreviewModel> = shape<PreviewModel>({
  taskId: isString,
  title: isString,
  phase: (v): v is ViewPhase => v === 'unfetched' || v === 'untracked' || v === 'fetched',
  status: isString,
  statusLabel: isString,
  statusIcon: shape<StatusIcon>({ name: (v): v is string => typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) && v.length <= 64, spin: isBoolean }),
  progress: nullable((v): v is number => isFiniteNumber(v) && v >= 0 && v <= 100),
  running: isBoolean,
  facts: arrayOf(shape<Fact>({ label: isString, value: isString })),
  notices: arrayOf(isNotice),
  image: nullable(isMediaItem),
  grid: nullable((v): v is Quadrant[] => Array.isArray(v) && v.length === 4 && v.every(isQuadrant)),
  gallery: arrayOf(isMediaItem),
  videos: arrayOf(isMediaItem),
  promptsIntro: isString,
  prompts: arrayOf(isTextValue),
  fields: arrayOf(isTextValue),
  buttonGroups: arrayOf(shape<ButtonGroup>({ title: isString, buttons: arrayOf(isButtonItem) })),
});

const isEditorTarget = shape<EditorTarget>({ fileName: isString, literalName: isString });

export function isUiStrings(v: unknown): v is UiStrings {
  return isRecord(v) && UI_STRING_KEYS.every((k) => typeof v[k] === 'string');
}

/** Used by the webview on everything the host posts. */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isRecord(v)) {
    return false;
  }
  switch (v.type) {
    case 'init':
      return v.protocol === PROTOCOL_VERSION && isUiStrings(v.strings) && isPreviewModel(v.view) && nullable(isEditorTarget)(v.target);
    case 'update':
      return isPreviewModel(v.view);
    case 'target':
      return nullable(isEditorTarget)(v.target);
    default:
      return false;
  }
}

/** Used by the host on everything the webview posts. Extra properties are ignored, wrong ones refused. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isRecord(v)) {
    return false;
  }
  switch (v.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'copy':
    case 'open':
      return isValueKey(v.key);
    case 'insert':
      return isValueKey(v.key) && isBoolean(v.literal);
    default:
      return false;
  }
}

export function isPreviewState(v: unknown): v is PreviewState {
  return isRecord(v) && isTaskId(v.taskId);
}

/** "{0}" placeholders, as vscode.l10n.t fills them; for the templates the host sends in `strings`. */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}
