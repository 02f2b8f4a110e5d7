// How each server dialect says "no such task", "no such path" and "refused" on a task endpoint.
// A 404 alone proves little: any web server says it for a path it lacks, and the dialects say
// "unknown task" with 200-empty (novicezk), 204, 400 "task_no_found " (new-api) or a 404 with
// code 3 (trueai). Pure: a reply's status and classified body in, a verdict or a typed error out.

import * as l10n from '@vscode/l10n';
import { BadResponseError, MjError, MjErrorContext, TaskNotFoundError } from './errors';
import { isRecord } from './record';
import { Body, badBody, serverMessage } from './reply';

/** A task endpoint's error context: which server, which task, and the HTTP status. */
export type TaskErrorContext = MjErrorContext & { taskId: string };

/**
 * Spring Boot's default error body (`{timestamp, status: 404, error: "Not Found", path}`): no
 * controller has this route (novicezk has no image-seed; a base URL without /mj), not an unknown task.
 */
export function isFrameworkRouteMiss(body: Body): boolean {
  if (body.kind !== 'json' || !isRecord(body.value)) return false;
  const v = body.value;
  return typeof v.path === 'string' && typeof v.error === 'string' && typeof v.status === 'number' && 'timestamp' in v;
}

/** new-api's and one-hub's OpenAI-style `{error:{message:"Invalid URL …"}}` for a path they do not route. */
export function isGatewayRouteError(body: Body): boolean {
  return body.kind === 'json' && isRecord(body.value) && isRecord(body.value.error) && /invalid url|not found|no route/i.test(String(body.value.error.message ?? ''));
}

/** 404/405/501, or a gateway's route error on any 4xx: the path is not served. */
export function isEndpointMissing(status: number, body: Body): boolean {
  return status === 404 || status === 405 || status === 501 || (status >= 400 && isGatewayRouteError(body));
}

/** new-api "task_no_found ", trueai "关联任务不存在或已失效" (code 3), generic "not found". */
export function saysNotFound(body: Body): boolean {
  let said = '';
  if (body.kind === 'text') said = body.text;
  else if (body.kind === 'json' && isRecord(body.value)) {
    const v = body.value;
    // A gateway's `{error:{message}}` "not found" is about the route, not the task.
    if (isRecord(v.error)) return false;
    said = `${String(v.description ?? '')} ${String(v.message ?? '')} ${String(v.msg ?? '')}`;
    if (v.code === 3) return true;
  }
  return /task_no_found|not[\s_-]?found|不存在/i.test(said);
}

/**
 * The error for a 4xx on a task endpoint: the task is unknown (trueai's or a plain 404, new-api's
 * 400 "task_no_found "), unless the answer shows that the path itself is not served. Where a bare
 * 404 is not a verdict on the task (cancel: servers without the endpoint answer so),
 * `plain404MeansNotFound` is false and it counts as a missing endpoint.
 */
export function notFoundOr(status: number, body: Body, c: TaskErrorContext, apiKey: string | undefined, plain404MeansNotFound = true): MjError {
  if (body.kind === 'html') return badBody(body, c);
  if (isGatewayRouteError(body) || isFrameworkRouteMiss(body)) return new BadResponseError(c, 'no-endpoint');
  if (saysNotFound(body)) return new TaskNotFoundError(c);
  if (status === 404 && plain404MeansNotFound) return new BadResponseError(c, 'bare-404');
  if (isEndpointMissing(status, body)) return new BadResponseError(c, 'no-endpoint');
  return new BadResponseError(c, 'refused', serverMessage(body, apiKey) ?? l10n.t('HTTP {0}', status));
}

/**
 * The error for a 200 JSON answer to a fetch that holds no task: a relay's envelope saying "not
 * found" (`{code: 4, description: "task_no_found"}`), or what it said instead, or a plain wrong shape.
 */
export function notATask(body: Body, c: TaskErrorContext, apiKey: string | undefined): MjError {
  if (body.kind === 'json' && isRecord(body.value)) {
    const v = body.value;
    if (v.code === 3 || saysNotFound(body)) return new TaskNotFoundError(c);
    const failed = v.error !== undefined || v.success === false || (typeof v.code === 'number' && ![0, 1, 200].includes(v.code));
    const said = failed ? serverMessage(body, apiKey) : undefined;
    if (said !== undefined) return new BadResponseError(c, 'refused', said);
  }
  return new BadResponseError(c, 'shape');
}

/** trueai's business exception, HTTP 200 `{success:false, code:-1, message}`, as a refusal; null otherwise. */
export function logicException(value: unknown, c: MjErrorContext, apiKey: string | undefined): BadResponseError | null {
  if (!isRecord(value) || value.success !== false) return null;
  return new BadResponseError(c, 'refused', serverMessage({ kind: 'json', value }, apiKey) ?? l10n.t('code {0}', String(value.code)));
}
