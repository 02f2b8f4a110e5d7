import * as l10n from '@vscode/l10n';
import { describeCustomId } from '../core/customId';
import { Task } from '../core/types';
import { splitNumberedPrompts } from '../preview/host/numberedPrompts';

// What a MODAL task waits for, and what to prefill: pure, so the flows' decisions are unit-tested.
// A MODAL task is the server's Discord window left open: Vary (Region) wants a mask and a prompt,
// Custom Zoom a prompt with --zoom, describe's "use description N" and shorten's options the
// prompt they carry (editable), and any remix-mode button (V1–V4, 🔄, pan, Vary Subtle/Strong)
// the prompt the parent was made with, to be changed.

export type ModalKind = 'region' | 'customZoom' | 'describe' | 'shorten' | 'remix' | 'unknown';

/** Which question the window asks, from the button pressed on the parent, else from the task's action. */
export function modalKind(originCustomId: string | null | undefined, action: string | null | undefined): ModalKind {
  if (originCustomId) {
    const info = describeCustomId(originCustomId);
    const parts = originCustomId.split('::').map((p) => p.toLowerCase());
    if (parts[1] === 'inpaint') return 'region';
    if (parts[1] === 'customzoom') return 'customZoom';
    if (info.group === 'describe') return 'describe';
    if (info.group === 'shorten') return 'shorten';
    if (info.needsModal !== 'never') return 'remix';
  }
  // new-api keeps the modal actions' own names (INPAINT, CUSTOM_ZOOM); the proxies say VARIATION / ZOOM.
  switch ((action ?? '').toUpperCase()) {
    case 'INPAINT':
      return 'region';
    case 'CUSTOM_ZOOM':
      return 'customZoom';
    default:
      return 'unknown';
  }
}

export interface PrefillSources {
  /** The submit answer's `properties.finalPrompt` (code 21 carries the prompt the window shows). */
  submitFinalPrompt?: unknown;
  /** The MODAL task as last fetched, if it was. */
  modal: Task | null;
  /** The task the button was pressed on, if tracked and fetched. */
  parent: Task | null;
  originCustomId?: string | null;
}

/** The prompt the window starts with: what the server said it shows, else the parent's prompt. */
export function prefillPrompt(kind: ModalKind, s: PrefillSources): string {
  const index = s.originCustomId ? describeCustomId(s.originCustomId).index : undefined;
  // describe's and shorten's buttons carry one of the parent's numbered prompts.
  if ((kind === 'describe' || kind === 'shorten') && index !== undefined && s.parent) {
    const list = splitNumberedPrompts(s.parent.promptEn ?? s.parent.finalPrompt ?? s.parent.prompt).items;
    const chosen = list[index - 1];
    if (chosen) return chosen;
  }
  const candidates = [
    typeof s.submitFinalPrompt === 'string' ? s.submitFinalPrompt : null,
    s.modal?.finalPrompt,
    s.modal?.promptEn,
    s.modal?.prompt,
    s.parent?.finalPrompt,
    s.parent?.promptEn,
    s.parent?.prompt,
  ];
  const base = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '')?.trim() ?? '';
  if (kind === 'customZoom' && zoomValue(base) === null) return `${base} --zoom 2`.trim();
  return base;
}

/** The --zoom value of a prompt, or null when it has none. */
export function zoomValue(prompt: string): number | null {
  const m = /(?:^|\s)--zoom\s+(\S+)/.exec(prompt);
  return m ? Number(m[1]) : null;
}

/** Why the prompt cannot be sent for this kind of window, or undefined when it can. */
export function promptProblem(kind: ModalKind, prompt: string): string | undefined {
  const text = prompt.trim();
  if (kind === 'customZoom') {
    const zoom = zoomValue(text);
    if (zoom === null) return l10n.t('Custom Zoom needs --zoom in the prompt, e.g. --zoom 1.5.');
    if (!(zoom >= 1 && zoom <= 2)) return l10n.t('--zoom must be between 1 and 2.');
  }
  // Vary (Region) may keep the parent's prompt (trueai: an empty prompt means exactly that).
  if (!text && kind !== 'region') return l10n.t('The prompt is empty.');
  return undefined;
}

/** The image to draw a region on: the parent's, or the MODAL task's own when the server sent one. */
export function regionImageUrl(modal: Task | null, parent: Task | null): string | null {
  return parent?.imageUrl ?? modal?.imageUrl ?? null;
}
