// Reading tasks: one by ID, many at once (list-by-condition in chunks, or per-ID fetches on
// servers without it, learnt once per server), and a finished task's seed.

import * as l10n from '@vscode/l10n';
import { BadResponseError, MjError, TaskNotFoundError } from './errors';
import { idText } from './json';
import { resolveMediaUrls } from './mediaUrls';
import { isEndpointMissing, notATask, notFoundOr } from './notFound';
import { isRecord } from './record';
import { badBody } from './reply';
import { ServerConnection } from './serverConnection';
import { ServerQuirks } from './serverQuirks';
import { normalizeTask, unwrapTask, unwrapTaskList } from './task';
import { Task } from './types';

export interface BatchResult {
  tasks: Map<string, Task>;
  /** IDs the server does not know (list-by-condition silently omits them). */
  missing: string[];
  /** Per-ID failures other than "not found" (only in the per-ID fallback). */
  errors: Map<string, MjError>;
}

const BATCH_SIZE = 100;
const PER_ID_CONCURRENCY = 4;

/** Failure kinds that, when every per-ID fetch fails alike, are the server's answer to the whole batch. */
const WHOLE_BATCH_KINDS: readonly string[] = ['Unauthorized', 'Network', 'Timeout', 'RateLimited'];

export class TaskReads {
  constructor(
    private readonly conn: ServerConnection,
    private readonly quirks: ServerQuirks,
  ) {}

  async fetchTask(id: string, signal?: AbortSignal): Promise<Task> {
    const ctx = { server: this.conn.server, taskId: id };
    const answer = await this.conn.request('GET', '/mj/task/{id}/fetch', { id }, ctx, undefined, signal);
    const { reply, body } = answer;
    const c = this.conn.failFast(answer, ctx);
    if (reply.status === 204) throw new TaskNotFoundError(c);
    if (reply.status >= 400) throw notFoundOr(reply.status, body, c, this.conn.apiKey);
    // novicezk answers an unknown ID with 200 and nothing in the body.
    if (body.kind === 'empty') throw new TaskNotFoundError(c);
    if (body.kind !== 'json') throw badBody(body, c);
    this.conn.throwIfLogicException(body.value, c);
    const task = normalizeTask(unwrapTask(body.value));
    if (task === null) throw notATask(body, c, this.conn.apiKey);
    return resolveMediaUrls(task, this.conn.origin);
  }

  /**
   * Many tasks in as few requests as possible: list-by-condition in chunks of 100, or per-ID
   * fetches (4 at a time) on servers without it. Throws when the whole batch failed.
   */
  async fetchTasks(ids: string[], signal?: AbortSignal): Promise<BatchResult> {
    const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
    if (wanted.length === 0) return { tasks: new Map(), missing: [], errors: new Map() };
    if (!this.quirks.lacksListByCondition(this.conn.root)) {
      const tasks = new Map<string, Task>();
      let supported = true;
      for (let i = 0; i < wanted.length && supported; i += BATCH_SIZE) {
        const found = await this.listByCondition(wanted.slice(i, i + BATCH_SIZE), signal);
        if (found === 'unsupported') supported = false;
        else for (const task of found) tasks.set(task.id, task);
      }
      if (supported) return { tasks, missing: wanted.filter((id) => !tasks.has(id)), errors: new Map() };
      this.quirks.noteLacksListByCondition(this.conn.root);
    }
    return this.fetchEach(wanted, signal);
  }

  /** Whether the server answers list-by-condition with a task list (Test Connection's second look). */
  async listsTasks(ids: string[], signal?: AbortSignal): Promise<boolean> {
    return (await this.listByCondition(ids, signal)) !== 'unsupported';
  }

  /** The Midjourney seed of a finished task (plus, trueai, gateways). */
  async imageSeed(id: string, signal?: AbortSignal): Promise<string> {
    const ctx = { server: this.conn.server, taskId: id };
    const answer = await this.conn.request('GET', '/mj/task/{id}/image-seed', { id }, ctx, undefined, signal);
    const { reply, body } = answer;
    const c = this.conn.failFast(answer, ctx);
    if (reply.status >= 400) throw notFoundOr(reply.status, body, c, this.conn.apiKey);
    if (body.kind !== 'json') throw badBody(body, c);
    this.conn.throwIfLogicException(body.value, c);
    const v = body.value;
    if (!isRecord(v) || typeof v.code !== 'number') throw new BadResponseError(c, 'shape');
    if (v.code !== 1) throw new BadResponseError(c, 'refused', this.conn.said(body) ?? l10n.t('code {0}', v.code));
    const seed = idText(v.result);
    if (seed === null) throw new BadResponseError(c, 'shape');
    return seed;
  }

  /** One list-by-condition request; 'unsupported' when the server shows it lacks the endpoint. */
  private async listByCondition(ids: string[], signal?: AbortSignal): Promise<Task[] | 'unsupported'> {
    // A batch of one is that task's request: say which task failed, as a single fetch would.
    const ctx = ids.length === 1 ? { server: this.conn.server, taskId: ids[0] } : { server: this.conn.server, taskCount: ids.length };
    const answer = await this.conn.request('POST', '/mj/task/list-by-condition', {}, ctx, JSON.stringify({ ids }), signal);
    const { reply, body } = answer;
    // Before the generic status mapping: a 501 here means "no such endpoint", not a broken server.
    if (isEndpointMissing(reply.status, body)) return 'unsupported';
    const c = this.conn.failFast(answer, ctx);
    if (body.kind === 'html') return 'unsupported';
    if (reply.status >= 400) throw new BadResponseError(c, 'refused', this.conn.said(body) ?? l10n.t('HTTP {0}', reply.status));
    if (body.kind === 'empty') return 'unsupported';
    if (body.kind !== 'json') throw badBody(body, c);
    this.conn.throwIfLogicException(body.value, c);
    const list = unwrapTaskList(body.value);
    if (list === null) return 'unsupported';
    const asked = new Set(ids);
    const tasks: Task[] = [];
    for (const item of list) {
      const task = normalizeTask(unwrapTask(item));
      // Some servers ignore the filter and list everything; keep only what was asked for.
      if (task && asked.has(task.id)) tasks.push(resolveMediaUrls(task, this.conn.origin));
    }
    return tasks;
  }

  private async fetchEach(ids: string[], signal?: AbortSignal): Promise<BatchResult> {
    const result: BatchResult = { tasks: new Map(), missing: [], errors: new Map() };
    await forEachLimited(ids, PER_ID_CONCURRENCY, async (id) => {
      try {
        result.tasks.set(id, await this.fetchTask(id, signal));
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
    if (first && errors.length === ids.length && WHOLE_BATCH_KINDS.includes(first.kind) && errors.every((e) => e.kind === first.kind)) {
      throw first;
    }
    return result;
  }
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
