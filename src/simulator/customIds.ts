import type { Dialect } from './types';

// What pressing a button does, read from its customId.

export type ActionPlan =
  | { kind: 'upscale'; index: number }
  | { kind: 'upscaleHd' }
  | { kind: 'variation'; index: number; strength: 'normal' | 'low' | 'high' }
  | { kind: 'reroll' }
  | { kind: 'pan'; direction: string }
  | { kind: 'zoom' }
  | { kind: 'customZoom' }
  | { kind: 'inpaint' }
  | { kind: 'picReader'; index: number }
  | { kind: 'picReaderAll' }
  /** SHORTEN's option N (`MJ::Job::PromptAnalyzer::<hash>::SOLO::N`): imagines that shorter prompt. */
  | { kind: 'shortenOption'; index: number }
  | { kind: 'describeRetry' }
  | { kind: 'bookmark' }
  /** Animate (High/Low motion) on an upscale, or Extend on an upscaled clip: a VIDEO task. */
  | { kind: 'animate'; motion: 'high' | 'low'; extend: boolean }
  /** video U1–U4 (`video_virtual_upscale`): one clip of a VIDEO task. */
  | { kind: 'videoUpscale'; index: number };

export function planFor(customId: string): ActionPlan | null {
  const s = customId.split('::');
  if (s[0] !== 'MJ') return null;
  if (s[1] === 'JOB') {
    const verb = s[2] ?? '';
    const n = Number(s[3]);
    if (verb === 'upsample' && n >= 1 && n <= 4) return { kind: 'upscale', index: n };
    if (verb.startsWith('upsample_')) return { kind: 'upscaleHd' };
    if (verb === 'variation' && n >= 1 && n <= 4) return { kind: 'variation', index: n, strength: 'normal' };
    if (verb === 'low_variation') return { kind: 'variation', index: 1, strength: 'low' };
    if (verb === 'high_variation') return { kind: 'variation', index: 1, strength: 'high' };
    if (verb === 'reroll') return { kind: 'reroll' };
    if (verb.startsWith('pan_')) return { kind: 'pan', direction: verb.slice(4) };
    const animate = /^animate_(high|low)(_extend)?$/.exec(verb);
    if (animate) return { kind: 'animate', motion: animate[1] as 'high' | 'low', extend: animate[2] !== undefined };
    if (verb === 'video_virtual_upscale' && n >= 1 && n <= 4) return { kind: 'videoUpscale', index: n };
    return null;
  }
  if (s[1] === 'Outpaint') return { kind: 'zoom' };
  if (s[1] === 'CustomZoom') return { kind: 'customZoom' };
  if (s[1] === 'Inpaint') return { kind: 'inpaint' };
  if (s[1] === 'Job' && s[2] === 'PicReader') {
    if (s[3] === 'all') return { kind: 'picReaderAll' };
    const n = Number(s[3]);
    return n >= 1 && n <= 4 ? { kind: 'picReader', index: n } : null;
  }
  if (s[1] === 'Job' && s[2] === 'PromptAnalyzer') {
    const n = Number(s[s.length - 1]);
    return n >= 1 && n <= 5 ? { kind: 'shortenOption', index: n } : null;
  }
  if (s[1] === 'Picread' && s[2] === 'Retry') return { kind: 'describeRetry' };
  if (s[1] === 'BOOKMARK') return { kind: 'bookmark' };
  return null;
}

/**
 * new-api's own customId parser (service/midjourney.go CoverPlusActionToNormalAction): anything it
 * does not know is refused with `unknown_action:<customId>` before the parent is even looked up —
 * PicReader, Picread, BOOKMARK and the video buttons (animate_*, video_virtual_upscale) included:
 * new-api makes videos only through /mj/submit/video.
 */
export function newapiKnows(customId: string): boolean {
  const s = customId.split('::');
  const verb = s[1] === 'JOB' ? s[2] ?? '' : s[1] ?? '';
  if (verb === '') return false;
  return (
    verb.includes('upsample') ||
    verb.includes('variation') ||
    verb.includes('pan') ||
    verb.includes('reroll') ||
    verb === 'Outpaint' ||
    verb === 'CustomZoom' ||
    verb === 'Inpaint'
  );
}

