import { IdSource } from './ids';
import { PALETTE_COUNT } from './images';
import { BASE_DURATION_MS, isTerminal, pinned, stateAt, t0For } from './lifecycle';
import { describePromptsFor, failReasonFor, finalPromptFor, shortenOptionsFor, translate, wantsBigId } from './prompts';
import type { ResultKind, SimTask, Timeline } from './taskModel';
import type { SimStatus, TaskSpec } from './types';

// Every task the simulator knows, in insertion order, plus the rules for making new ones.

export interface NewTask {
  action: string;
  result: ResultKind;
  prompt: string;
  /** Default: the prompt translated. */
  promptEn?: string;
  /** Default: promptEn with the model version appended. */
  finalPrompt?: string;
  description: string;
  /** Default 'Submit success'. */
  submitDescription?: string;
  state?: string | null;
  mode?: SimTask['mode'];
  parentId?: string | null;
  customId?: string | null;
  index?: number | null;
  /** Default: the next palette in rotation. */
  palette?: number;
  quadrant?: number;
  timeline: Timeline;
  /** Default: from the prompt (`--bigid`). */
  bigId?: boolean;
  /** Default: now (or the timeline's start). The demo back-dates its finished tasks. */
  submitTime?: number;
}

/** The failure reason a test's FAILURE gets when it names none. */
export const INTERNAL_ERROR_REASON = '[Internal error] The job encountered an error.';

/** A task not finished yet, and not waiting in a MODAL window. */
export type InFlightStatus = 'NOT_START' | 'SUBMITTED' | 'IN_PROGRESS';

/** Videos take longer than grids (Midjourney renders four clips); a video upscale is quick. */
const DURATION_FACTOR: Record<ResultKind, number> = { grid: 1, single: 0.5, describe: 0.4, shorten: 0.3, video: 1.5, videoSingle: 0.5 };

export class SimTaskStore {
  private readonly tasks = new Map<string, SimTask>();
  private seq = 0;
  private nextPalette = 0;
  /** Finish times of moving tasks, for "how many are busy" (submit code 22). */
  private busyUntil: number[] = [];

  constructor(
    readonly ids: IdSource,
    private readonly speed: number,
    private readonly now: () => number,
    /** Nothing moves by itself: every task in flight stays where it is until a test moves it. */
    readonly frozen = false,
  ) {}

  get size(): number {
    return this.tasks.size;
  }

  get(id: string): SimTask | undefined {
    return this.tasks.get(id);
  }

