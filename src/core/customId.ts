import * as l10n from '@vscode/l10n';
import { TaskButton } from './types';

// What a button's customId means, from the formats in docs/customIds.md. Servers send the
// customId verbatim from Discord (`MJ::JOB::upsample::2::<hash>`), so the meaning is read from
// its `::` segments; anything unrecognised is described neutrally and never throws.

export type ButtonGroup = 'upscale' | 'vary' | 'reroll' | 'zoom' | 'pan' | 'describe' | 'video' | 'shorten' | 'other';

/** The order groups are shown in: the grid buttons first, then the follow-ups, then the rest. */
export const BUTTON_GROUP_ORDER: readonly ButtonGroup[] = [
  'upscale',
  'vary',
  'reroll',
  'zoom',
  'pan',
  'video',
  'describe',
  'shorten',
  'other',
];

/**
 * Whether pressing the button leads to a modal (submit returns code 21 and waits for
 * /mj/submit/modal): 'always', 'remix' (only when the account has remix mode on), or 'never'.
 */
export type ModalNeed = 'always' | 'remix' | 'never';

export interface ButtonMeaning {
  group: ButtonGroup;
  /** A localized one-liner: "Upscale image 2", "Zoom out 2×", "Button: ❤️". */
  meaning: string;
  /** Which image / description / option the button is about (1-based), when it names one. */
  index?: number;
  needsModal: ModalNeed;
}

export interface DescribedButton {
  button: TaskButton;
  info: ButtonMeaning;
}

export function describeCustomId(customId: string, label = '', emoji = ''): ButtonMeaning {
  const parts = String(customId ?? '').trim().split('::');
  return (parts[0]?.toUpperCase() === 'MJ' && describeMj(parts)) || unknown(parts, label, emoji);
}

/** Buttons grouped in BUTTON_GROUP_ORDER (empty groups left out), server order kept within each. */
export function buttonsByGroup(buttons: readonly TaskButton[]): Array<{ group: ButtonGroup; buttons: DescribedButton[] }> {
  const byGroup = new Map<ButtonGroup, DescribedButton[]>();
  for (const button of buttons) {
    const info = describeCustomId(button.customId, button.label, button.emoji);
    const list = byGroup.get(info.group);
    if (list) list.push({ button, info });
    else byGroup.set(info.group, [{ button, info }]);
  }
  return BUTTON_GROUP_ORDER.filter((g) => byGroup.has(g)).map((group) => ({ group, buttons: byGroup.get(group)! }));
}

function describeMj(parts: string[]): ButtonMeaning | null {
  const kind = lower(parts[1]);
  switch (kind) {
    case 'job':
      return describeJob(parts);
    case 'inpaint':
      // MJ::Inpaint::1::<hash>::SOLO — the modal carries the mask and prompt.
      return { group: 'vary', meaning: l10n.t('Vary (Region)'), needsModal: 'always' };
    case 'outpaint':
      return describeOutpaint(parts[2]);
    case 'customzoom':
      // MJ::CustomZoom::<hash> (trueai: MJ::CustomZoom::1::<hash>); the prompt needs --zoom.
      return { group: 'zoom', meaning: l10n.t('Custom zoom'), needsModal: 'always' };
    case 'picread':
      // MJ::Picread::Retry
      return { group: 'describe', meaning: l10n.t('Describe again'), needsModal: 'never' };
    case 'bookmark':
      // MJ::BOOKMARK::… — marks the image as liked; makes no new task.
      return { group: 'other', meaning: l10n.t('Bookmark'), needsModal: 'never' };
    default:
      return null;
  }
}