/**
 * Buttons that open a modal (Discord asks for a prompt or a mask first): some always, and with the
 * account's remix mode on also the ones that remake the picture (V1–V4, Vary Subtle/Strong, 🔄,
 * pan, Animate), whose window asks for the prompt to change.
 */
export function needsModal(plan: ActionPlan, remix = false): boolean {
  if (plan.kind === 'customZoom' || plan.kind === 'inpaint' || plan.kind === 'picReader' || plan.kind === 'shortenOption') return true;
  if (!remix) return false;
  return plan.kind === 'variation' || plan.kind === 'reroll' || plan.kind === 'pan' || (plan.kind === 'animate' && !plan.extend);
}

/** new-api keeps code 21 only for these (it rewrites the rest to 1, MODAL task or not). */
export function isModalAction(plan: ActionPlan): boolean {
  return plan.kind === 'customZoom' || plan.kind === 'inpaint';
}

/** The child task's action, in the dialect's words. `parentAction` matters for trueai's reroll. */
export function childAction(plan: ActionPlan, dialect: Dialect, parentAction: string): string {
  switch (plan.kind) {
    case 'upscale':
      return 'UPSCALE';
    case 'upscaleHd':
      return dialect === 'trueai' ? 'UPSCALE_HD' : 'UPSCALE';
    case 'variation':
      if (dialect === 'newapi' && plan.strength !== 'normal') return plan.strength === 'low' ? 'LOW_VARIATION' : 'HIGH_VARIATION';
      return 'VARIATION';
    case 'reroll':
      // trueai reruns the parent's own action; an upscale's reroll is a new imagine.
      if (dialect !== 'trueai') return 'REROLL';
      return parentAction === 'UPSCALE' || parentAction === 'UPSCALE_HD' ? 'IMAGINE' : parentAction;
    case 'pan':
      return 'PAN';
    case 'zoom':
      return 'ZOOM';
    case 'customZoom':
      return dialect === 'newapi' ? 'CUSTOM_ZOOM' : 'ZOOM';
    case 'inpaint':
      return dialect === 'newapi' ? 'INPAINT' : 'VARIATION';
    case 'picReader':
    case 'picReaderAll':
    case 'shortenOption':
      return 'IMAGINE';
    case 'describeRetry':
      return 'DESCRIBE';
    case 'bookmark':
      return parentAction;
    case 'animate':
      // trueai: animate_* → VIDEO, video_virtual_upscale → UPSCALE (SubmitController.Action).
      return 'VIDEO';
    case 'videoUpscale':
      return 'UPSCALE';
  }
}

/** novicezk's description line for the child ("/up 1730621826053455 U2"). */
export function childDescription(plan: ActionPlan, parentId: string): string {
  switch (plan.kind) {
    case 'upscale':
      return `/up ${parentId} U${plan.index}`;
    case 'upscaleHd':
      return `/up ${parentId} HD`;
    case 'variation':
      return plan.strength === 'normal' ? `/variation ${parentId} V${plan.index}` : `/variation ${parentId} ${plan.strength}`;
    case 'reroll':
      return `/reroll ${parentId}`;
    case 'pan':
      return `/pan ${parentId} ${plan.direction}`;
    case 'zoom':
    case 'customZoom':
      return `/zoom ${parentId}`;
    case 'inpaint':
      return `/inpaint ${parentId}`;
    case 'picReader':
    case 'picReaderAll':
      return `/imagine (from describe ${parentId})`;
    case 'shortenOption':
      return `/imagine (from shorten ${parentId})`;
    case 'describeRetry':
      return `/describe ${parentId}.png`;
    case 'bookmark':
      return `/bookmark ${parentId}`;
    case 'animate':
      return `/${plan.extend ? 'extend' : 'animate'} ${parentId} ${plan.motion}`;
    case 'videoUpscale':
      return `/up ${parentId} video U${plan.index}`;
  }
}