  /** The task a test names; an unknown ID is the test's mistake. */
  known(id: string): SimTask {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`simulator: no task ${id}`);
    return task;
  }

  /** Known tasks among `ids`, each once, in insertion order (what a database query returns). */
  pick(ids: readonly string[]): SimTask[] {
    const found = new Set<SimTask>();
    for (const id of ids) {
      const t = this.tasks.get(id);
      if (t) found.add(t);
    }
    return [...found].sort((a, b) => a.seq - b.seq);
  }

  all(): SimTask[] {
    return [...this.tasks.values()];
  }

  /** The default submit → outcome time for a result kind, scaled by speed. */
  durationFor(result: ResultKind, failing = false): number {
    return (BASE_DURATION_MS * (failing ? 0.4 : DURATION_FACTOR[result])) / this.speed;
  }

  /** A timeline that starts now and ends as the prompt says (fail trigger) unless told otherwise. */
  movingFromNow(result: ResultKind, prompt: string): Timeline {
    const failReason = failReasonFor(prompt);
    const outcome = failReason === null ? 'SUCCESS' : 'FAILURE';
    return this.inFlight('NOT_START', undefined, this.durationFor(result, failReason !== null), outcome, failReason ?? '');
  }

  /**
   * A task at `status`/`progress` now: moving on from there on the clock, or, when it or the whole
   * simulator is frozen, staying there until a test moves it (setProgress, complete).
   */
  inFlight(status: InFlightStatus, progress: number | undefined, durationMs: number, outcome: 'SUCCESS' | 'FAILURE', failReason: string, frozen = this.frozen): Timeline {
    const now = this.now();
    if (frozen) {
      const shown = status === 'NOT_START' ? null : status === 'SUBMITTED' ? 0 : Math.round(progress ?? 0);
      return pinned(status, shown, status === 'NOT_START' ? null : now, null, null);
    }
    return { kind: 'moving', t0: t0For(status, progress, durationMs, now), durationMs, outcome, failReason };
  }

  /** Tasks currently queued or running (used to answer submits with "in queue"). */
  busyCount(): number {
    const now = this.now();
    this.busyUntil = this.busyUntil.filter((t) => t > now);
    return this.busyUntil.length;
  }

  add(n: NewTask): SimTask {
    const now = this.now();
    const promptEn = n.promptEn ?? translate(n.prompt);
    const palette = n.palette ?? this.nextPalette++ % PALETTE_COUNT;
    const big = n.bigId ?? wantsBigId(n.prompt);
    const task: SimTask = {
      id: big ? this.ids.bigTaskId(now) : this.ids.taskId(now),
      seq: this.seq++,
      action: n.action,
      result: n.result,
      prompt: n.prompt,
      promptEn,
      finalPrompt: n.finalPrompt ?? finalPromptFor(promptEn),
      description: n.description,
      submitDescription: n.submitDescription ?? 'Submit success',
      state: n.state ?? null,
      mode: n.mode ?? 'FAST',
      parentId: n.parentId ?? null,
      customId: n.customId ?? null,
      index: n.index ?? null,
      hash: this.ids.hash(),
      palette,
      quadrant: n.quadrant ?? 1 + (palette % 4),
      describePrompts: n.result === 'describe' ? describePromptsFor(palette) : n.result === 'shorten' ? shortenOptionsFor(promptEn) : null,
      submitTime: now,
      timeline: n.timeline,
      seed: this.ids.seed(),
      seedRevealed: false,
      nonce: this.ids.snowflakeId(now),
      messageId: this.ids.snowflakeId(now),
      children: new Map(),
    };
    if (task.timeline.kind === 'moving') {
      // A task created mid-way was (virtually) submitted when its timeline began.
      task.submitTime = Math.min(now, Math.round(task.timeline.t0));
      this.busyUntil.push(task.timeline.t0 + task.timeline.durationMs);
    }
    if (n.submitTime !== undefined) task.submitTime = n.submitTime;
    this.tasks.set(task.id, task);
    return task;
  }

  /** Simulator.createTask: a task from a test's or the demo's spec. */
  addFromSpec(spec: TaskSpec, defaultAction: string): SimTask {
    const action = spec.action ?? defaultAction;
    const result = resultKindOf(action);
    const prompt = spec.prompt ?? 'a watercolor fox in a snowy forest';
    const triggered = failReasonFor(prompt);
    const outcome = spec.outcome ?? (triggered === null ? 'SUCCESS' : 'FAILURE');
    const failReason = spec.failReason ?? triggered ?? INTERNAL_ERROR_REASON;
    const durationMs = spec.durationMs ?? this.durationFor(result, outcome === 'FAILURE');
    const task = this.add({
      action,
      result,
      prompt: result === 'describe' ? '' : prompt,
      description: result === 'describe' ? '/describe image.png' : `/imagine ${prompt}`,
      parentId: spec.parentId ?? null,
      timeline: this.specTimeline(spec, durationMs, outcome, failReason),
      // A task created finished was submitted one duration ago, before its start time.
      submitTime: spec.status !== undefined && isTerminal(spec.status) ? Math.round(this.now() - durationMs) : undefined,
    });
    if (spec.overrides) {
      task.overrides = { ...spec.overrides };
    }
    if (spec.linkExpiresAt !== undefined) {
      task.linkExpiresAt = spec.linkExpiresAt;
    }
    return task;
  }

  private specTimeline(spec: TaskSpec, durationMs: number, outcome: 'SUCCESS' | 'FAILURE', failReason: string): Timeline {
    const now = this.now();
    const status: SimStatus = spec.status ?? 'NOT_START';
    if (isTerminal(status)) {
      const start = Math.round(now - durationMs * 0.9);
      if (status === 'SUCCESS') return pinned('SUCCESS', 100, start, now, null);
      return pinned(status, null, start, now, status === 'FAILURE' ? failReason : null);
    }
    if (status === 'MODAL') return pinned('MODAL', 0, null, null, null);
    return this.inFlight(status, spec.progress, durationMs, outcome, failReason, spec.frozen || this.frozen);
  }

  /** Sets a waiting (MODAL) task going from now. */
  start(task: SimTask): void {
    task.timeline = this.movingFromNow(task.result, task.prompt);
    if (task.timeline.kind === 'moving') this.busyUntil.push(task.timeline.t0 + task.timeline.durationMs);
  }

  /**
   * Puts a task IN_PROGRESS at `progress` % now and keeps it there (until the next call, complete or
   * a cancel), with the start time it already had. A finished task cannot run again.
   */
  setProgress(task: SimTask, progress: number): void {
    if (!Number.isFinite(progress) || progress < 0 || progress > 100) throw new Error(`simulator: progress must be 0–100, got ${progress}`);
    const now = this.now();
    const state = stateAt(task, now);
    if (isTerminal(state.status)) throw new Error(`simulator: task ${task.id} has finished (${state.status}); it cannot be in progress again`);
    task.timeline = pinned('IN_PROGRESS', Math.round(progress), state.startTime ?? now, null, null);
  }

  /** Ends a task now, keeping the start time it already had. */
  complete(task: SimTask, outcome: 'SUCCESS' | 'FAILURE' | 'CANCEL', failReason: string | null): void {
    const now = this.now();
    const start = stateAt(task, now).startTime ?? now;
    task.timeline = pinned(outcome, outcome === 'SUCCESS' ? 100 : null, start, now, outcome === 'SUCCESS' ? null : failReason);
  }
}

export function resultKindOf(action: string): ResultKind {
  if (action === 'UPSCALE' || action === 'UPSCALE_HD') return 'single';
  if (action === 'DESCRIBE') return 'describe';
  if (action === 'SHORTEN') return 'shorten';
  if (action === 'VIDEO') return 'video';
  return 'grid';
}