/** MJ::JOB::<action>::<n>::<hash>[::SOLO] (also MJ::Job::… for describe and shorten). */
function describeJob(parts: string[]): ButtonMeaning | null {
  const action = lower(parts[2]);
  const n = indexOf(parts[3]);
  switch (action) {
    case 'upsample':
      return n
        ? { group: 'upscale', meaning: l10n.t('Upscale image {0}', n), index: n, needsModal: 'never' }
        : { group: 'upscale', meaning: l10n.t('Upscale'), needsModal: 'never' };
    case 'variation':
      return n
        ? { group: 'vary', meaning: l10n.t('Vary image {0}', n), index: n, needsModal: 'remix' }
        : { group: 'vary', meaning: l10n.t('Vary'), needsModal: 'remix' };
    case 'reroll':
      return { group: 'reroll', meaning: l10n.t('Reroll'), needsModal: 'remix' };
    case 'low_variation':
      return { group: 'vary', meaning: l10n.t('Vary (Subtle)'), needsModal: 'remix' };
    case 'high_variation':
      return { group: 'vary', meaning: l10n.t('Vary (Strong)'), needsModal: 'remix' };
    case 'pan_left':
      return { group: 'pan', meaning: l10n.t('Pan left'), needsModal: 'remix' };
    case 'pan_right':
      return { group: 'pan', meaning: l10n.t('Pan right'), needsModal: 'remix' };
    case 'pan_up':
      return { group: 'pan', meaning: l10n.t('Pan up'), needsModal: 'remix' };
    case 'pan_down':
      return { group: 'pan', meaning: l10n.t('Pan down'), needsModal: 'remix' };
    case 'animate_high':
      return { group: 'video', meaning: l10n.t('Animate (high motion)'), needsModal: 'remix' };
    case 'animate_low':
      return { group: 'video', meaning: l10n.t('Animate (low motion)'), needsModal: 'remix' };
    case 'animate_high_extend':
      // The server handles the extend modal itself.
      return { group: 'video', meaning: l10n.t('Extend video (high motion)'), needsModal: 'never' };
    case 'animate_low_extend':
      return { group: 'video', meaning: l10n.t('Extend video (low motion)'), needsModal: 'never' };
    case 'video_virtual_upscale':
      return n
        ? { group: 'video', meaning: l10n.t('Upscale video {0}', n), index: n, needsModal: 'never' }
        : { group: 'video', meaning: l10n.t('Upscale video'), needsModal: 'never' };
    case 'video':
      // MJ::JOB::video::…::manual — the motion prompt is written in the modal.
      return parts.some((p) => lower(p) === 'manual')
        ? { group: 'video', meaning: l10n.t('Animate (manual)'), needsModal: 'always' }
        : { group: 'video', meaning: l10n.t('Animate'), needsModal: 'remix' };
    case 'picreader':
      // MJ::Job::PicReader::{1-4} opens the description as an editable prompt; ::all imagines
      // every description at once (trueai fans out up to 4 tasks).
      if (lower(parts[3]) === 'all') {
        return { group: 'describe', meaning: l10n.t('Imagine all descriptions'), needsModal: 'never' };
      }
      return n
        ? { group: 'describe', meaning: l10n.t('Use description {0}', n), index: n, needsModal: 'always' }
        : { group: 'describe', meaning: l10n.t('Use description'), needsModal: 'always' };
    case 'promptanalyzer': {
      // MJ::Job::PromptAnalyzer::{1-5}: trueai reads the option from the last segment and asks
      // for the prompt in a modal unless the account auto-submits. Anything else is Show Details.
      const option = indexOf(parts[parts.length - 1]);
      return option
        ? { group: 'shorten', meaning: l10n.t('Shorten option {0}', option), index: option, needsModal: 'always' }
        : { group: 'shorten', meaning: l10n.t('Show details'), needsModal: 'never' };
    }
    case 'promptanalyzerextended':
      return { group: 'shorten', meaning: l10n.t('Show details'), needsModal: 'never' };
    default:
      return action.startsWith('upsample_') ? describeHdUpscale(action) : null;
  }
}

/** upsample_v7_2x_subtle, upsample_v6r1_2x_creative, upsample_v6_2x_subtle, upsample_v5_2x, upsample_v5_4x … */
function describeHdUpscale(action: string): ButtonMeaning {
  let meaning: string;
  if (action.endsWith('_subtle')) {
    meaning = l10n.t('Upscale (Subtle)');
  } else if (action.endsWith('_creative')) {
    meaning = l10n.t('Upscale (Creative)');
  } else {
    const factor = /_(\d+)x$/.exec(action)?.[1];
    meaning = factor ? l10n.t('Upscale ({0}x)', factor) : l10n.t('Upscale (HD)');
  }
  return { group: 'upscale', meaning, needsModal: 'never' };
}

/** MJ::Outpaint::<percent>::1::<hash>::SOLO — the new image keeps that share of the canvas. */
function describeOutpaint(percent: string | undefined): ButtonMeaning {
  switch (percent) {
    case '50':
      return { group: 'zoom', meaning: l10n.t('Zoom out 2×'), needsModal: 'never' };
    case '75':
      return { group: 'zoom', meaning: l10n.t('Zoom out 1.5×'), needsModal: 'never' };
    case '100':
      return { group: 'zoom', meaning: l10n.t('Make square'), needsModal: 'never' };
    default:
      return { group: 'zoom', meaning: l10n.t('Zoom out'), needsModal: 'never' };
  }
}

/** "Button: <label or emoji>", else the readable segments of the customId (hashes left out). */
function unknown(parts: string[], label: string, emoji: string): ButtonMeaning {
  // String(…): callers in plain JS (the webview, a relay's odd JSON) may pass null.
  const name =
    String(label ?? '').trim() ||
    String(emoji ?? '').trim() ||
    parts
      .filter((p, i) => p && !(i === 0 && p.toUpperCase() === 'MJ') && !/^(job|solo)$/i.test(p) && !looksLikeId(p))
      .join(' ')
      .slice(0, 60);
  return { group: 'other', meaning: name ? l10n.t('Button: {0}', name) : l10n.t('Unknown button'), needsModal: 'never' };
}

function looksLikeId(p: string): boolean {
  // Job UUIDs, Discord snowflakes, hex hashes: noise in a label.
  return /^[0-9a-f-]{16,}$/i.test(p) || /^\d{10,}$/.test(p);
}

/** A small positive integer segment (1-based index), else undefined. */
function indexOf(segment: string | undefined): number | undefined {
  if (segment === undefined || !/^\d{1,2}$/.test(segment.trim())) {
    return undefined;
  }
  const n = Number(segment.trim());
  return n >= 1 ? n : undefined;
}

function lower(s: string | undefined): string {
  return (s ?? '').toLowerCase();
}
