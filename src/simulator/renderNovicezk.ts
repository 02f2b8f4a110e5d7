import type { SimTaskView } from './simTaskView';
import { isTextResult } from './taskModel';

// novicezk/midjourney-proxy 2.x as Jackson writes support/Task.java: every field present, nulls
// kept, keys in the order id, properties, action, status, … `buttons` is the one
// midjourney-proxy-plus addition we keep, so previews have something to press.

export const NOVICEZK_INSTANCE_ID = '1118138338562560102';

function progressText(v: SimTaskView): string | null {
  switch (v.state.status) {
    case 'NOT_START':
      return null;
    case 'FAILURE':
    case 'CANCEL':
      return '';
    case 'SUCCESS':
      return '100%';
    default:
      return `${v.state.progress ?? 0}%`;
  }
}

function properties(v: SimTaskView): Record<string, unknown> {
  const { task, state } = v;
  const p: Record<string, unknown> = { notifyHook: null, nonce: task.nonce, discordInstanceId: NOVICEZK_INSTANCE_ID };
  if (state.status === 'NOT_START' || state.status === 'FAILURE') return p;
  p.finalPrompt = isTextResult(task.result) ? (state.status === 'SUCCESS' ? v.promptEn : null) : task.finalPrompt;
  p.progressMessageId = task.messageId;
  p.flags = 0;
  if (state.status === 'SUCCESS') {
    p.messageId = task.messageId;
    p.messageHash = task.hash;
  }
  return p;
}

export function renderNovicezk(v: SimTaskView): Record<string, unknown> {
  const { task, state } = v;
  const describeDone = task.result === 'describe' && state.status === 'SUCCESS';
  return {
    id: task.id,
    properties: properties(v),
    action: task.action,
    status: state.status,
    // novicezk's describe handler copies the result into prompt as well as promptEn.
    prompt: describeDone ? v.promptEn : task.prompt || null,
    promptEn: v.promptEn || null,
    description: task.description,
    state: task.state,
    submitTime: task.submitTime,
    startTime: state.startTime,
    finishTime: state.finishTime,
    imageUrl: v.imageUrl,
    progress: progressText(v),
    failReason: state.failReason,
    buttons: v.buttons ?? [],
  };
}
