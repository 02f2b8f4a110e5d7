// Reading tasks: one by ID, many at once (list-by-condition in chunks, or per-ID fetches on
// servers without it, learnt once per server), and a finished task's seed.

import * as l10n from '@vscode/l10n';
import { BadResponseError, MjError, NetworkError, TaskNotFoundError } from './errors';
import { idText } from './json';
import { resolveMediaUrls } from './mediaUrls';
import { isEndpointMissing, notATask, notFoundOr } from './notFound';
import { isRecord } from './record';
import { badBody } from './reply';
import { ServerConnection } from './serverConnection';
import { ServerQuirks } from './serverQuirks';
import { normalizeTask, unwrapTask, unwrapTaskList } from './task';
import { maskTaskText } from './taskMask';
import { Task } from './types';

export interface BatchResult {
  tasks: Map<string, Task>;
  /** IDs the server does not know: its /fetch said so (a list answer alone is not a verdict). */
  missing: string[];
  /** Per-ID failures other than "not found". */
  errors: Map<string, MjError>;
}

const BATCH_SIZE = 100;
const PER_ID_CONCURRENCY = 4;

/**
 * Answers about the server, not about a task: the key is refused, it asks us to wait, or it
 * cannot be reached at all. Asking for each task after one of these would only repeat it.
 */
function speaksForTheServer(e: MjError): boolean {
  return e.kind === 'Unauthorized' || e.kind === 'RateLimited' || (e instanceof NetworkError && e.stage === 'reach');
}

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
    // Kept under the asked ID, another task's state would overwrite this one's.
    if (task.id !== id) throw new BadResponseError(c, 'wrong-task');
    return this.received(task);
  }

  /**
   * Many tasks in as few requests as possible: list-by-condition in chunks of 100, or per-ID
   * fetches (4 at a time) on servers without it and for a single ID. The batch endpoint is an
   * optimisation, never a verdict: an error answer from it falls back to /fetch for those IDs,
   * and an ID absent from its answer is asked for with /fetch before it counts as missing
   * (relays page, cap or filter their lists). Throws when the whole batch failed alike.
   */
  async fetchTasks(ids: string[], signal?: AbortSignal): Promise<BatchResult> {
    const wanted = [...new Set(ids.map((id) => id.trim()).filter((id) => id !== ''))];
    const result: BatchResult = { tasks: new Map(), missing: [], errors: new Map() };
    for (let i = 0; i < wanted.length; i += BATCH_SIZE) {
      if (wanted.length === 1 || this.quirks.lacksListByCondition(this.conn.root)) {
        await this.fetchEach(wanted.slice(i), result, signal);
        break;
      }
      const chunk = wanted.slice(i, i + BATCH_SIZE);
      let listed: Task[] | 'unsupported';
      try {
        listed = await this.listByCondition(chunk, signal);
      } catch (e) {
        if (!(e instanceof MjError) || speaksForTheServer(e)) throw e;
        await this.fetchEach(chunk, result, signal);
        continue;
      }
      if (listed === 'unsupported') {
        this.quirks.noteLacksListByCondition(this.conn.root);
        await this.fetchEach(wanted.slice(i), result, signal);
        break;
      }
      for (const task of listed) result.tasks.set(task.id, task);
      await this.fetchEach(
        chunk.filter((id) => !result.tasks.has(id)),
        result,
        signal,
      );
    }
    return wholeBatchVerdict(result, wanted.length);
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

  /**
   * The server's recent tasks (`GET /mj/task/list`: novicezk and plus list all, trueai the newest
   * 100), or 'unsupported' on servers without it (gateways answer with their web page).
   */
  async listRecent(signal?: AbortSignal): Promise<Task[] | 'unsupported'> {
    const ctx = { server: this.conn.server };
    const answer = await this.conn.request('GET', '/mj/task/list', {}, ctx, undefined, signal);
    const { reply, body } = answer;
    if (isEndpointMissing(reply.status, body) || body.kind === 'html') return 'unsupported';
    const c = this.conn.failFast(answer, ctx);
    if (reply.status >= 400) throw new BadResponseError(c, 'refused', this.conn.said(body) ?? l10n.t('HTTP {0}', reply.status));
    if (body.kind !== 'json') return 'unsupported';
    this.conn.throwIfLogicException(body.value, c);
    const list = unwrapTaskList(body.value);
    if (list === null) return 'unsupported';
    const tasks: Task[] = [];
    for (const item of list) {
      const task = normalizeTask(unwrapTask(item));
      if (task) tasks.push(this.received(task));
    }
    return tasks;
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
      if (task && asked.has(task.id)) tasks.push(this.received(task));
    }
    return tasks;
  }

  /** A task as the server sent it, with its media links resolved and the key masked should a server echo it. */
  private received(task: Task): Task {
    return maskTaskText(resolveMediaUrls(task, this.conn.origin), (text) => this.conn.mask(text));
  }

  /**
   * /fetch for each ID (4 at a time) into `result`. After an answer that speaks for the server
   * (key refused, rate-limited, unreachable) the IDs not yet asked for get the same error unasked.
   */
  private async fetchEach(ids: string[], result: BatchResult, signal?: AbortSignal): Promise<void> {
    if (ids.length === 0) return;
    let stop: MjError | null = null;
    const missing = new Set<string>();
    await forEachLimited(ids, PER_ID_CONCURRENCY, () => stop === null, async (id) => {
      try {
        result.tasks.set(id, await this.fetchTask(id, signal));
      } catch (e) {
        if (e instanceof TaskNotFoundError) missing.add(id);
        else if (e instanceof MjError) {
          result.errors.set(id, e);
          if (speaksForTheServer(e)) stop ??= e;
        } else throw e;
      }
    });
    for (const id of ids) {
      // In the caller's order, not completion order.
      if (missing.has(id)) result.missing.push(id);
      else if (stop !== null && !result.tasks.has(id) && !result.errors.has(id)) result.errors.set(id, stop);
    }
  }
}

/** Failure kinds that, when every ID failed alike, are the server's answer to the whole batch. */
const WHOLE_BATCH_KINDS: readonly string[] = ['Unauthorized', 'Network', 'Timeout', 'RateLimited'];

/** The result, or its one error thrown when every ID failed with the same whole-batch kind. */
function wholeBatchVerdict(result: BatchResult, asked: number): BatchResult {
  const errors = [...result.errors.values()];
  const first = errors[0];
  if (first && errors.length === asked && WHOLE_BATCH_KINDS.includes(first.kind) && errors.every((e) => e.kind === first.kind)) {
    throw first;
  }
  return result;
}

/** Runs `work` over `items` with at most `limit` in flight, while `go()` holds; stops starting new work after a throw. */
async function forEachLimited<T>(items: T[], limit: number, go: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && go() && next < items.length) {
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
