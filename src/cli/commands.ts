// `mj-tasks fetch` on the core client, and how fetch and watch report what they found.

import { MjClient } from '../core/client';
import { MjError, TaskNotFoundError } from '../core/errors';
import { exitCodeOf, Outcome, outcomeJson } from './outcome';
import { OutStream } from './progressView';
import { errorLine, renderTask } from './render';

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
}

export async function runFetch(client: MjClient, ids: string[], json: boolean, io: Io): Promise<number> {
  let outcomes: Outcome[];
  try {
    const result = await client.fetchTasks(ids);
    outcomes = ids.map((id) => {
      const task = result.tasks.get(id);
      if (task) return { id, task };
      return { id, error: result.errors.get(id) ?? new TaskNotFoundError({ server: client.server, taskId: id }) };
    });
  } catch (e) {
    if (!(e instanceof MjError)) throw e;
    outcomes = ids.map((id) => ({ id, error: e }));
  }
  report(outcomes, json, io);
  return exitCodeOf(outcomes);
}

/**
 * Tasks as blocks on stdout (or one JSON array), failures as one line each on stderr. A failure
 * shared by several IDs (the whole batch failed) is printed once.
 */
export function report(outcomes: Outcome[], json: boolean, io: Io): void {
  if (json) {
    io.stdout.write(JSON.stringify(outcomes.map(outcomeJson), null, 2) + '\n');
  } else {
    const blocks = outcomes.flatMap((o) => ('task' in o ? [renderTask(o.task)] : []));
    if (blocks.length > 0) io.stdout.write(blocks.join('\n\n') + '\n');
  }
  const printed = new Set<MjError>();
  for (const o of outcomes) {
    if (!('error' in o) || printed.has(o.error)) continue;
    printed.add(o.error);
    io.stderr.write(errorLine(o.error) + '\n');
  }
}

