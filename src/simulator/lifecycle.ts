import type { SimTask, Timeline } from './taskModel';
import type { SimStatus } from './types';

// A task's state is a pure function of its timeline and the clock. Phases of a moving task, as
// fractions of its duration: queued (NOT_START) 0–10 %, SUBMITTED 10–25 %, IN_PROGRESS 25–100 %,
// then the outcome.

const SUBMITTED_AT = 0.1;
const IN_PROGRESS_AT = 0.25;

/** The progress values Midjourney's Discord messages actually report, in order. */
const PROGRESS_STEPS = [0, 15, 31, 46, 62, 78, 93] as const;

/** A grid at speed 1 takes this long from submit to SUCCESS. */
export const BASE_DURATION_MS = 15_000;

export interface TaskState {
  status: SimStatus;
  /** 0–100; null when the server has none (novicezk NOT_START, failures). */
  progress: number | null;
  startTime: number | null;
  finishTime: number | null;
  failReason: string | null;
  /** Early in the queue phase: new-api has not polled upstream yet (status "" there). */
  fresh: boolean;
}

export function stateAt(task: SimTask, now: number): TaskState {
  const tl = task.timeline;
  if (tl.kind === 'pinned') {
    return {
      status: tl.status,
      progress: tl.progress,
      startTime: tl.startTime,
      finishTime: tl.finishTime,
      failReason: tl.failReason,
      fresh: tl.status === 'NOT_START',
    };
  }
  const f = (now - tl.t0) / tl.durationMs;
  const startTime = tl.t0 + SUBMITTED_AT * tl.durationMs;
  if (f >= 1) {
    const failed = tl.outcome === 'FAILURE';
    return {
      status: tl.outcome,
      progress: failed ? null : 100,
      startTime: Math.round(startTime),
      finishTime: Math.round(tl.t0 + tl.durationMs),
      failReason: failed ? tl.failReason : null,
      fresh: false,
    };
  }
  if (f < SUBMITTED_AT) {
    return { status: 'NOT_START', progress: null, startTime: null, finishTime: null, failReason: null, fresh: f < SUBMITTED_AT / 2 };
  }
  if (f < IN_PROGRESS_AT) {
    return { status: 'SUBMITTED', progress: 0, startTime: Math.round(startTime), finishTime: null, failReason: null, fresh: false };
  }
  const within = (f - IN_PROGRESS_AT) / (1 - IN_PROGRESS_AT);
  const step = PROGRESS_STEPS[Math.min(PROGRESS_STEPS.length - 1, Math.floor(within * PROGRESS_STEPS.length))];
  return { status: 'IN_PROGRESS', progress: step, startTime: Math.round(startTime), finishTime: null, failReason: null, fresh: false };
}

/**
 * The t0 that puts a moving task at `status`/`progress` right now, so a task created
 * "already IN_PROGRESS at 40 %" carries on from there.
 */
export function t0For(status: 'NOT_START' | 'SUBMITTED' | 'IN_PROGRESS', progress: number | undefined, durationMs: number, now: number): number {
  if (status === 'NOT_START') return now;
  // One millisecond past the phase boundary: exactly on it, rounding can land the fraction just
  // below and show the phase before (SUBMITTED read back as NOT_START).
  if (status === 'SUBMITTED') return now - SUBMITTED_AT * durationMs - 1;
  const p = Math.max(0, Math.min(99, progress ?? 0)) / 100;
  return now - (IN_PROGRESS_AT + (1 - IN_PROGRESS_AT) * p) * durationMs - 1;
}

/** Which in-progress preview to show: none before the first image, then coarse, then finer. */
export function progressStage(state: TaskState): 0 | 1 | 2 {
  if (state.status !== 'IN_PROGRESS' || state.progress === null || state.progress < 15) return 0;
  return state.progress < 50 ? 1 : 2;
}

export function isTerminal(status: SimStatus): status is 'SUCCESS' | 'FAILURE' | 'CANCEL' {
  return status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCEL';
}

/** A timeline fixed at the current state, e.g. for completeTask or a cancel. */
export function pinned(status: SimStatus, progress: number | null, startTime: number | null, finishTime: number | null, failReason: string | null): Timeline {
  return { kind: 'pinned', status, progress, startTime, finishTime, failReason };
}
