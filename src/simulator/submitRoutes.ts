import { buttonsFor } from './buttons';
import type { SimContext } from './context';
import { childAction, childDescription, isModalAction, needsModal, newapiKnows, planFor, type ActionPlan } from './customIds';
import { pinned, stateAt } from './lifecycle';
import { finalPromptFor, isBannedAtSubmit, translate } from './prompts';
import { renderSimTask } from './renderSimTask';
import type { Reply } from './reply';
import { acceptedReply, gatewayErrorReply, instanceProperties, refusedReply, taskNotFoundSubmitReply } from './submitReplies';
import { isTextResult, isVideoResult, type ResultKind, type SimTask } from './taskModel';

// The submit side: imagine, describe, blend, shorten, action (buttons), modal, and novicezk's change /
// simple-change. Checks run in the order the real servers run them, so the first error a client
// sees is the one it would see for real.

/** One Discord account runs three jobs at once (novicezk's default core size); more wait in line. */
const CONCURRENCY = 3;

type Mode = SimTask['mode'];
type Body = Record<string, unknown>;

function str(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function stateField(b: Body): string | null {
  return typeof b.state === 'string' ? b.state : null;
}

function okDescription(ctx: SimContext): string {
  return ctx.dialect === 'newapi' ? 'Submit success' : '提交成功';
}

/** Creates the task and answers 1 — or 22 "in queue" when the account is busy. */
function accept(ctx: SimContext, make: () => SimTask): Reply {
  const ahead = ctx.store.busyCount() - CONCURRENCY;
  const task = make();
  if (ahead < 0) {
    task.submitDescription = okDescription(ctx);
    return acceptedReply(ctx, { code: 1, description: task.submitDescription, result: task.id });
  }
  task.submitDescription = `排队中，前面还有${ahead}个任务`;
  return acceptedReply(ctx, {
    code: 22,
    description: task.submitDescription,
    result: task.id,
    properties: { numberOfQueues: ahead, ...instanceProperties(ctx) },
  });
}

/** A validation failure: new-api's own 400 with its keyword, or the proxy's code 4 in Chinese. */
function invalid(ctx: SimContext, newapiKeyword: string, proxyText: string): Reply {
  return ctx.dialect === 'newapi' ? gatewayErrorReply(ctx, newapiKeyword) : refusedReply(ctx, 4, proxyText);
}

function imagine(ctx: SimContext, b: Body, mode: Mode): Reply {
  const prompt = str(b.prompt);
  if (!prompt) return invalid(ctx, 'prompt_is_required', 'prompt不能为空');
  if (isBannedAtSubmit(prompt)) return refusedReply(ctx, 24, '可能包含敏感词', { promptEn: translate(prompt), bannedWord: 'banned' });
  return accept(ctx, () =>
    ctx.store.add({
      action: 'IMAGINE',
      result: 'grid',
      prompt,
      description: `/imagine ${prompt}`,
      state: stateField(b),
      mode,
      timeline: ctx.store.movingFromNow('grid', prompt),
    }),
  );
}

function describe(ctx: SimContext, b: Body, mode: Mode): Reply {
  if (!str(b.base64) && !str(b.link)) return invalid(ctx, 'base64_is_required', 'base64不能为空');
  return accept(ctx, () => {
    const t = ctx.store.add({
      action: 'DESCRIBE',
      result: 'describe',
      prompt: '',
      description: '/describe',
      state: stateField(b),
      mode,
      timeline: ctx.store.movingFromNow('describe', ''),
    });
    t.description = `/describe ${t.id}.png`;
    return t;
  });
}

function blend(ctx: SimContext, b: Body, mode: Mode): Reply {
  const images = Array.isArray(b.base64Array) ? b.base64Array : [];
  if (images.length < 2 || images.length > 5) return invalid(ctx, 'base64_array_is_required', 'base64List参数错误');
  const links = images.map((_, i) => `<https://s.mj.run/blend${i + 1}>`).join(' ');
  return accept(ctx, () => {
    const t = ctx.store.add({
      action: 'BLEND',
      result: 'grid',
      prompt: '',
      promptEn: links,
      description: '/blend',
      state: stateField(b),
      mode,
      timeline: ctx.store.movingFromNow('grid', ''),
    });
    t.description = `/blend ${t.id} ${images.length}`;
    return t;
  });
}

function resultOf(plan: ActionPlan, parent: SimTask): ResultKind {
  if (plan.kind === 'upscale' || plan.kind === 'upscaleHd') return 'single';
  if (plan.kind === 'animate') return 'video';
  if (plan.kind === 'videoUpscale') return 'videoSingle';
  // 🔄 on a video renders the clips again.
  if (plan.kind === 'reroll' && parent.result === 'video') return 'video';
  return plan.kind === 'describeRetry' ? 'describe' : 'grid';
}

/** The child's finalPrompt: an Animate adds Midjourney's video flags to the parent's. */
function childFinalPrompt(plan: ActionPlan, parent: SimTask): string {
  if (plan.kind !== 'animate') return parent.finalPrompt;
  const base = parent.finalPrompt.replace(/\s+--motion\s+\S+|\s+--video\s+\S+/g, '');
  return `${base} --motion ${plan.motion} --video 1`;
}

/** The task a button press creates: a MODAL task for buttons that open a window first. */
function makeChild(ctx: SimContext, parent: SimTask, plan: ActionPlan, customId: string, b: Body, mode: Mode, prompt?: string): SimTask {
  const result = resultOf(plan, parent);
  const ownPrompt = prompt ?? (isTextResult(result) ? '' : parent.prompt);
  const fromDescribe = plan.kind === 'picReader' || plan.kind === 'picReaderAll' || plan.kind === 'shortenOption';
  // Upscales and videos keep the parent's picture (colours and quadrant).
  const samePicture = result === 'single' || isVideoResult(result);
  const child = ctx.store.add({
    action: childAction(plan, ctx.dialect, parent.action),
    result,
    prompt: ownPrompt,
    promptEn: fromDescribe || result === 'describe' ? ownPrompt : parent.promptEn,
    finalPrompt: fromDescribe ? finalPromptFor(ownPrompt) : childFinalPrompt(plan, parent),
    description: childDescription(plan, parent.id),
    state: stateField(b),
    mode,
    parentId: parent.id,
    customId,
    index:
      plan.kind === 'upscale' || plan.kind === 'variation' || plan.kind === 'picReader' || plan.kind === 'videoUpscale' ? plan.index : null,
    palette: samePicture ? parent.palette : undefined,
    quadrant: plan.kind === 'upscale' ? plan.index : samePicture ? parent.quadrant : undefined,
    timeline: needsModal(plan, ctx.remix) ? pinned('MODAL', 0, null, null, null) : ctx.store.movingFromNow(result, ownPrompt),
  });
  parent.children.set(customId, child.id);
  return child;
}

function action(ctx: SimContext, taskId: string, customId: string, b: Body, mode: Mode): Reply {
  if (ctx.dialect === 'newapi') {
    // new-api parses the customId before it looks the parent up.
    if (!customId) return gatewayErrorReply(ctx, 'custom_id_is_required');
    if (!newapiKnows(customId)) return gatewayErrorReply(ctx, `unknown_action:${customId}`);
    if (!taskId) return gatewayErrorReply(ctx, 'task_id_is_required');
  } else {
    if (!taskId) return refusedReply(ctx, 4, 'taskId不能为空');
    if (!customId) return refusedReply(ctx, 4, 'customId不能为空');
  }
  const parent = ctx.store.get(taskId);
  if (!parent) return taskNotFoundSubmitReply(ctx);
  if (stateAt(parent, ctx.now()).status !== 'SUCCESS') {
    return ctx.dialect === 'newapi' ? gatewayErrorReply(ctx, 'task_status_not_success') : refusedReply(ctx, 4, '关联任务状态错误');
  }
  const plan = planFor(customId);
  if (!plan || !buttonsFor(parent.result, parent.hash, ctx.dialect).some((btn) => btn.customId === customId)) {
    return refusedReply(ctx, 4, `customId不存在或已失效: ${customId}`);
  }

  const existing = parent.children.get(customId);
  const existingTask = existing === undefined ? undefined : ctx.store.get(existing);
  if (ctx.dialect === 'novicezk' && plan.kind === 'upscale' && existingTask) {
    // novicezk's code 21 means "that upscale already exists", not "modal".
    const shown = renderSimTask(existingTask, ctx);
    return acceptedReply(ctx, {
      code: 21,
      description: '任务已存在',
      result: existingTask.id,
      properties: { status: shown.status, imageUrl: shown.imageUrl, ...instanceProperties(ctx) },
    });
  }

  switch (plan.kind) {
    case 'bookmark':
      // trueai answers with the parent's ID and creates nothing; novicezk(-plus) does not support it.
      return ctx.dialect === 'trueai'
        ? acceptedReply(ctx, { code: 1, description: okDescription(ctx), result: parent.id })
        : refusedReply(ctx, 4, '不支持的操作');
    case 'picReaderAll': {
      if (ctx.dialect !== 'trueai' || !parent.describePrompts) return refusedReply(ctx, 4, '不支持的操作');
      // trueai fans "Imagine all" out into one IMAGINE per description, IDs joined by commas.
      const ids = parent.describePrompts.map((p) => makeChild(ctx, parent, plan, customId, b, mode, p).id);
      return acceptedReply(ctx, { code: 1, description: okDescription(ctx), result: ids.join(',') });
    }
    default:
      break;
  }

  if (needsModal(plan, ctx.remix)) {
    const fromList = (plan.kind === 'picReader' || plan.kind === 'shortenOption') && parent.describePrompts;
    const prompt = fromList ? parent.describePrompts?.[plan.index - 1] : undefined;
    const child = makeChild(ctx, parent, plan, customId, b, mode, prompt);
    child.submitDescription = 'Waiting for window confirm';
    return acceptedReply(ctx, {
      code: 21,
      description: 'Waiting for window confirm',
      result: child.id,
      properties: { finalPrompt: child.finalPrompt, remix: true },
      modalAction: isModalAction(plan),
    });
  }
  return accept(ctx, () => makeChild(ctx, parent, plan, customId, b, mode));
}

/** /shorten {prompt}: a SHORTEN task whose result lists five shorter prompts (plus, trueai, gateways). */
function shorten(ctx: SimContext, b: Body, mode: Mode): Reply {
  const prompt = str(b.prompt);
  if (!prompt) return invalid(ctx, 'prompt_is_required', 'prompt不能为空');
  if (isBannedAtSubmit(prompt)) return refusedReply(ctx, 24, '可能包含敏感词', { promptEn: translate(prompt), bannedWord: 'banned' });
  return accept(ctx, () =>
    ctx.store.add({
      action: 'SHORTEN',
      result: 'shorten',
      prompt,
      description: `/shorten ${prompt}`,
      state: stateField(b),
      mode,
      timeline: ctx.store.movingFromNow('shorten', prompt),
    }),
  );
}

/** /mj/submit/modal: continues a MODAL task with the prompt (and mask) the window asked for. */
function modal(ctx: SimContext, b: Body): Reply {
  const taskId = str(b.taskId);
  if (!taskId) return invalid(ctx, 'task_id_is_required', 'taskId不能为空');
  const task = ctx.store.get(taskId);
  if (!task) return taskNotFoundSubmitReply(ctx);
  if (stateAt(task, ctx.now()).status !== 'MODAL') return refusedReply(ctx, 4, '关联任务状态错误');
  // Vary (Region) is Discord's inpaint job: without the mask there is nothing to send it.
  if (task.customId !== null && planFor(task.customId)?.kind === 'inpaint' && !str(b.maskBase64)) {
    return invalid(ctx, 'mask_base64_is_required', 'maskBase64不能为空');
  }
  const prompt = str(b.prompt);
  // An empty prompt keeps the one the task already has (trueai uses the parent's).
  if (prompt) {
    task.prompt = prompt;
    task.promptEn = translate(prompt);
    task.finalPrompt = finalPromptFor(task.promptEn);
  }
  ctx.store.start(task);
  return acceptedReply(ctx, { code: 1, description: okDescription(ctx), result: task.id });
}

/** novicezk's /submit/change {taskId, action, index} is a U/V/reroll button by another name. */
function change(ctx: SimContext, b: Body, mode: Mode): Reply {
  const taskId = str(b.taskId);
  const what = str(b.action).toUpperCase();
  const index = Number(b.index);
  const parent = ctx.store.get(taskId);
  if (!parent) return taskNotFoundSubmitReply(ctx);
  return changeTo(ctx, parent, what, index, b, mode);
}

/** /submit/simple-change {content: "<taskId> U2"} (also V1–V4, R). */
function simpleChange(ctx: SimContext, b: Body, mode: Mode): Reply {
  const m = /^\s*(\S+)\s+(?:([UV])([1-4])|(R))\s*$/i.exec(str(b.content));
  if (!m) return invalid(ctx, 'content_is_invalid', 'content参数错误');
  const parent = ctx.store.get(m[1]);
  if (!parent) return taskNotFoundSubmitReply(ctx);
  const what = m[4] ? 'REROLL' : m[2].toUpperCase() === 'U' ? 'UPSCALE' : 'VARIATION';
  return changeTo(ctx, parent, what, Number(m[3] ?? 0), b, mode);
}

function changeTo(ctx: SimContext, parent: SimTask, what: string, index: number, b: Body, mode: Mode): Reply {
  let customId: string | null = null;
  if (what === 'REROLL') customId = `MJ::JOB::reroll::0::${parent.hash}::SOLO`;
  else if ((what === 'UPSCALE' || what === 'VARIATION') && index >= 1 && index <= 4) {
    customId = `MJ::JOB::${what === 'UPSCALE' ? 'upsample' : 'variation'}::${index}::${parent.hash}`;
  }
  if (!customId) return invalid(ctx, 'action_is_invalid', 'action参数错误');
  return action(ctx, parent.id, customId, b, mode);
}

/** Dispatches POST /mj/submit/{kind}; `body` is the parsed JSON request body. */
export function submit(ctx: SimContext, kind: string, body: unknown, mode: Mode): Reply {
  const b: Body = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
  switch (kind) {
    case 'imagine':
      return imagine(ctx, b, mode);
    case 'describe':
      return describe(ctx, b, mode);
    case 'blend':
      return blend(ctx, b, mode);
    case 'action':
      return action(ctx, str(b.taskId), str(b.customId), b, mode);
    case 'modal':
      return modal(ctx, b);
    case 'shorten':
      return shorten(ctx, b, mode);
    case 'change':
      return change(ctx, b, mode);
    default:
      return simpleChange(ctx, b, mode);
  }
}
