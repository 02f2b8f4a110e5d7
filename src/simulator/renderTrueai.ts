import { IMAGE_SIZE } from './images';
import { isTextResult, isVideoResult } from './taskModel';
import type { SimTaskView } from './simTaskView';
import type { SimStatus } from './types';
import { VIDEO_FRAMES, VIDEO_SECONDS, VIDEO_TYPE } from './video';

// trueai-org/midjourney-proxy's TaskInfo through System.Text.Json: camelCase, enums as strings,
// nulls kept, and every public property — the client-relevant ones among plenty of internal
// noise (key order as in trueai's published sample answer). `seed` stays null until
// /image-seed was asked for, as on the real server. VIDEO tasks (Animate on an upscale) finish
// with `videoUrl` and `videoUrls: [{url, thumbnail}]` — clips on the simulator's own /videos/… —
// and keep the still they were animated from in imageUrl / videoGenOriginImageUrl.

export const TRUEAI_INSTANCE_ID = '1050703772185268251';

const STATUS_TEXT: Record<SimStatus, string> = {
  NOT_START: '未启动',
  SUBMITTED: '已提交',
  MODAL: '窗口等待',
  IN_PROGRESS: '执行中',
  SUCCESS: '成功',
  FAILURE: '失败',
  CANCEL: '已取消',
};

const MODE_TEXT = { FAST: '快速', RELAX: '慢速', TURBO: '极速' } as const;

/** trueai servers mostly run in China: format times as UTC+8, which also keeps output stable. */
function displayTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

function progressText(v: SimTaskView): string {
  switch (v.state.status) {
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
  const p: Record<string, unknown> = {
    discordInstanceId: TRUEAI_INSTANCE_ID,
    discordChannelId: TRUEAI_INSTANCE_ID,
    botType: 'MID_JOURNEY',
    nonce: task.nonce,
  };
  if (task.customId) {
    p.custom_id = task.customId;
    if (task.index !== null) p.action_index = task.index;
  }
  if (state.status === 'NOT_START') return p;
  const finalPrompt = isTextResult(task.result) ? v.promptEn : task.finalPrompt;
  p.finalPrompt = finalPrompt;
  p.messageContent = `**${finalPrompt}** - <@1364921896055083058> (${task.mode.toLowerCase()})`;
  p.flags = 0;
  p.remix = false;
  if (state.status === 'SUCCESS') {
    p.messageId = task.messageId;
    p.messageHash = task.hash;
  }
  return p;
}

export function renderTrueai(v: SimTaskView): Record<string, unknown> {
  const { task, state } = v;
  const done = state.status === 'SUCCESS';
  const started = state.status !== 'NOT_START' && state.status !== 'MODAL';
  const finalPrompt = isTextResult(task.result) ? v.promptEn : task.finalPrompt;
  const video = isVideoResult(task.result);
  const clips = v.videos;
  return {
    properties: properties(v),
    id: task.id,
    parentId: task.parentId,
    botType: 'MID_JOURNEY',
    realBotType: 'MID_JOURNEY',
    userId: null,
    isWhite: false,
    nonce: task.nonce,
    interactionMetadataId: null,
    messageId: done ? task.messageId : null,
    remixModalMessageId: null,
    remixAutoSubmit: false,
    remixModaling: false,
    instanceId: TRUEAI_INSTANCE_ID,
    subInstanceId: null,
    messageIds: done ? [task.messageId] : [],
    action: task.action,
    status: state.status,
    isCompleted: state.status === 'SUCCESS' || state.status === 'FAILURE' || state.status === 'CANCEL',
    prompt: task.prompt,
    promptEn: v.promptEn,
    promptFull: started ? finalPrompt : null,
    description: task.description,
    state: task.state,
    submitTime: task.submitTime,
    startTime: state.startTime,
    finishTime: state.finishTime,
    imageUrl: v.imageUrl,
    baseImageUrl: null,
    imageUrls: v.imageUrls.length ? v.imageUrls.map((url) => ({ url, thumbnail: url })) : null,
    thumbnailUrl: done ? v.imageUrl : null,
    progress: progressText(v),
    failReason: state.failReason,
    buttons: v.buttons ?? [],
    displays: {
      status: STATUS_TEXT[state.status],
      mode: MODE_TEXT[task.mode],
      action: task.action,
      botType: 'Midjourney',
      submitTime: displayTime(task.submitTime),
      startTime: displayTime(state.startTime),
      finishTime: displayTime(state.finishTime),
    },
    seed: task.seedRevealed ? task.seed : null,
    seedMessageId: null,
    seedError: null,
    jobId: done ? task.hash : null,
    isReplicate: false,
    replicateSource: null,
    replicateTarget: null,
    mode: task.mode,
    requestMode: task.mode,
    url: null,
    proxyUrl: null,
    height: done ? IMAGE_SIZE : 0,
    width: done ? IMAGE_SIZE : 0,
    size: 0,
    contentType: done ? (video ? 'video/mp4' : 'image/png') : null,
    imageHeight: done ? IMAGE_SIZE : 0,
    imageWidth: done ? IMAGE_SIZE : 0,
    videoGenOriginImageUrl: v.videoOriginUrl,
    videoDuration: done && video ? VIDEO_SECONDS : 0,
    frameCount: done && video ? VIDEO_FRAMES : 0,
    videoUrl: clips.length ? clips[0].url : null,
    videoUrls: clips.length ? clips.map(({ url, thumbnail }) => ({ url, thumbnail })) : null,
    useTime: state.finishTime !== null && state.startTime !== null ? ((state.finishTime - state.startTime) / 1000).toFixed(1) : null,
    version: 'v 7',
    videoType: video ? VIDEO_TYPE : null,
    isHdVideo: false,
    isVideo: video,
    isVideoUpscale: task.result === 'videoSingle',
    clientIp: '127.0.0.1',
    accountFilter: { instanceId: '', modes: [], remix: null, remixAutoConsidered: null, remark: '' },
    isPartner: false,
    partnerTaskId: null,
    partnerTaskInfo: null,
    isOfficial: false,
    officialTaskInfo: null,
    isDiscord: true,
  };
}
