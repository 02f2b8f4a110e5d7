import type { SimStatus } from './types';

// What the simulator stores per task. Dialect-neutral except `action`, which is stored in the
// running dialect's vocabulary (the simulator never changes dialect), so renderers print it as is.

/**
 * What the finished task shows: a 2×2 grid, one image, a DESCRIBE or SHORTEN text result, four video clips
 * (Animate: a VIDEO task) or one clip (a video U1–U4, trueai's UPSCALE of a video).
 */
export type ResultKind = 'grid' | 'single' | 'describe' | 'shorten' | 'video' | 'videoSingle';

/** DESCRIBE and SHORTEN: the result is text (numbered prompts), not a picture. */
export function isTextResult(result: ResultKind): result is 'describe' | 'shorten' {
  return result === 'describe' || result === 'shorten';
}

export function isVideoResult(result: ResultKind): result is 'video' | 'videoSingle' {
  return result === 'video' || result === 'videoSingle';
}

/**
 * Where a task is going. Moving tasks are computed from the clock on each request (no timers),
 * so thousands of them cost nothing until asked for.
 */
export type Timeline =
  | {
      kind: 'moving';
      /** When the task (virtually) entered the queue; shifted back for tasks created mid-way. */
      t0: number;
      durationMs: number;
      outcome: 'SUCCESS' | 'FAILURE';
      failReason: string;
    }
  | {
      kind: 'pinned';
      status: SimStatus;
      /** 0–100, or null for "no progress" (NOT_START, failures). */
      progress: number | null;
      startTime: number | null;
      finishTime: number | null;
      failReason: string | null;
    };

export interface SimTask {
  id: string;
  /** Insertion order: list endpoints answer in this ("database") order. */
  seq: number;
  action: string;
  result: ResultKind;
  /** What the caller typed (for actions: the parent's prompt, as relays show it). */
  prompt: string;
  promptEn: string;
  finalPrompt: string;
  /** novicezk's `/imagine …`, `/up <id> U2` line. */
  description: string;
  /** The submit response's description; new-api shows it as the task's description. */
  submitDescription: string;
  state: string | null;
  mode: 'FAST' | 'RELAX' | 'TURBO';
  parentId: string | null;
  /** The customId that created it, for actions. */
  customId: string | null;
  /** 1–4 for U/V buttons. */
  index: number | null;
  /** The Midjourney job UUID (properties.messageHash, the customIds' hash). */
  hash: string;
  /** Which colour set the images use; an upscale keeps its parent's, a new grid gets its own. */
  palette: number;
  /** For single images and videos: the grid quadrant the picture came from (1–4). */
  quadrant: number;
  /** DESCRIBE results: the four prompts; SHORTEN results: the five shorter prompts. */
  describePrompts: string[] | null;
  submitTime: number;
  timeline: Timeline;
  /** trueai fills `seed` only once /image-seed was asked for. */
  seed: string;
  seedRevealed: boolean;
  nonce: string;
  messageId: string;
  /** Children by customId, so novicezk can answer "already exists" (code 21) for a repeated U. */
  children: Map<string, string>;
  /** TaskSpec.overrides: raw fields laid over the rendered JSON. */
  overrides?: Record<string, unknown>;
  /** TaskSpec.linkExpiresAt: Discord-style links expiring then. */
  linkExpiresAt?: number;
}
