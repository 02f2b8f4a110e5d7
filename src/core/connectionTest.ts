import * as l10n from '@vscode/l10n';
import { MjClient } from './client';
import { BadResponseError, MjError, PROBE_TASK_ID, TaskNotFoundError, isMjError } from './errors';

export { PROBE_TASK_ID };

export type ConnectionResult = { ok: true; ms: number; summary: string } | { ok: false; ms: number; error: MjError | Error; summary: string };

/**
 * Every dialect answers an unknown ID with its own "not found" (200-empty, 204, 400 task_no_found,
 * a 404 that says so) only after authentication passed; a wrong key gets 401/403, a wrong URL an
 * HTML page or no answer.
 */
export async function testConnection(client: MjClient, signal?: AbortSignal): Promise<ConnectionResult> {
  const started = Date.now();
  try {
    await client.fetchTask(PROBE_TASK_ID, { signal });
    return passed(client, started);
  } catch (e) {
    if (e instanceof TaskNotFoundError) return passed(client, started);
    if (e instanceof BadResponseError && e.reason === 'bare-404') return confirmByBatch(client, started, signal);
    return failed(e, started);
  }
}

/**
 * A bare 404 proves nothing either way: any web server says that for a path it lacks. The family's
 * list-by-condition answers a JSON list (empty for an unknown ID) on every server of it, so one
 * such answer shows that this is the API (one that answers unknown IDs so); without it the base URL
 * is most likely wrong.
 */
async function confirmByBatch(client: MjClient, started: number, signal?: AbortSignal): Promise<ConnectionResult> {
  try {
    if (await client.listsTasks([PROBE_TASK_ID], { signal })) return passed(client, started);
    return failed(new BadResponseError({ server: client.server, status: 404 }, 'no-endpoint'), started);
  } catch (e) {
    return failed(e, started);
  }
}

function passed(client: MjClient, started: number): ConnectionResult {
  return { ok: true, ms: Date.now() - started, summary: l10n.t('{0} is reachable and accepted the key.', client.server) };
}

function failed(e: unknown, started: number): ConnectionResult {
  const error = e instanceof Error ? e : new Error(String(e));
  return { ok: false, ms: Date.now() - started, error, summary: isMjError(e) ? e.oneLine : error.message };
}
