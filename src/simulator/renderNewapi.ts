import type { SimContext } from './context';
import type { SimTaskView } from './simTaskView';
import { isTextResult } from './taskModel';

// new-api's MidjourneyDto (dto/midjourney.go, built by coverMidjourneyTaskDto): exactly these
// keys, always, with "" / 0 / null for nothing.
// Until the gateway's poller has seen the task upstream ("fresh"), status is "" and promptEn,
// buttons and properties are empty. imageUrl goes through the gateway's own /mj/image/{id}
// (MjForwardUrlEnabled, on by default), with ?rand= while the task is unfinished; rand is built from
// start time and progress, so an unchanged task renders identical JSON on every poll. A finished
// VIDEO task has upstream's videoUrl as is and `videoUrls: [{url}]` (QuantumNous's DTO keeps only
// the url of trueai's {url, thumbnail}).

const CJK = /[\u3400-\u9fff]/;

function progressText(v: SimTaskView): string {
  switch (v.state.status) {
    case 'SUCCESS':
    case 'FAILURE': // the gateway forces 100% on failures (quota refunded)
    case 'CANCEL':
      return '100%';
    default:
      return `${v.state.progress ?? 0}%`;
  }
}

export function renderNewapi(v: SimTaskView, ctx: SimContext): Record<string, unknown> {
  const { task, state } = v;
  const fresh = state.fresh;
  let imageUrl = '';
  if (task.linkExpiresAt !== undefined && v.imageUrl) {
    // A relay that passes the Discord attachment link on rather than proxying it.
    imageUrl = v.imageUrl;
  } else if (v.imageName) {
    imageUrl = `${ctx.url}/mj/image/${task.id}`;
    if (state.status !== 'SUCCESS') imageUrl += `?rand=${state.startTime ?? 0}${String(state.progress ?? 0).padStart(3, '0')}`;
  }
  return {
    id: task.id,
    action: task.action,
    customId: '',
    botType: '',
    prompt: task.prompt,
    promptEn: fresh ? '' : v.promptEn,
    description: task.submitDescription,
    state: task.state ?? '',
    submitTime: task.submitTime,
    startTime: state.startTime ?? 0,
    finishTime: state.finishTime ?? 0,
    imageUrl,
    videoUrl: v.videos.length ? v.videos[0].url : '',
    videoUrls: v.videos.length ? v.videos.map(({ url }) => ({ url })) : null,
    status: fresh ? '' : state.status,
    progress: progressText(v),
    failReason: state.failReason ?? '',
    buttons: fresh ? null : v.buttons ?? [],
    maskBase64: '',
    properties: fresh ? null : { finalPrompt: isTextResult(task.result) ? v.promptEn : task.finalPrompt, finalZhPrompt: CJK.test(task.prompt) ? task.prompt : '' },
  };
}
