// The checks each side runs on what the other posts (see protocol.ts for the messages): the host
// on the webview's requests, the webview on the host's views. Anything of the wrong shape is
// refused as a whole; extra properties are ignored.

import { isRecord } from '../../core/record';
import {
  ButtonGroup,
  ButtonItem,
  ButtonRef,
  EditorTarget,
  Fact,
  FamilyLink,
  HostMessage,
  InsertResult,
  MediaItem,
  Notice,
  NoticeTone,
  LinkExpiryView,
  PreviewFamily,
  PreviewModel,
  PreviewState,
  SaveOption,
  PROTOCOL_VERSION,
  Quadrant,
  StatusIcon,
  TextValue,
  UI_STRING_KEYS,
  UiStrings,
  ValueKey,
  ViewPhase,
  WebviewMessage,
} from './protocol';

const VALUE_KEY = /^(?:taskId|prompt|promptEn|finalPrompt|finalZhPrompt|description|seed|failReason|imageUrl|(?:imageUrls|videoUrls|buttons|prompts)\.\d{1,4}|family\.parent|family\.children\.\d{1,4})$/;

export function isValueKey(v: unknown): v is ValueKey {
  return typeof v === 'string' && VALUE_KEY.test(v);
}

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

/** What saveSources names a piece: 'image', 'q1'–'q4', 'image2', 'video1'. */
export function isSavePart(v: unknown): v is string {
  return typeof v === 'string' && /^(?:image|q[1-4]|image\d{1,4}|video\d{1,4})$/.test(v);
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
const isFamilyLink = shape<FamilyLink>({ key: isValueKey, label: isString, taskId: isTaskId });
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
  saveOptions: arrayOf(shape<SaveOption>({ part: isSavePart, label: isString })),
  savedFiles: arrayOf(isString),
  linkExpiry: nullable(shape<LinkExpiryView>({ text: isString, tone: (v): v is LinkExpiryView['tone'] => v === 'live' || v === 'soon' || v === 'expired' })),
  family: shape<PreviewFamily>({
    parent: nullable(isFamilyLink),
    children: arrayOf(isFamilyLink),
    canPress: isBoolean,
  }),
});

const isEditorTarget = shape<EditorTarget>({ fileName: isString, literalName: isString });

/** The webview's counter for its `insert` requests: a non-negative integer a double holds exactly. */
function isRequestId(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) >= 0;
}

/** A reason is a sentence or two; anything longer is not one the host wrote. */
const MAX_REASON = 500;

function isInsertResult(v: Record<string, unknown>): v is Record<string, unknown> & InsertResult {
  return v.inserted === true || (v.inserted === false && isString(v.reason) && v.reason.trim() !== '' && v.reason.length <= MAX_REASON);
}

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
    case 'insertResult':
      return isRequestId(v.requestId) && isInsertResult(v);
    case 'mediaProblem':
      return isValueKey(v.key) && isString(v.reason) && v.reason.length <= MAX_REASON;
    case 'pressResult':
      return isValueKey(v.key);
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
      return isValueKey(v.key) && isBoolean(v.literal) && isRequestId(v.requestId);
    case 'save':
      return isSavePart(v.part);
    case 'mediaFailed':
      return isValueKey(v.key);
    case 'press':
      return isValueKey(v.key) && v.key.startsWith('buttons.');
    case 'openTask':
      return isValueKey(v.key) && v.key.startsWith('family.');
    default:
      return false;
  }
}

export function isPreviewState(v: unknown): v is PreviewState {
  return isRecord(v) && isTaskId(v.taskId);
}

