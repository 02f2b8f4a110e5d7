import { EMOJI_NUMBER } from './prompts';
import type { ResultKind } from './taskModel';

// The buttons a finished task offers (reference §4.7), in Discord's order. Every dialect shows
// them — novicezk included, as midjourney-proxy-plus does, because previews without buttons
// would leave nothing to try.

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

function upscaleButtons(hash: string): SimButton[] {
  return [
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
    button(`MJ::BOOKMARK::${hash}`, '', '❤️'),
  ];
}

function describeButtons(): SimButton[] {
  return [
    ...EMOJI_NUMBER.map((emoji, i) => button(`MJ::Job::PicReader::${i + 1}`, '', emoji)),
    button('MJ::Picread::Retry', '', '🔄'),
    button('MJ::Job::PicReader::all', 'Imagine all', '🎉'),
  ];
}

export function buttonsFor(result: ResultKind, hash: string): SimButton[] {
  switch (result) {
    case 'grid':
      return gridButtons(hash);
    case 'single':
      return upscaleButtons(hash);
    case 'describe':
      return describeButtons();
  }
}
