import * as l10n from '@vscode/l10n';
import { MjClient } from './client';
import { MjError, PROBE_TASK_ID, isMjError } from './errors';

export { PROBE_TASK_ID };

export type ConnectionResult = { ok: true; ms: number; summary: string } | { ok: false; ms: number; error: MjError | Error; summary: string };

/**
 * Every dialect answers an unknown ID with its own "not found" (200-empty, 204, 400 task_no_found,
 * 404) only after authentication passed; a wrong key gets 401/403, a wrong URL an HTML page or no answer.
 */
export async function testConnection(client: MjClient, signal?: AbortSignal): Promise<ConnectionResult> {
  const started = Date.now();
  try {
    await client.fetchTask(PROBE_TASK_ID, { signal });
    return { ok: true, ms: Date.now() - started, summary: l10n.t('{0} is reachable and accepted the key.', client.server) };
  } catch (e) {
    const ms = Date.now() - started;
    if (isMjError(e) && e.kind === 'TaskNotFound') {
      return { ok: true, ms, summary: l10n.t('{0} is reachable and accepted the key.', client.server) };
    }
    const error = e instanceof Error ? e : new Error(String(e));
    return { ok: false, ms, error, summary: isMjError(e) ? e.oneLine : error.message };
  }
}
