import { buttonsFor, type SimButton } from './buttons';
import type { SimContext } from './context';
import { gridImageName, progressImageName, singleImageName } from './images';
import { progressStage, stateAt, type TaskState } from './lifecycle';
import { describeText, shortenText } from './prompts';
import { isVideoResult, type SimTask } from './taskModel';
import { videoPath } from './video';
import { discordStyle } from './discordLinks';

// The dialect-neutral facts a renderer prints: state now, which images, which buttons.

export interface SimTaskView {
  task: SimTask;
  state: TaskState;
  /** The image to show now (final, or an in-progress preview), as a URL on the simulator. */
  imageUrl: string | null;
  /** SUCCESS only: the individual images (four for a grid). */
  imageUrls: string[];
  /** SUCCESS only, VIDEO results only: the clips (four, or one after a video U), each with its still. */
  videos: { url: string; thumbnail: string }[];
  /** VIDEO results: the picture the clips were animated from (trueai's videoGenOriginImageUrl). */
  videoOriginUrl: string | null;
  /** SUCCESS only; null before. */
  buttons: SimButton[] | null;
  /** DESCRIBE results put the four prompts in promptEn. */
  promptEn: string;
  /** The image name behind imageUrl (what /mj/image/{id} serves). */
  imageName: string | null;
}

export function imageUrl(ctx: SimContext, name: string): string {
  return `${ctx.url}/images/${name}.png`;
}

/** The image a task shows in a given state, or null. */
export function imageNameFor(task: SimTask, state: TaskState): string | null {
  if (state.status === 'SUCCESS') {
    // A video task's picture is the still it was animated from.
    return task.result === 'grid' ? gridImageName(task.palette) : singleImageName(task.palette, task.quadrant);
  }
  const stage = progressStage(state);
  return stage > 0 && task.result === 'grid' ? progressImageName(task.palette, stage as 1 | 2) : null;
}

export function viewOf(task: SimTask, ctx: SimContext): SimTaskView {
  const state = stateAt(task, ctx.now());
  const name = imageNameFor(task, state);
  const success = state.status === 'SUCCESS';
  let imageUrls: string[] = [];
  if (success && task.result === 'grid') imageUrls = [1, 2, 3, 4].map((q) => imageUrl(ctx, singleImageName(task.palette, q)));
  else if (success && task.result === 'single') imageUrls = [imageUrl(ctx, singleImageName(task.palette, task.quadrant))];
  let promptEn = task.promptEn;
  if (task.result === 'describe') promptEn = success && task.describePrompts ? describeText(task.describePrompts) : '';
  else if (task.result === 'shorten') promptEn = success && task.describePrompts ? shortenText(task.prompt, task.describePrompts) : '';
  const video = isVideoResult(task.result);
  const still = imageUrl(ctx, singleImageName(task.palette, task.quadrant));
  const clips = success && video ? (task.result === 'video' ? [0, 1, 2, 3] : [0]) : [];
  const link = (url: string) => (task.linkExpiresAt !== undefined ? discordStyle(url, task.linkExpiresAt, task.submitTime) : url);
  return {
    task,
    state,
    imageUrl: name ? link(imageUrl(ctx, name)) : null,
    imageUrls: imageUrls.map(link),
    videos: clips.map((n) => ({ url: link(`${ctx.url}${videoPath(task.hash, n)}`), thumbnail: still })),
    videoOriginUrl: video ? still : null,
    buttons: success ? buttonsFor(task.result, task.hash, ctx.dialect) : null,
    promptEn,
    imageName: name,
  };
}
