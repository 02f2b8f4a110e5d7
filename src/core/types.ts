// The one shape every server's task JSON is read into. Shared by the extension, the CLI,
// the simulator's tests and the benchmark; nothing here may import `vscode`.

export const TASK_STATUSES = [
  'NOT_START',
  'SUBMITTED',
  'MODAL',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
  'CANCEL',
  'UNKNOWN',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['SUCCESS', 'FAILURE', 'CANCEL']);

export interface TaskButton {
  customId: string;
  /** '' when the server sent none (emoji-only buttons such as 🔄). */
  label: string;
  /** '' when the server sent none. */
  emoji: string;
}

/**
 * A task as MJ Tasks understands it. Text fields are `null` when the server sent nothing
 * useful (missing key, `null` or `""`), so consumers never have to tell those apart.
 */
export interface Task {
  id: string;
  /** Open set: IMAGINE, UPSCALE, VARIATION, DESCRIBE, VIDEO, … or whatever a relay invents; '' when absent. */
  action: string;
  status: TaskStatus;
  /** The status text exactly as the server sent it (kept so UNKNOWN can be shown). */
  rawStatus: string;
  /** 0–100, or null when absent/empty. */
  progress: number | null;
  prompt: string | null;
  promptEn: string | null;
  finalPrompt: string | null;
  finalZhPrompt: string | null;
  description: string | null;
  imageUrl: string | null;
  imageUrls: string[];
  videoUrls: string[];
  failReason: string | null;
  buttons: TaskButton[];
  seed: string | null;
  parentId: string | null;
  mode: string | null;
  /** Epoch ms, or null (0 means null). */
  submitTime: number | null;
  startTime: number | null;
  finishTime: number | null;
  /** SUCCESS, FAILURE or CANCEL: nothing will change any more. */
  terminal: boolean;
}

export type AuthScheme = 'bearer' | 'raw' | 'mj-api-secret' | 'none';

export const AUTH_SCHEMES: readonly AuthScheme[] = ['bearer', 'raw', 'mj-api-secret', 'none'];

/** Where tasks live and how to reach them. The key is not part of it: it is passed separately. */
export interface ServerConfig {
  baseUrl: string;
  auth: AuthScheme;
}

/** What a submit endpoint answered when it accepted the request (codes 1, 21, 22). */
export interface SubmitResult {
  code: number;
  description: string;
  /** The new task's ID (every digit kept, even when the server sent a JSON number). */
  taskId: string;
  /** Code 21: a MODAL task waits for /mj/submit/modal. */
  needsModal: boolean;
  properties: Record<string, unknown>;
}

/** /mj/submit/blend's shapes: 2:3, 1:1, 3:2. */
export const BLEND_DIMENSIONS = ['PORTRAIT', 'SQUARE', 'LANDSCAPE'] as const;

export type BlendDimensions = (typeof BLEND_DIMENSIONS)[number];
