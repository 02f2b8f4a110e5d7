import type { SimContext } from './context';
import { pngFor } from './images';
import { isTerminal, stateAt } from './lifecycle';
import { renderSimTask } from './renderSimTask';
import { bodyReply, emptyReply, jsonReply, type Reply } from './reply';
import { gatewayErrorReply } from './submitReplies';
import { viewOf } from './simTaskView';

// The query side: fetch, batch lists, image-seed, cancel, and the images themselves.

/** Unknown ID: novicezk 200 with no body, trueai 204, new-api 400 task_no_found. */
function fetchMissReply(ctx: SimContext): Reply {
  switch (ctx.dialect) {
    case 'novicezk':
      return emptyReply(200);
    case 'trueai':
      return emptyReply(204);
    case 'newapi':
      return gatewayErrorReply(ctx, 'task_no_found');
  }
}

export function fetchTask(ctx: SimContext, id: string): Reply {
  const task = ctx.store.get(id);
  return task ? jsonReply(ctx.dialect, 200, renderSimTask(task, ctx)) : fetchMissReply(ctx);
}

/** list-by-condition / list-by-ids: unknown IDs are left out; no or empty `ids` gives []. */
export function listByIds(ctx: SimContext, body: unknown): Reply {
  const raw = body !== null && typeof body === 'object' ? (body as { ids?: unknown }).ids : undefined;
  const ids = Array.isArray(raw)
    ? raw.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim())
    : [];
  const tasks = ctx.store.pick(ids);
  return jsonReply(ctx.dialect, 200, tasks.map((t) => renderSimTask(t, ctx)));
}

/** GET /mj/task/list: novicezk returns everything newest first, trueai the newest 100. */
export function listAll(ctx: SimContext): Reply {
  const all = ctx.store.all().reverse();
  const tasks = ctx.dialect === 'trueai' ? all.slice(0, 100) : all;
  return jsonReply(ctx.dialect, 200, tasks.map((t) => renderSimTask(t, ctx)));
}

/** GET /mj/task/queue (novicezk): queued and running tasks by submit time. */
export function listQueue(ctx: SimContext): Reply {
  const now = ctx.now();
  const queued = ctx.store
    .all()
    .filter((t) => {
      const s = stateAt(t, now).status;
      return s === 'NOT_START' || s === 'SUBMITTED' || s === 'IN_PROGRESS';
    })
    .sort((a, b) => a.submitTime - b.submitTime);
  return jsonReply(ctx.dialect, 200, queued.map((t) => renderSimTask(t, ctx)));
}

/**
 * trueai (and new-api passing trueai's answer through): the seed once the job finished; asking
 * also fills the task's `seed` field, as trueai stores it.
 */
export function imageSeed(ctx: SimContext, id: string): Reply {
  const task = ctx.store.get(id);
  if (!task) {
    return ctx.dialect === 'newapi'
      ? gatewayErrorReply(ctx, 'task_no_found')
      : jsonReply(ctx.dialect, 404, { code: 3, description: '关联任务不存在或已失效', result: null, properties: {} });
  }
  if (stateAt(task, ctx.now()).status !== 'SUCCESS') {
    return jsonReply(ctx.dialect, 400, { code: 4, description: '关联任务状态错误', result: null, properties: {} });
  }
  task.seedRevealed = true;
  return jsonReply(ctx.dialect, 200, { code: 1, description: '成功', result: task.seed, properties: {} });
}

/**
 * trueai: POST cancel answers 200 with no body whatever happened (unknown IDs too); a task
 * still going becomes FAILURE "取消任务" — not CANCEL.
 */
export function cancelTask(ctx: SimContext, id: string): Reply {
  const task = ctx.store.get(id);
  if (task && !isTerminal(stateAt(task, ctx.now()).status)) ctx.store.complete(task, 'FAILURE', '取消任务');
  return emptyReply(200);
}

const PNG_HEADERS = { 'Cache-Control': 'public, max-age=86400' };

export function imageFile(name: string): Reply {
  const png = pngFor(name);
  return png ? bodyReply(200, png, 'image/png', PNG_HEADERS) : bodyReply(404, 'Not Found', 'text/plain; charset=utf-8');
}

/** new-api's /mj/image/{id}: the task's current picture, no auth. */
export function taskImage(ctx: SimContext, id: string): Reply {
  const task = ctx.store.get(id);
  const name = task ? viewOf(task, ctx).imageName : null;
  const png = name ? pngFor(name) : undefined;
  if (!png) return jsonReply(ctx.dialect, 400, { error: 'midjourney_task_not_found' });
  return bodyReply(200, png, 'image/png');
}
