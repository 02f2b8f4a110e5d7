import * as l10n from '@vscode/l10n';
import { ButtonGroup, ModalNeed } from '../../core/customId';
import { FailureKind } from './failure';

// The preview's fixed words for button groups, modal notes and failure kinds (status words are
// core/statusVocabulary.ts): exhaustive switches, so a new group fails to compile until it has its label.

export function groupTitle(group: ButtonGroup): string {
  switch (group) {
    case 'upscale':
      return l10n.t('Upscale');
    case 'vary':
      return l10n.t('Vary');
    case 'reroll':
      return l10n.t('Reroll');
    case 'zoom':
      return l10n.t('Zoom');
    case 'pan':
      return l10n.t('Pan');
    case 'video':
      return l10n.t('Video');
    case 'describe':
      return l10n.t('Describe');
    case 'shorten':
      return l10n.t('Shorten');
    case 'other':
      return l10n.t('Other');
  }
}

export function modalNote(need: ModalNeed): string {
  switch (need) {
    case 'always':
      return l10n.t('Opens a dialog on the server first (submit it with /mj/submit/modal).');
    case 'remix':
      return l10n.t('Opens a dialog first when remix mode is on.');
    case 'never':
      return '';
  }
}

export function failureHeadline(kind: FailureKind): string {
  switch (kind) {
    case 'bannedPrompt':
      return l10n.t('Midjourney refused the prompt: it looks like it breaks the content rules.');
    case 'invalidParameter':
      return l10n.t('Midjourney did not accept a parameter in the prompt.');
    case 'upstreamTimeout':
      return l10n.t('The server gave up waiting for the result.');
    case 'queueFull':
      return l10n.t('The server was too busy to take the task; try again later.');
    case 'cancelled':
      return l10n.t('The task was cancelled.');
    case 'internal':
      return l10n.t('Midjourney hit an internal error; submitting again usually works.');
    case 'other':
      return l10n.t('The task failed.');
  }
}
