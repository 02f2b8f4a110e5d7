// What the CLI found for each ID, and the exit code that sums it up for scripts.

import { MjError, MjErrorKind } from '../core/errors';
import { Task } from '../core/types';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_NOT_FOUND = 3;
export const EXIT_UNAUTHORIZED = 4;
export const EXIT_FAILURE = 5;

/** One requested ID: its task, or why there is none. */
export type Outcome = { id: string; task: Task } | { id: string; error: MjError };

export function exitCodeFor(kind: MjErrorKind): number {
  switch (kind) {
    case 'TaskNotFound':
    case 'SubmitRejected':
      return EXIT_NOT_FOUND;
    case 'Unauthorized':
      return EXIT_UNAUTHORIZED;
    case 'RateLimited':
    case 'ServerError':
    case 'BadResponse':
    case 'Network':
    case 'Timeout':
    case 'NotConfigured':
      return EXIT_FAILURE;
  }
}

/** The most severe code among the failures (5 > 4 > 3), 0 when every ID has its task. */
export function exitCodeOf(outcomes: Outcome[]): number {
  let code = EXIT_OK;
  for (const o of outcomes) if ('error' in o) code = Math.max(code, exitCodeFor(o.error.kind));
  return code;
}

/** The `--json` form: the normalized task, or `{id, error: {kind, message, hint, status?}}`. */
export function outcomeJson(o: Outcome): unknown {
  return 'task' in o ? o.task : { id: o.id, error: o.error.toJSON() };
}
