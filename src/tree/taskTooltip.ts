import * as vscode from 'vscode';
import { joinSentences } from '../core/errors';
import { formatDuration, formatTime } from '../core/format';
import { TrackedTask } from '../core/trackedTask';
import { taskStatusLabel } from '../core/statusVocabulary';
import { thumbnailMarkdown } from './tooltipThumbnail';

/**
 * Server text goes in with appendText (escaped, never interpreted); the string is untrusted and
 * without HTML support, so a hostile prompt cannot run a command link or markup.
 */
export function taskTooltip(t: TrackedTask, providerCount: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  const task = t.task;
  const line = (label: string, value: string) => {
    if (value) {
      md.appendMarkdown(`**${label}:** `);
      md.appendText(value);
      md.appendMarkdown('  \n');
    }
  };
  line(vscode.l10n.t('Task'), t.id);
  if (providerCount > 1) {
    line(vscode.l10n.t('Provider'), t.provider);
  }
  if (task) {
    const progress = task.progress !== null && !task.terminal ? ` · ${task.progress}%` : '';
    line(vscode.l10n.t('Status'), taskStatusLabel(task) + progress);
    line(vscode.l10n.t('Action'), task.action);
    line(vscode.l10n.t('Submitted'), formatTime(task.submitTime));
    line(vscode.l10n.t('Finished'), formatTime(task.finishTime));
    line(vscode.l10n.t('Took'), formatDuration(task.startTime ?? task.submitTime, task.finishTime));
    line(vscode.l10n.t('Failure reason'), task.failReason ?? '');
  } else {
    line(vscode.l10n.t('Status'), vscode.l10n.t('Not fetched yet'));
  }
  if (t.stuck) {
    line(vscode.l10n.t('Note'), vscode.l10n.t('No change for a long time: the task may be stuck.'));
  }
  if (t.error) {
    line(vscode.l10n.t('Last error'), joinSentences(t.error.message, t.error.hint));
  }
  const prompt = task?.prompt ?? task?.promptEn;
  if (prompt) {
    md.appendMarkdown('\n---\n\n');
    md.appendText(prompt);
    md.appendMarkdown('\n');
  }
  const thumbnail = thumbnailMarkdown(task?.imageUrl ?? task?.imageUrls[0] ?? null);
  if (thumbnail) {
    md.appendMarkdown(thumbnail);
  }
  return md;
}
