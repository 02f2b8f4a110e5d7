import { describeCustomId } from './customId';
import { tryParseJson } from './json';
import { isRecord } from './record';
import { parseTaskIdInput } from './taskIdInput';
import { Task } from './types';

// The JSON file saved beside every saved image or video (`<name>.json`): what the result is and
// how to get back to it — the task, its prompts, seed, buttons with their customIds and what they
// do, its family, its times and the link it came from. Never the API key: only the provider's
// name. Versioned, so a later MJ Tasks reads what an earlier one wrote; read back for
// "Track this task again".

export const SIDECAR_KIND = 'mj-tasks/saved-task';
export const SIDECAR_VERSION = 1;

export interface SidecarButton {
  customId: string;
  label: string;
  emoji: string;
  /** In plain words: "Upscale image 2", "Zoom out 2×". */
  meaning: string;
}

export interface Sidecar {
  kind: typeof SIDECAR_KIND;
  schemaVersion: number;
  taskId: string;
  /** The provider's name in MJ Tasks (which server to ask); never its key. */
  provider: string;
  action: string;
  status: string;
  prompt: string | null;
  promptEn: string | null;
  finalPrompt: string | null;
  seed: string | null;
  buttons: SidecarButton[];
  parentId: string | null;
  childrenIds: string[];
  /** ISO 8601, or null when the server did not say. */
  submitTime: string | null;
  startTime: string | null;
  finishTime: string | null;
  /** What was saved: "image", "quadrant 2", "image 3", "video 1". */
  part: string;
  /** The link the file was downloaded from (as the server gave it; it may have expired since). */
  sourceUrl: string;
  /** The saved file's name, beside this one. */
  file: string;
  /** Whether the file was cut from the grid here rather than downloaded as it is. */
  cutLocally: boolean;
  savedAt: string;
}

export interface SidecarInput {
  task: Task;
  provider: string;
  parentId: string | null;
  childrenIds: readonly string[];
  part: string;
  sourceUrl: string;
  file: string;
  cutLocally: boolean;
  savedAt: number;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function buildSidecar(input: SidecarInput): Sidecar {
  const { task } = input;
  return {
    kind: SIDECAR_KIND,
    schemaVersion: SIDECAR_VERSION,
    taskId: task.id,
    provider: input.provider,
    action: task.action,
    status: task.status,
    prompt: task.prompt,
    promptEn: task.promptEn,
    finalPrompt: task.finalPrompt,
    seed: task.seed,
    buttons: task.buttons.map((b) => ({ customId: b.customId, label: b.label, emoji: b.emoji, meaning: describeCustomId(b.customId, b.label, b.emoji).meaning })),
    parentId: input.parentId ?? task.parentId,
    childrenIds: [...input.childrenIds],
    submitTime: iso(task.submitTime),
    startTime: iso(task.startTime),
    finishTime: iso(task.finishTime),
    part: input.part,
    sourceUrl: input.sourceUrl,
    file: input.file,
    cutLocally: input.cutLocally,
    savedAt: new Date(input.savedAt).toISOString(),
  };
}

export function sidecarText(sidecar: Sidecar): string {
  return `${JSON.stringify(sidecar, null, 2)}\n`;
}

/** What re-tracking needs from a sidecar. */
export interface SidecarRef {
  taskId: string;
  provider: string;
}

export type SidecarRead = { ok: true; ref: SidecarRef } | { ok: false; reason: 'not-json' | 'not-sidecar' | 'newer' | 'bad-id' };

/** Only the ID pattern's one ID: no list, no URL, nothing around it. */
function singleId(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const ids = parseTaskIdInput(v).ids;
  return ids.length === 1 && ids[0] === v.trim() ? ids[0] : null;
}

/** Reads a sidecar's task ID and provider; anything else in it is not trusted for anything. */
export function readSidecar(text: string): SidecarRead {
  const parsed = tryParseJson(text);
  if (!parsed.ok) return { ok: false, reason: 'not-json' };
  return readSidecarValue(parsed.value);
}

export function readSidecarValue(v: unknown): SidecarRead {
  if (!isRecord(v) || v.kind !== SIDECAR_KIND || typeof v.schemaVersion !== 'number') return { ok: false, reason: 'not-sidecar' };
  if (v.schemaVersion > SIDECAR_VERSION) return { ok: false, reason: 'newer' };
  const taskId = singleId(v.taskId);
  if (!taskId) return { ok: false, reason: 'bad-id' };
  return { ok: true, ref: { taskId, provider: typeof v.provider === 'string' ? v.provider.trim().slice(0, 200) : '' } };
}

/** A cheap look at a file's start, before reading it all: could it be a sidecar? (For the CodeLens.) */
export function looksLikeSidecar(text: string): boolean {
  return text.slice(0, 200).includes(`"${SIDECAR_KIND}"`);
}
