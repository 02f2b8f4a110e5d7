import type { SimContext } from './context';
import { NOVICEZK_INSTANCE_ID } from './renderNovicezk';
import { TRUEAI_INSTANCE_ID } from './renderTrueai';
import { jsonReply, rawJsonReply, type Reply } from './reply';

// The answers of the submit endpoints, `{code, description, result, properties}`,
// and new-api's rewrites of them.

export interface Accepted {
  /** 1 submitted, 21 modal (or novicezk's "already exists"), 22 in queue. */
  code: 1 | 21 | 22;
  description: string;
  /** The task ID; several joined by commas for trueai's "Imagine all". */
  result: string;
  properties?: Record<string, unknown>;
  /** new-api keeps code 21 only for these (CUSTOM_ZOOM, INPAINT). */
  modalAction?: boolean;
}

export function instanceProperties(ctx: SimContext): Record<string, unknown> {
  return ctx.dialect === 'trueai'
    ? { discordInstanceId: TRUEAI_INSTANCE_ID, discordChannelId: TRUEAI_INSTANCE_ID }
    : { discordInstanceId: NOVICEZK_INSTANCE_ID };
}

export function acceptedReply(ctx: SimContext, a: Accepted): Reply {
  const properties = a.properties ?? instanceProperties(ctx);
  if (ctx.dialect !== 'newapi') return jsonReply(ctx.dialect, 200, { code: a.code, description: a.description, result: a.result, properties });
  // new-api rewrites "code":21 and "code":22 to 1 in the upstream body (except for modal
  // actions), and its documentation shows `result` as a JSON number; we write it as one, digits
  // as they are, so a 19-digit ID is a number a double cannot hold.
  const code = a.code === 22 || (a.code === 21 && !a.modalAction) ? 1 : a.code;
  const result = /^\d{1,19}$/.test(a.result) ? a.result : JSON.stringify(a.result);
  return rawJsonReply(
    ctx.dialect,
    200,
    `{"code":${code},"description":${JSON.stringify(a.description)},"result":${result},"properties":${JSON.stringify(properties)}}`,
  );
}

/**
 * The proxy refused (code 3 not found, 4 validation, 24 banned prompt). trueai answers code 3
 * with HTTP 404; everything else is HTTP 200. new-api passes the upstream body through.
 */
export function refusedReply(ctx: SimContext, code: number, description: string, properties: Record<string, unknown> = {}): Reply {
  const status = ctx.dialect === 'trueai' && code === 3 ? 404 : 200;
  return jsonReply(ctx.dialect, status, { code, description, result: null, properties });
}

/** new-api's own checks: HTTP 400 `{code, description: "<what> ", type: "upstream_error"}`. */
export function gatewayErrorReply(ctx: SimContext, description: string, code = 4): Reply {
  return jsonReply(ctx.dialect, 400, { code, description: `${description} `, type: 'upstream_error' });
}

/** "Not found" in each dialect's way, for submits that name a task. */
export function taskNotFoundSubmitReply(ctx: SimContext): Reply {
  return ctx.dialect === 'newapi' ? gatewayErrorReply(ctx, 'task_not_found') : refusedReply(ctx, 3, '关联任务不存在或已失效');
}
