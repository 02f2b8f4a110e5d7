// Asking the server to do something: /imagine, a button's action, the modal that some actions
// need, and cancel, with each server's way of saying "accepted" or "refused".

import { isAcceptedSubmitCode } from './submitCodes';
import * as l10n from '@vscode/l10n';
import { BadResponseError, MjErrorContext, SubmitRejectedError } from './errors';
import { idText } from './json';
import { isEndpointMissing, notFoundOr } from './notFound';
import { isRecord } from './record';
import { badBody } from './reply';
import { ServerConnection } from './serverConnection';
import { SubmitResult } from './types';

export class TaskSubmits {
  constructor(private readonly conn: ServerConnection) {}

  imagine(prompt: string, signal?: AbortSignal): Promise<SubmitResult> {
    return this.submit('/mj/submit/imagine', { prompt }, { server: this.conn.server }, signal);
  }

  action(taskId: string, customId: string, signal?: AbortSignal): Promise<SubmitResult> {
    return this.submit('/mj/submit/action', { taskId, customId }, { server: this.conn.server, taskId }, signal);
  }

  modal(taskId: string, input: { prompt?: string; maskBase64?: string }, signal?: AbortSignal): Promise<SubmitResult> {
    const payload: Record<string, string> = { taskId };
    if (input.prompt !== undefined) payload.prompt = input.prompt;
    if (input.maskBase64 !== undefined) payload.maskBase64 = input.maskBase64;
    return this.submit('/mj/submit/modal', payload, { server: this.conn.server, taskId }, signal);
  }

  /** Asks the server to cancel a task (plus; trueai with an admin token). */
  async cancel(id: string, signal?: AbortSignal): Promise<void> {
    const ctx = { server: this.conn.server, taskId: id };
    const answer = await this.conn.request('POST', '/mj/task/{id}/cancel', { id }, ctx, undefined, signal);
    const { reply, body } = answer;
    const c = this.conn.failFast(answer, ctx);
    if (reply.status >= 400) throw notFoundOr(reply.status, body, c, this.conn.apiKey, false);
    // new-api serves its web UI for paths it does not route: a 200 HTML page is not a "done".
    if (body.kind === 'html' || body.kind === 'bad-json' || body.kind === 'other') throw badBody(body, c);
    if (body.kind === 'json') {
      this.conn.throwIfLogicException(body.value, c);
      const v = body.value;
      if (isRecord(v) && typeof v.code === 'number' && v.code !== 1) {
        throw new BadResponseError(c, 'refused', this.conn.said(body) ?? l10n.t('code {0}', v.code));
      }
    }
  }

  private async submit(path: string, payload: object, ctx: MjErrorContext, signal?: AbortSignal): Promise<SubmitResult> {
    const answer = await this.conn.request('POST', path, {}, ctx, JSON.stringify(payload), signal);
    const { reply, body } = answer;
    const c = this.conn.failFast(answer, ctx);
    if (body.kind === 'json' && isRecord(body.value)) {
      const v = body.value;
      if (v.success === false) throw new SubmitRejectedError(c, numberOr(v.code, -1), this.conn.said(body) ?? '');
      // The proxy answer {code, description, result}: on 200 from the proxies, on 400 from
      // gateways (new-api's upstream_error), on 404 from trueai (code 3, parent not found).
      if (typeof v.code === 'number') {
        const description = typeof v.description === 'string' ? this.conn.mask(v.description) : '';
        if (!isAcceptedSubmitCode(v.code) || reply.status >= 300) {
          throw new SubmitRejectedError(c, v.code, description, isRecord(v.properties) ? v.properties : {});
        }
        const taskId = firstId(v.result);
        if (taskId === null) throw new BadResponseError(c, 'shape');
        return {
          code: v.code,
          description,
          taskId,
          needsModal: v.code === 21,
          properties: isRecord(v.properties) ? v.properties : {},
        };
      }
    }
    if (reply.status >= 400) {
      if (isEndpointMissing(reply.status, body)) throw body.kind === 'html' ? badBody(body, c) : new BadResponseError(c, 'no-endpoint');
      const said = this.conn.said(body);
      if (said !== undefined) throw new SubmitRejectedError(c, reply.status, said);
      throw body.kind === 'json' ? new SubmitRejectedError(c, reply.status, '') : badBody(body, c);
    }
    throw badBody(body, c);
  }
}

/** A submit's `result`: one ID (kept as text), or the first of a list / comma-joined list. */
function firstId(result: unknown): string | null {
  if (Array.isArray(result)) return result.length > 0 ? firstId(result[0]) : null;
  const id = idText(result);
  return id === null ? null : idText(id.split(',')[0]);
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
