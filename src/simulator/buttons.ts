import { EMOJI_NUMBER, SHORTEN_OPTION_EMOJI } from './prompts';
import type { ResultKind } from './taskModel';
import type { Dialect } from './types';

// The buttons a finished task offers, in Discord's order. Every dialect shows
// them — novicezk included, as midjourney-proxy-plus does, because previews without buttons
// would leave nothing to try. Only trueai offers Animate on an upscale (its EnableVideo setting,
// on here): novicezk knows no video, and new-api refuses the video customIds (unknown_action), so
// an upstream with video off is the consistent picture there. A VIDEO task shows the video
// buttons in every dialect that has one (new-api passes upstream buttons through as they are).

export interface SimButton {
  customId: string;
  emoji: string;
  label: string;
  type: 2;
  style: 2;
}

function button(customId: string, label: string, emoji = ''): SimButton {
  return { customId, emoji, label, type: 2, style: 2 };
}

function gridButtons(hash: string): SimButton[] {
  const out: SimButton[] = [];
  for (let i = 1; i <= 4; i++) out.push(button(`MJ::JOB::upsample::${i}::${hash}`, `U${i}`));
  out.push(button(`MJ::JOB::reroll::0::${hash}::SOLO`, '', '🔄'));
  for (let i = 1; i <= 4; i++) out.push(button(`MJ::JOB::variation::${i}::${hash}`, `V${i}`));
  return out;
}

function upscaleButtons(hash: string, dialect: Dialect): SimButton[] {
  const buttons = [
    button(`MJ::JOB::upsample_v7_2x_subtle::1::${hash}::SOLO`, 'Upscale (Subtle)'),
    button(`MJ::JOB::upsample_v7_2x_creative::1::${hash}::SOLO`, 'Upscale (Creative)'),
    button(`MJ::JOB::low_variation::1::${hash}::SOLO`, 'Vary (Subtle)', '🪄'),
    button(`MJ::JOB::high_variation::1::${hash}::SOLO`, 'Vary (Strong)', '🪄'),
    button(`MJ::Inpaint::1::${hash}::SOLO`, 'Vary (Region)', '🖌️'),
    button(`MJ::Outpaint::50::1::${hash}::SOLO`, 'Zoom Out 2x', '🔍'),
    button(`MJ::Outpaint::75::1::${hash}::SOLO`, 'Zoom Out 1.5x', '🔍'),
    button(`MJ::CustomZoom::${hash}`, 'Custom Zoom', '🔍'),
    button(`MJ::JOB::pan_left::1::${hash}::SOLO`, '', '⬅️'),
    button(`MJ::JOB::pan_right::1::${hash}::SOLO`, '', '➡️'),
    button(`MJ::JOB::pan_up::1::${hash}::SOLO`, '', '⬆️'),
    button(`MJ::JOB::pan_down::1::${hash}::SOLO`, '', '⬇️'),
  ];
  if (dialect === 'trueai') {
    buttons.push(
      button(`MJ::JOB::animate_high::1::${hash}::SOLO`, 'Animate (High motion)', '🎞️'),
      button(`MJ::JOB::animate_low::1::${hash}::SOLO`, 'Animate (Low motion)', '🎞️'),
    );
  }
  buttons.push(button(`MJ::BOOKMARK::${hash}`, '', '❤️'));
  return buttons;
}

/** trueai SetVideoUpscaleButtons: U1–U4 for the four clips, and 🔄. */
function videoButtons(hash: string): SimButton[] {
  const out: SimButton[] = [];
  for (let i = 1; i <= 4; i++) out.push(button(`MJ::JOB::video_virtual_upscale::${i}::${hash}`, `U${i}`));
  out.push(button(`MJ::JOB::reroll::0::${hash}::SOLO`, '', '🔄'));
  return out;
}

/** trueai SetVideoExtendButtons: what an upscaled clip offers. */
function videoExtendButtons(hash: string): SimButton[] {
  return [
    button(`MJ::JOB::animate_high_extend::1::${hash}`, 'Extend (High motion)', '🎞️'),
    button(`MJ::JOB::animate_low_extend::1::${hash}`, 'Extend (Low motion)', '🎞️'),
  ];
}

function describeButtons(): SimButton[] {
  return [
    ...EMOJI_NUMBER.map((emoji, i) => button(`MJ::Job::PicReader::${i + 1}`, '', emoji)),
    button('MJ::Picread::Retry', '', '🔄'),
    button('MJ::Job::PicReader::all', 'Imagine all', '🎉'),
  ];
}

/** SHORTEN: one button per option (trueai reads the option from the last segment), and Show Details. */
function shortenButtons(hash: string): SimButton[] {
  return [
    ...SHORTEN_OPTION_EMOJI.map((emoji, i) => button(`MJ::Job::PromptAnalyzer::${hash}::SOLO::${i + 1}`, '', emoji)),
    button(`MJ::Job::PromptAnalyzerExtended::${hash}::SOLO`, 'Show Details'),
  ];
}

export function buttonsFor(result: ResultKind, hash: string, dialect: Dialect): SimButton[] {
  switch (result) {
    case 'grid':
      return gridButtons(hash);
    case 'single':
      return upscaleButtons(hash, dialect);
    case 'describe':
      return describeButtons();
    case 'shorten':
      return shortenButtons(hash);
    case 'video':
      return videoButtons(hash);
    case 'videoSingle':
      return videoExtendButtons(hash);
  }
}
