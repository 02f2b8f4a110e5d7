// What the poll loop (scheduler.ts) is given and what it reports: its clock, its dependencies and
// a cycle's request counts. Apart so that the loop's file holds the loop.

import { GiveUpRule } from './pollLedger';
import { FetchBatchResult } from './pollRound';
import { PollSettings } from './pollSchedule';
import { TaskStore } from './taskStore';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerDeps {
  store: TaskStore;
  /** The client's fetchTasks for one provider; IDs not in any of the three answers are retried later. */
  fetchBatch(provider: string, ids: string[], signal: AbortSignal): Promise<FetchBatchResult>;
  clock?: SchedulerClock;
  /** Read at every cycle, so setting changes apply without a restart. */
  settings(): PollSettings;
  /** Read once at construction; afterwards onFocusChanged keeps the scheduler informed. Default: focused. */
  isFocused?(): boolean;
  /** When to stop asking for a task that keeps failing; default: after MAX_CONSECUTIVE_MISSES misses. */
  giveUp?: GiveUpRule;
  /** The shortest interval settings may ask for; default MIN_INTERVAL_MS. */
  minIntervalMs?: number;
  log?(msg: string): void;
}

export interface PollReport {
  /** fetchBatch calls made. */
  requests: number;
  /** IDs asked for, over all requests. */
  ids: number;
  /** Failed requests plus IDs answered with an error or as missing. */
  errors: number;
}

/** The real clock; the poll lease runs on it too. */
export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
