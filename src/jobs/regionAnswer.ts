import * as vscode from 'vscode';
import { checkMask } from '../core/maskPng';
import { TrackedTask } from '../core/trackedTask';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { RegionDraft, RegionSession } from '../preview/host/regionSession';
import { RegionRequest } from '../preview/shared/protocol';
import { safeHttpUrl } from '../preview/shared/urlSafety';

export interface RegionQuestion {
  tracked: TrackedTask;
  imageUrl: string;
  prompt: string;
  what: string;
}

function regionStrings(): RegionRequest['strings'] {
  return {
    title: vscode.l10n.t('Vary (Region)'),
    hint: vscode.l10n.t('Drag over the image to mark the region to change. Rectangle draws boxes; Free-hand draws a closed shape.'),
    rectangle: vscode.l10n.t('Rectangle'),
    freehand: vscode.l10n.t('Free-hand'),
    undo: vscode.l10n.t('Undo'),
    clear: vscode.l10n.t('Clear'),
    cancel: vscode.l10n.t('Cancel'),
    submit: vscode.l10n.t('Vary region'),
    sending: vscode.l10n.t('Sending…'),
    empty: vscode.l10n.t('Mark a region first.'),
    imageFailed: vscode.l10n.t('The image could not be loaded, so no region can be drawn.'),
    prompt: vscode.l10n.t('Prompt (empty: keep the current one)'),
  };
}

/**
 * The Vary (Region) answer of a MODAL task: the editor's request, and what happens to the mask
 * it sends — checked here (a PNG of the image's size, black and white, a region drawn) before the
 * one request goes out through submitJob.
 */
export function openRegionEditor(deps: Deps, q: RegionQuestion): RegionSession {
  let done = false;
  return {
    request: { modalId: q.tracked.id, imageUrl: safeHttpUrl(q.imageUrl) ?? '', prompt: q.prompt, strings: regionStrings() },
    async submit(draft: RegionDraft) {
      if (done) return { sent: false, reason: vscode.l10n.t('This region was already sent.') };
      const mask = checkMask(draft.mask, draft.width, draft.height);
      if (!mask.ok) return { sent: false, reason: mask.reason };
      deps.log.info(`Vary (Region) for ${q.tracked.id}: mask ${mask.width}×${mask.height}, ${mask.regionPixels} pixels to change.`);
      const prompt = draft.prompt.trim();
      const submitted = await submitJob(deps, {
        provider: q.tracked.provider,
        what: q.what,
        send: (client, signal) => client.submitModal(q.tracked.id, { prompt, maskBase64: mask.dataUrl }, { signal }),
      });
      if (!submitted) return { sent: false, reason: vscode.l10n.t('The region was not sent.') };
      done = true;
      return { sent: true, reason: '' };
    },
    cancel() {
      done = true;
    },
  };
}
