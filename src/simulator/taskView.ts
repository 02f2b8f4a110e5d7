import { buttonsFor, type SimButton } from './buttons';
import type { SimContext } from './context';
import { gridImageName, progressImageName, singleImageName } from './images';
import { progressStage, stateAt, type TaskState } from './lifecycle';
import { describeText } from './prompts';
import type { SimTask } from './taskModel';

// The dialect-neutral facts a renderer prints: state now, which images, which buttons.

export interface TaskView {
  task: SimTask;
  state: TaskState;
  /** The image to show now (final, or an in-progress preview), as a URL on the simulator. */
  imageUrl: string | null;
  /** SUCCESS only: the individual images (four for a grid). */
  imageUrls: string[];
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
    return task.result === 'grid' ? gridImageName(task.palette) : singleImageName(task.palette, task.quadrant);
  }
  const stage = progressStage(state);
  return stage > 0 && task.result === 'grid' ? progressImageName(task.palette, stage as 1 | 2) : null;
}

export function viewOf(task: SimTask, ctx: SimContext): TaskView {
  const state = stateAt(task, ctx.now());
  const name = imageNameFor(task, state);
  const success = state.status === 'SUCCESS';
  let imageUrls: string[] = [];
  if (success && task.result === 'grid') imageUrls = [1, 2, 3, 4].map((q) => imageUrl(ctx, singleImageName(task.palette, q)));
  else if (success && task.result === 'single') imageUrls = [imageUrl(ctx, singleImageName(task.palette, task.quadrant))];
  const promptEn = task.result === 'describe' ? (success && task.describePrompts ? describeText(task.describePrompts) : '') : task.promptEn;
  return {
    task,
    state,
    imageUrl: name ? imageUrl(ctx, name) : null,
    imageUrls,
    buttons: success ? buttonsFor(task.result, task.hash) : null,
    promptEn,
    imageName: name,
  };
}
