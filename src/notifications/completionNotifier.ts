import * as vscode from 'vscode';
import { inertLinks, taskTitle } from '../core/format';
import { NotificationLevel } from '../core/settingsDefaults';
import { TrackedTask } from '../core/taskStore';
import { Deps } from '../deps';
import { COMMANDS, VIEW_COMMANDS } from '../ids';
import { copyWithFeedback } from '../platform/clipboard';

/** More than this many finishing in one poll round get one summary instead of a toast each. */
const SUMMARY_THRESHOLD = 2;

function level(deps: Deps): NotificationLevel {
  const v = deps.settings.get('notifications');
  return v === 'failures' || v === 'off' ? v : 'all';
}

async function notifyOne(t: TrackedTask): Promise<void> {
  const task = t.task!;
  // Prompts and failure reasons come from the server: no links in them may reach the toast.
  const title = inertLinks(taskTitle(task, t.id, 50));
  const preview = vscode.l10n.t('Open Preview');
  if (task.status === 'SUCCESS') {
    const copy = vscode.l10n.t('Copy Image URL');
    const image = task.imageUrl ?? task.imageUrls[0];
    const actions = image ? [preview, copy] : [preview];
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Midjourney task finished: {0}', title), ...actions);
    if (choice === preview) {
      await vscode.commands.executeCommand(COMMANDS.openPreview, t.id);
    } else if (choice === copy && image) {
      await copyWithFeedback(image, vscode.l10n.t('image URL'));
    }
    return;
  }
  const diagnostics = vscode.l10n.t('Copy Diagnostics');
  const message =
    task.status === 'CANCEL'
      ? vscode.l10n.t('Midjourney task cancelled: {0}', title)
      : vscode.l10n.t('Midjourney task failed: {0} — {1}', title, inertLinks(task.failReason ?? vscode.l10n.t('no reason given')));
  const choice = await vscode.window.showWarningMessage(message, preview, diagnostics);
  if (choice === preview) {
    await vscode.commands.executeCommand(COMMANDS.openPreview, t.id);
  } else if (choice === diagnostics) {
    await vscode.commands.executeCommand(COMMANDS.copyDiagnostics, t.id);
  }
}

async function notifySummary(tasks: TrackedTask[]): Promise<void> {
  const ok = tasks.filter((t) => t.task?.status === 'SUCCESS').length;
  const show = vscode.l10n.t('Show Tasks');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} Midjourney tasks finished: {1} succeeded, {2} failed or cancelled.', tasks.length, ok, tasks.length - ok),
    show,
  );
  if (choice === show) {
    await vscode.commands.executeCommand(VIEW_COMMANDS.focusTasks);
  }
}

/** One quiet notification per task that finished while tracked (or a summary); switchable off. */
export function registerCompletionNotifier(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    deps.store.onDidFinish((finished) => {
      const mode = level(deps);
      const wanted = finished.filter((t) => t.task && (mode === 'all' || (mode === 'failures' && t.task.status !== 'SUCCESS')));
      if (mode === 'off' || !wanted.length) {
        return;
      }
      if (wanted.length > SUMMARY_THRESHOLD) {
        void notifySummary(wanted);
      } else {
        wanted.forEach((t) => void notifyOne(t));
      }
    }),
  );
}
