import { timingSafeEqual } from 'crypto';
import type { IncomingHttpHeaders } from 'http';
import { isRecord } from '../core/record';
import type { SimContext } from './context';
import { stateAt } from './lifecycle';
import { bodyReply, type Reply } from './reply';
import { INTERNAL_ERROR_REASON } from './simTaskStore';

// How a test in another process (the demo that `npm start --control` runs) moves the simulator's
// tasks, over its own loopback port:
//   POST /_sim/tasks/:id/progress  {"progress": 62}
//   POST /_sim/tasks/:id/complete  {"outcome": "SUCCESS" | "FAILURE", "failReason": "…"}  (both optional)
// The same operations as the Simulator handle's setTaskProgress and completeTask; each answers the
// task's state afterwards. They exist only when the simulator was started with a control token,
// and answer only a request carrying it in X-Sim-Control: an API client never reaches them. They
// are not counted and no fault applies to them.

export const CONTROL_PREFIX = '/_sim/';
export const CONTROL_HEADER = 'x-sim-control';

function json(status: number, value: unknown): Reply {
  return bodyReply(status, JSON.stringify(value), 'application/json; charset=utf-8');
}

function tokenMatches(expected: string, header: string | string[] | undefined): boolean {
  const given = Buffer.from(typeof header === 'string' ? header : '', 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function parseBody(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v: unknown = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function taskState(ctx: SimContext, id: string): { id: string; status: string; progress: number | null } {
  const s = stateAt(ctx.store.known(id), ctx.now());
  return { id, status: s.status, progress: s.progress };
}

/** The answer to a control request; `path` is the URL path without the query. */
export function controlReply(ctx: SimContext, token: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Reply {
  if (!tokenMatches(token, headers[CONTROL_HEADER])) return json(403, { error: `control routes need the simulator's token in ${CONTROL_HEADER}` });
  if (method !== 'POST') return json(405, { error: 'control routes take POST' });
  const args = parseBody(body);
  if (!args) return json(400, { error: 'the body must be a JSON object' });
  const segs = path.slice(CONTROL_PREFIX.length).split('/');
  try {
    if (segs.length === 3 && segs[0] === 'tasks') {
      const id = segs[1];
      if (!ctx.store.get(id)) return json(404, { error: `no task ${id}` });
      if (segs[2] === 'progress') {
        if (typeof args.progress !== 'number') return json(400, { error: 'progress must be a number, 0–100' });
        ctx.store.setProgress(ctx.store.known(id), args.progress);
        return json(200, taskState(ctx, id));
      }
      if (segs[2] === 'complete') {
        const outcome = args.outcome ?? 'SUCCESS';
        if (outcome !== 'SUCCESS' && outcome !== 'FAILURE') return json(400, { error: 'outcome must be SUCCESS or FAILURE' });
        const reason = typeof args.failReason === 'string' ? args.failReason : INTERNAL_ERROR_REASON;
        ctx.store.complete(ctx.store.known(id), outcome, reason);
        return json(200, taskState(ctx, id));
      }
    }
  } catch (e) {
    // The store's own refusals: progress out of range, a finished task put in progress again.
    return json(409, { error: e instanceof Error ? e.message : String(e) });
  }
  return json(404, { error: `no control route ${method} ${path}` });
}
