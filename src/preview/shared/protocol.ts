// The preview's host↔webview messages, declared once and compiled by both sides. No `vscode`, no
// DOM types. Each side validates what it receives with the guards in protocolGuards.ts: the
// webview is untrusted ground, and a webview must not trust a message it cannot check either.
//
// The flow: the webview loads, posts `ready`; the host answers `init` (strings + the view); then
// `update` whenever the task changes and `target` when the editor that "Insert" writes to changes.
// An `insert` is answered by `insertResult` (same requestId): only then does the webview say
// "Inserted", or why nothing was — the editor may be read-only or gone.
// The webview never sends a value back — only the key of a value the host gave it — so a
// compromised webview can copy, insert or open nothing the host did not offer.

export const PROTOCOL_VERSION = 2;

// ---- Value keys ---------------------------------------------------------------------------------

/** What the host can copy, insert or open: a task field, or the N-th URL, button or numbered prompt. */
export type ValueKey = string;

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
  /** What can be saved into the workspace (a finished task's image, quadrants, videos). */
  saveOptions: SaveOption[];
  /** Workspace-relative paths this task was saved to, newest last. */
  savedFiles: string[];
  /** How long the result's link lives; null when it has no known expiry. */
  linkExpiry: LinkExpiryView | null;
  /** The task it was made from and the tasks made from it; buttons can be pressed. */
  family: PreviewFamily;
}

/** A piece of the task to save: `part` is what the webview sends back ('image', 'q2', 'image3', 'video1'). */
export interface SaveOption {
  part: string;
  label: string;
}

export interface LinkExpiryView {
  /** "link expires in 5 h", "link expired 2 h ago". */
  text: string;
  tone: 'live' | 'soon' | 'expired';
}

/** A tracked relative of the task: the key opens its preview. */
export interface FamilyLink {
  key: ValueKey;
  /** What it is: "Upscale image 2 · Succeeded", its title (server text, shown as text). */
  label: string;
  taskId: string;
}

export interface PreviewFamily {
  parent: FamilyLink | null;
  children: FamilyLink[];
  /** A finished task's buttons send a job when pressed (one request each). */
  canPress: boolean;
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
  'notInserted',
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
  'save',
  'saveTitle',
  'savedTo',
  'press',
  'pressTitle',
  'pressing',
  'madeFrom',
  'madeHere',
] as const;

export type UiStringKey = (typeof UI_STRING_KEYS)[number];
export type UiStrings = Record<UiStringKey, string>;

/** What became of an `insert`: written, or not, with the host's (localized) reason. */
export type InsertResult = { inserted: true } | { inserted: false; reason: string };

export type HostMessage =
  | { type: 'init'; protocol: number; strings: UiStrings; view: PreviewModel; target: EditorTarget | null }
  | { type: 'update'; view: PreviewModel }
  | { type: 'target'; target: EditorTarget | null }
  | ({ type: 'insertResult'; requestId: number } & InsertResult)
  /** Why the image or video behind `key` did not load (expired, blocked, not found, not an image), in words. */
  | { type: 'mediaProblem'; key: ValueKey; reason: string }
  /** The press of a button has been answered (or declined): its control may be used again. */
  | { type: 'pressResult'; key: ValueKey };

// ---- Webview → host ----------------------------------------------------------------------------

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'copy'; key: ValueKey }
  /**
   * `literal`: as a string literal in the target editor's language (Alt-click or the secondary
   * button). `requestId` (the webview's own counter) comes back in the `insertResult`.
   */
  | { type: 'insert'; key: ValueKey; literal: boolean; requestId: number }
  /** Open an image or video URL in the browser. */
  | { type: 'open'; key: ValueKey }
  | { type: 'refresh' }
  /** Save a piece the view offered in `saveOptions` into the workspace. */
  | { type: 'save'; part: string }
  /** An image or video the view showed did not load: the host finds out why. */
  | { type: 'mediaFailed'; key: ValueKey }
  /** Press a button of the task (a `buttons.N` key): one submit. */
  | { type: 'press'; key: ValueKey }
  /** Show a relative (a `family.*` key) in the preview. */
  | { type: 'openTask'; key: ValueKey };

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

/** "{0}" placeholders, as vscode.l10n.t fills them; for the templates the host sends in `strings`. */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
}
