// MjClient: the API family's task and submit endpoints, with each server's way of saying
// "not found", "refused" or "accepted" mapped onto the typed errors and results.

import * as l10n from '@vscode/l10n';
import { apiRoot, endpoint, serverLabel, validateBaseUrl } from './baseUrl';
import {
  BadResponseError,
  MjError,
  MjErrorContext,
  SubmitRejectedError,
  TaskNotFoundError,
} from './errors';
import { authHeaders, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, HttpReply, isAbortError, send } from './http';
import { idText } from './json';
import { resolveMediaUrls } from './mediaUrls';
import { isRecord } from './record';
import { badBody, Body, classifyBody, serverMessage, statusError } from './reply';
import { maskSecrets } from './secretMask';
import { normalizeTask, unwrapTask, unwrapTaskList } from './task';
import { AuthScheme, SubmitResult, Task } from './types';

export interface RequestEvent {
  method: string;
  /** The URL path only: never the query, never headers. */
  path: string;
  status?: number;
  ms: number;
  error?: string;
}

export interface ClientOptions {
  baseUrl: string;
  auth: AuthScheme;
  apiKey?: string;
  /** Per request, including reading the body. Default 15 000. */
  timeoutMs?: number;
  /** Bodies beyond this are cut off and reported as too large. Default 5 MB. */
  maxBodyBytes?: number;
  /** Called once per HTTP request, for logs. Exceptions thrown by it are ignored. */
  onRequest?: (e: RequestEvent) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface BatchResult {
  tasks: Map<string, Task>;
  /** IDs the server does not know (list-by-condition silently omits them). */
  missing: string[];
  /** Per-ID failures other than "not found" (only in the per-ID fallback). */
  errors: Map<string, MjError>;
}

const BATCH_SIZE = 100;
const PER_ID_CONCURRENCY = 4;
const ACCEPTED_CODES: ReadonlySet<number> = new Set([1, 21, 22]);

/**
 * API roots (origin + base path) known to lack list-by-condition, so every client for the same
 * server goes straight to per-ID fetches instead of paying a failed request each poll.
 */
const lacksBatchEndpoint = new Set<string>();

/** Forgets what was learnt about servers' endpoints (tests; a changed server configuration). */
export function forgetServerQuirks(): void {
  lacksBatchEndpoint.clear();
}

export class MjClient {
  /** The server's origin, as named in messages. */
  readonly server: string;
  private readonly root: string;
  /** Where the server's relative and loopback media links point (see mediaUrls.ts). */
  private readonly origin: URL;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly opts: ClientOptions) {
    const problem = validateBaseUrl(opts.baseUrl);
    if (problem !== null) throw new Error(problem);
    this.server = serverLabel(opts.baseUrl);
    this.root = apiRoot(opts.baseUrl);
    this.origin = new URL(opts.baseUrl.trim());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  async fetchTask(id: string, o: CallOptions = {}): Promise<Task> {
    const ctx = { server: this.server, taskId: id };
    const { reply, body } = await this.request('GET', '/mj/task/{id}/fetch', { id }, ctx, undefined, o.signal);
    const c = this.failFast(reply, body, ctx);
    if (reply.status === 204) throw new TaskNotFoundError(c);
    if (reply.status >= 400) throw this.notFoundOr(reply, body, c);
    // novicezk answers an unknown ID with 200 and nothing in the body.
    if (body.kind === 'empty') throw new TaskNotFoundError(c);
    if (body.kind !== 'json') throw badBody(body, c);
    this.throwIfLogicException(body.value, c);
    const task = normalizeTask(unwrapTask(body.value));
    if (task === null) throw this.notATask(body, c);
    return resolveMediaUrls(task, this.origin);
  }

  /**
   * Many tasks in as few requests as possible: list-by-condition in chunks of 100, or per-ID
   * fetches (4 at a time) on servers without it. Throws when the whole batch failed.
   */
  async fetchTasks(ids: string[], o: CallOptions = {}): Promise<BatchResult> {
    const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
    if (wanted.length === 0) return { tasks: new Map(), missing: [], errors: new Map() };
    if (!lacksBatchEndpoint.has(this.root)) {
      const tasks = new Map<string, Task>();
      let supported = true;
      for (let i = 0; i < wanted.length && supported; i += BATCH_SIZE) {
        const found = await this.listByCondition(wanted.slice(i, i + BATCH_SIZE), o.signal);
        if (found === 'unsupported') supported = false;
        else for (const task of found) tasks.set(task.id, task);
      }
      if (supported) return { tasks, missing: wanted.filter((id) => !tasks.has(id)), errors: new Map() };
      lacksBatchEndpoint.add(this.root);
    }
    return this.fetchEach(wanted, o.signal);
  }

  /** Whether the server answers list-by-condition with a task list (Test Connection's second look). */
  async listsTasks(ids: string[], o: CallOptions = {}): Promise<boolean> {
    return (await this.listByCondition(ids, o.signal)) !== 'unsupported';
  }

  /** The Midjourney seed of a finished task (plus, trueai, gateways). */
  async imageSeed(id: string, o: CallOptions = {}): Promise<string> {
    const ctx = { server: this.server, taskId: id };
    const { reply, body } = await this.request('GET', '/mj/task/{id}/image-seed', { id }, ctx, undefined, o.signal);
    const c = this.failFast(reply, body, ctx);
    if (reply.status >= 400) throw this.notFoundOr(reply, body, c);
    if (body.kind !== 'json') throw badBody(body, c);
    this.throwIfLogicException(body.value, c);
    const v = body.value;
    if (!isRecord(v) || typeof v.code !== 'number') throw new BadResponseError(c, 'shape');
    if (v.code !== 1) throw new BadResponseError(c, 'refused', this.said(body) ?? l10n.t('code {0}', v.code));
    const seed = idText(v.result);
    if (seed === null) throw new BadResponseError(c, 'shape');
    return seed;
  }

  /** Asks the server to cancel a task (plus; trueai with an admin token). */
  async cancel(id: string, o: CallOptions = {}): Promise<void> {
    const ctx = { server: this.server, taskId: id };
    const { reply, body } = await this.request('POST', '/mj/task/{id}/cancel', { id }, ctx, undefined, o.signal);
    const c = this.failFast(reply, body, ctx);
    if (reply.status >= 400) throw this.notFoundOr(reply, body, c, false);
    // new-api serves its web UI for paths it does not route: a 200 HTML page is not a "done".
    if (body.kind === 'html' || body.kind === 'bad-json' || body.kind === 'other') throw badBody(body, c);
    if (body.kind === 'json') {
      this.throwIfLogicException(body.value, c);
      const v = body.value;
      if (isRecord(v) && typeof v.code === 'number' && v.code !== 1) {
        throw new BadResponseError(c, 'refused', this.said(body) ?? l10n.t('code {0}', v.code));
      }
    }
  }

  submitImagine(prompt: string, o: CallOptions = {}): Promise<SubmitResult> {
    return this.submit('/mj/submit/imagine', { prompt }, { server: this.server }, o.signal);
  }

  submitAction(taskId: string, customId: string, o: CallOptions = {}): Promise<SubmitResult> {
    return this.submit('/mj/submit/action', { taskId, customId }, { server: this.server, taskId }, o.signal);
  }

  submitModal(taskId: string, input: { prompt?: string; maskBase64?: string }, o: CallOptions = {}): Promise<SubmitResult> {
    const payload: Record<string, string> = { taskId };
    if (input.prompt !== undefined) payload.prompt = input.prompt;
    if (input.maskBase64 !== undefined) payload.maskBase64 = input.maskBase64;
    return this.submit('/mj/submit/modal', payload, { server: this.server, taskId }, o.signal);
  }

  private async submit(path: string, payload: object, ctx: MjErrorContext, signal?: AbortSignal): Promise<SubmitResult> {
    const { reply, body } = await this.request('POST', path, {}, ctx, JSON.stringify(payload), signal);
    const c = this.failFast(reply, body, ctx);
    if (body.kind === 'json' && isRecord(body.value)) {
      const v = body.value;
      if (v.success === false) throw new SubmitRejectedError(c, numberOr(v.code, -1), this.said(body) ?? '');
      // The proxy answer {code, description, result}: on 200 from the proxies, on 400 from
      // gateways (new-api's upstream_error), on 404 from trueai (code 3, parent not found).
      if (typeof v.code === 'number') {
        const description = typeof v.description === 'string' ? this.mask(v.description) : '';
        if (!ACCEPTED_CODES.has(v.code) || reply.status >= 300) throw new SubmitRejectedError(c, v.code, description);
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
      if (isEndpointMissing(reply, body)) throw body.kind === 'html' ? badBody(body, c) : new BadResponseError(c, 'no-endpoint');
      const said = this.said(body);
      if (said !== undefined) throw new SubmitRejectedError(c, reply.status, said);
      throw body.kind === 'json' ? new SubmitRejectedError(c, reply.status, '') : badBody(body, c);
    }
    throw badBody(body, c);
  }

  /** One list-by-condition request; 'unsupported' when the server shows it lacks the endpoint. */
  private async listByCondition(ids: string[], signal?: AbortSignal): Promise<Task[] | 'unsupported'> {
    // A batch of one is that task's request: say which task failed, as a single fetch would.
    const ctx = ids.length === 1 ? { server: this.server, taskId: ids[0] } : { server: this.server, taskCount: ids.length };
    const { reply, body } = await this.request('POST', '/mj/task/list-by-condition', {}, ctx, JSON.stringify({ ids }), signal);
    // Before the generic status mapping: a 501 here means "no such endpoint", not a broken server.
    if (isEndpointMissing(reply, body)) return 'unsupported';
    const c = this.failFast(reply, body, ctx);
    if (body.kind === 'html') return 'unsupported';
    if (reply.status >= 400) throw new BadResponseError(c, 'refused', this.said(body) ?? l10n.t('HTTP {0}', reply.status));
    if (body.kind === 'empty') return 'unsupported';
    if (body.kind !== 'json') throw badBody(body, c);
    this.throwIfLogicException(body.value, c);
    const list = unwrapTaskList(body.value);
    if (list === null) return 'unsupported';
    const asked = new Set(ids);
    const tasks: Task[] = [];
    for (const item of list) {
      const task = normalizeTask(unwrapTask(item));
      // Some servers ignore the filter and list everything; keep only what was asked for.
      if (task && asked.has(task.id)) tasks.push(resolveMediaUrls(task, this.origin));
    }
    return tasks;
  }

  private async fetchEach(ids: string[], signal?: AbortSignal): Promise<BatchResult> {
    const result: BatchResult = { tasks: new Map(), missing: [], errors: new Map() };
    await forEachLimited(ids, PER_ID_CONCURRENCY, async (id) => {
      try {
        result.tasks.set(id, await this.fetchTask(id, { signal }));
      } catch (e) {
        if (e instanceof TaskNotFoundError) result.missing.push(id);
        else if (e instanceof MjError) result.errors.set(id, e);
        else throw e;
      }
    });
    // Keep the caller's order, not completion order.
    result.missing.sort((a, b) => ids.indexOf(a) - ids.indexOf(b));
    const errors = [...result.errors.values()];
    const first = errors[0];
    if (
      first &&
      errors.length === ids.length &&
      ['Unauthorized', 'Network', 'Timeout', 'RateLimited'].includes(first.kind) &&
      errors.every((e) => e.kind === first.kind)
    ) {
      throw first;
    }
    return result;
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    ctx: MjErrorContext,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<{ reply: HttpReply; body: Body }> {
    const url = endpoint(this.opts.baseUrl, path, params);
    const started = Date.now();
    const event = (extra: Partial<RequestEvent>): void => {
      try {
        this.opts.onRequest?.({ method, path: new URL(url).pathname, ms: Date.now() - started, ...extra });
      } catch {
        // a failing logger must not fail the request
      }
    };
    try {
      const reply = await send({
        method,
        url,
        headers: authHeaders(this.opts.auth, this.opts.apiKey),
        body,
        timeoutMs: this.timeoutMs,
        maxBodyBytes: this.maxBodyBytes,
        signal,
        ctx,
      });
      event({ status: reply.status });
      return { reply, body: classifyBody(reply) };
    } catch (e) {
      event({ error: isAbortError(e) ? 'aborted' : e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** Throws for statuses that mean the same everywhere; returns the context with the status. */
  private failFast<C extends MjErrorContext>(reply: HttpReply, body: Body, ctx: C): C & { status: number } {
    const error = statusError(reply, body, ctx, this.opts.apiKey);
    if (error) throw error;
    return { ...ctx, status: reply.status };
  }

  /**
   * A 4xx on a task endpoint: the task is unknown (trueai's/plain 404, new-api's 400
   * "task_no_found "), unless the answer shows that the path itself is not served.
   */
  private notFoundOr(reply: HttpReply, body: Body, c: MjErrorContext & { taskId: string }, plain404MeansNotFound = true): MjError {
    if (body.kind === 'html') return badBody(body, c);
    if (isGatewayRouteError(body) || isFrameworkRouteMiss(body)) return new BadResponseError(c, 'no-endpoint');
    if (saysNotFound(body)) return new TaskNotFoundError(c);
    if (reply.status === 404 && plain404MeansNotFound) return new BadResponseError(c, 'bare-404');
    if (isEndpointMissing(reply, body)) return new BadResponseError(c, 'no-endpoint');
    return new BadResponseError(c, 'refused', this.said(body) ?? l10n.t('HTTP {0}', reply.status));
  }

  /**
   * A 200 JSON answer to a fetch that holds no task: a relay's envelope saying "not found"
   * (`{code: 4, description: "task_no_found"}`), or what it said instead, or a plain wrong shape.
   */
  private notATask(body: Body, c: MjErrorContext & { taskId: string }): MjError {
    if (body.kind === 'json' && isRecord(body.value)) {
      const v = body.value;
      if (v.code === 3 || saysNotFound(body)) return new TaskNotFoundError(c);
      const failed = v.error !== undefined || v.success === false || (typeof v.code === 'number' && ![0, 1, 200].includes(v.code));
      const said = failed ? this.said(body) : undefined;
      if (said !== undefined) return new BadResponseError(c, 'refused', said);
    }
    return new BadResponseError(c, 'shape');
  }

  /** trueai's business exception: HTTP 200 `{success:false, code:-1, message}`. */
  private throwIfLogicException(value: unknown, c: MjErrorContext): void {
    if (isRecord(value) && value.success === false) {
      throw new BadResponseError(c, 'refused', this.said({ kind: 'json', value }) ?? l10n.t('code {0}', String(value.code)));
    }
  }

  private said(body: Body): string | undefined {
    return serverMessage(body, this.opts.apiKey);
  }

  private mask(text: string): string {
    return maskSecrets(text, [this.opts.apiKey]);
  }
}

/**
 * Spring Boot's default error body (`{timestamp, status: 404, error: "Not Found", path}`): no
 * controller has this route (novicezk has no image-seed; a base URL without /mj), not an unknown task.
 */
function isFrameworkRouteMiss(body: Body): boolean {
  if (body.kind !== 'json' || !isRecord(body.value)) return false;
  const v = body.value;
  return typeof v.path === 'string' && typeof v.error === 'string' && typeof v.status === 'number' && 'timestamp' in v;
}

/** 404/405/501, or new-api's OpenAI-style `{error:{message:"Invalid URL …"}}`: the path is not served. */
function isEndpointMissing(reply: HttpReply, body: Body): boolean {
  return reply.status === 404 || reply.status === 405 || reply.status === 501 || (reply.status >= 400 && isGatewayRouteError(body));
}

function isGatewayRouteError(body: Body): boolean {
  return body.kind === 'json' && isRecord(body.value) && isRecord(body.value.error) && /invalid url|not found|no route/i.test(String(body.value.error.message ?? ''));
}

/** new-api "task_no_found ", trueai "关联任务不存在或已失效" (code 3), generic "not found". */
function saysNotFound(body: Body): boolean {
  let said = '';
  if (body.kind === 'text') said = body.text;
  else if (body.kind === 'json' && isRecord(body.value)) {
    const v = body.value;
    if (isRecord(v.error)) return false;
    said = `${String(v.description ?? '')} ${String(v.message ?? '')} ${String(v.msg ?? '')}`;
    if (v.code === 3) return true;
  }
  return /task_no_found|not[\s_-]?found|不存在/i.test(said);
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

/** Runs `work` over `items` with at most `limit` in flight; stops starting new work after a throw. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
