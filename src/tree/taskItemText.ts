import * as l10n from '@vscode/l10n';
import { joinSentences } from '../core/errors';
import { sliceWhole } from '../core/fieldCaps';
import { formatAge, formatDuration, formatTime, shortenText, taskTitle } from '../core/format';
import { inertMarkdown } from '../core/inertText';
import { describeExpiry, taskLinkExpiry } from '../core/linkExpiry';
import { taskStatusLabel } from '../core/statusVocabulary';
import { TrackedTask } from '../core/trackedTask';
import { hoverThumbnailMarkdown } from './tooltipThumbnail';

// What a task's tree row says: label, description, what a screen reader hears, and the hover's
// Markdown. Free of `vscode` (the provider wraps it), so the benchmark and the unit tests run the
// very code the tree runs.
//
// Tree labels and descriptions are plain text (VS Code renders neither Markdown nor `$(icon)`
// there), so they only need clean, short lines. The tooltip is Markdown: every piece of server
// text in it goes through inertMarkdown, and it is built without theme icons, so no link,
// autolink, image, HTML or icon can come from the server. It is also short whatever the task
// holds: the extension host lexes a tooltip's whole Markdown each time the item is sent to the
// window, in time that grows with the square of its length where brackets, braces and
// parentheses abound (Midjourney permutations and weights): with a 200 000-character prompt in
// the tooltip, VS Code 1.139 took 8 s to show the row, and again at every refresh of the list,
// polling nothing meanwhile.

/** How much of the prompt the hover shows: any real prompt whole, the start of a huge one. */
export const TOOLTIP_PROMPT_MAX = 1000;
/** Every other value in the hover (a failure reason, an error message, a status word). */
export const TOOLTIP_VALUE_MAX = 300;
/** The action word in the row's description. */
const ACTION_MAX = 30;

export function taskItemLabel(t: TrackedTask): string {
  return taskTitle(t.task, t.id);
}

/** "IMAGINE · 57% · 2 min ago", or what went wrong when polling failed. */
export function taskItemDescription(t: TrackedTask, now: number, saved = false): string {
  const parts: string[] = [];
  const task = t.task;
  if (task?.action) {
    parts.push(shortenText(task.action, ACTION_MAX));
  }
  if (task && !task.terminal && task.progress !== null) {
    parts.push(`${task.progress}%`);
  }
  if (t.error && !task?.terminal) {
    parts.push(
      t.error.kind === 'TaskNotFound'
        ? l10n.t('not found')
        : t.error.kind === 'NotConfigured'
          ? l10n.t('provider not configured')
          : l10n.t('error'),
    );
  } else if (t.stuck) {
    parts.push(l10n.t('stuck'));
  }
  if (saved) {
    parts.push(l10n.t('saved'));
  }
  parts.push(formatAge(now - (task?.finishTime ?? task?.submitTime ?? t.addedAt)));
  return parts.join(' · ');
}

/** The task's image as the hovers show it: the grid, or the first of its images. */
export function taskImageUrl(t: TrackedTask): string | null {
  return t.task?.imageUrl ?? t.task?.imageUrls[0] ?? null;
}

/**
 * The hover of a task's row as Markdown for an untrusted MarkdownString without theme icons or
 * HTML. `thumbnail`: what hoverThumbnails.ts fetched for an http: image (null: nothing to show).
 */
export function taskTooltipMarkdown(t: TrackedTask, providerCount: number, extra: { savedTo?: string; now?: number; thumbnail?: string | null } = {}): string {
  const lines: string[] = [];
  const line = (label: string, value: string) => {
    if (value) {
      lines.push(`**${inertMarkdown(label)}:** ${inertMarkdown(shortenText(value, TOOLTIP_VALUE_MAX))}`);
    }
  };
  const task = t.task;
  line(l10n.t('Task'), t.id);
  if (providerCount > 1) {
    line(l10n.t('Provider'), t.provider);
  }
  if (task) {
    const progress = task.progress !== null && !task.terminal ? ` · ${task.progress}%` : '';
    line(l10n.t('Status'), taskStatusLabel(task) + progress);
    line(l10n.t('Action'), task.action);
    line(l10n.t('Submitted'), formatTime(task.submitTime));
    line(l10n.t('Finished'), formatTime(task.finishTime));
    line(l10n.t('Took'), formatDuration(task.startTime ?? task.submitTime, task.finishTime));
    line(l10n.t('Failure reason'), task.failReason ?? '');
    line(l10n.t('Link'), describeExpiry(taskLinkExpiry(task), extra.now ?? Date.now()));
    line(l10n.t('Saved to'), extra.savedTo ?? '');
  } else {
    line(l10n.t('Status'), l10n.t('Not fetched yet'));
  }
  if (t.stuck) {
    line(l10n.t('Note'), l10n.t('No change for a long time: the task may be stuck.'));
  }
  if (t.error) {
    line(l10n.t('Last error'), joinSentences(t.error.message, t.error.hint));
  }
  let md = lines.join('  \n');
  const prompt = task?.prompt ?? task?.promptEn;
  if (prompt) {
    md += `\n\n---\n\n${promptParagraphs(prompt)}\n`;
  }
  return md + hoverThumbnailMarkdown(taskImageUrl(t), extra.thumbnail);
}

/** The prompt's start, its lines as paragraphs (DESCRIBE answers hold four prompts), each inert. */
function promptParagraphs(prompt: string): string {
  const head = prompt.length > TOOLTIP_PROMPT_MAX ? `${sliceWhole(prompt, TOOLTIP_PROMPT_MAX - 1)}…` : prompt;
  return head
    .split(/\r\n|\r|\n/)
    .map((l) => inertMarkdown(l).trim())
    .filter(Boolean)
    .join('\n\n');
}
