import * as vscode from 'vscode';
import { AnnounceLedger } from '../core/announceLedger';
import { shortenText, taskTitle } from '../core/format';
import { inertMessage } from '../core/inertText';
import { NotificationLevel } from '../core/settingsDefaults';
import { TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { COMMANDS, VIEW_COMMANDS } from '../ids';
import { copyWithFeedback } from '../platform/clipboard';
import { sharedFolder } from '../polling/sharedFolder';
import { Announcer } from './announcer';
import { NoticeAction, NoticeFailureReport, offerActions } from './noticeActions';

/** More than this many finishing in one poll round get one summary instead of a toast each. */
const SUMMARY_THRESHOLD = 2;
/** A failure reason in a toast: a sentence or two (the preview shows it whole). */
const REASON_MAX = 300;

function level(deps: Deps): NotificationLevel {
  const v = deps.settings.get('notifications');
  return v === 'failures' || v === 'off' ? v : 'all';
}

function failureReport(deps: Deps): NoticeFailureReport {
  return {
    log: (m) => deps.log.error(m),
    tellUser: (label, reason) =>
      void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" did not work: {1}', label, inertMessage(reason))),
  };
}

function command(label: string, id: string, ...args: unknown[]): NoticeAction {
  return { label, run: () => vscode.commands.executeCommand(id, ...args) };
}

function notifyOne(t: TrackedTask, report: NoticeFailureReport): Promise<void> {
  const task = t.task!;
  // Prompts and failure reasons come from the server: no links in them may reach the toast.
  const title = inertMessage(taskTitle(task, t.id, 50));
  const preview = command(vscode.l10n.t('Open Preview'), COMMANDS.openPreview, t.id);
  if (task.status === 'SUCCESS') {
    const image = task.imageUrl ?? task.imageUrls[0];
    const actions: NoticeAction[] = image
      ? [preview, { label: vscode.l10n.t('Copy Image URL'), run: () => copyWithFeedback(image, vscode.l10n.t('image URL')) }]
      : [preview];
    const message = vscode.l10n.t('Midjourney task finished: {0}', title);
    return offerActions((labels) => vscode.window.showInformationMessage(message, ...labels), actions, report);
  }
  const message =
    task.status === 'CANCEL'
      ? vscode.l10n.t('Midjourney task cancelled: {0}', title)
      : vscode.l10n.t('Midjourney task failed: {0} — {1}', title, inertMessage(shortenText(task.failReason ?? vscode.l10n.t('no reason given'), REASON_MAX)));
  const diagnostics = command(vscode.l10n.t('Copy Diagnostics'), COMMANDS.copyDiagnostics, t.id);
  return offerActions((labels) => vscode.window.showWarningMessage(message, ...labels), [preview, diagnostics], report);
}

function notifySummary(tasks: TrackedTask[], report: NoticeFailureReport): Promise<void> {
  const ok = tasks.filter((t) => t.task?.status === 'SUCCESS').length;
  const message = vscode.l10n.t('{0} Midjourney tasks finished: {1} succeeded, {2} failed or cancelled.', tasks.length, ok, tasks.length - ok);
  const show = command(vscode.l10n.t('Show Tasks'), VIEW_COMMANDS.focusTasks);
  return offerActions((labels) => vscode.window.showInformationMessage(message, ...labels), [show], report);
}

/**
 * One quiet notification per task that finished while tracked (or a summary); switchable off.
 * Announced by the window that polls for all windows only, once across them (announcer.ts).
 */
export function registerCompletionNotifier(context: vscode.ExtensionContext, deps: Deps): void {
  const report = failureReport(deps);
  const files = sharedFolder(context);
  const announcer = new Announcer({
    store: deps.store,
    isHolder: () => deps.pollLease.isHolder,
    ledger: files ? new AnnounceLedger(files, { log: (m) => deps.log.warn(m) }) : undefined,
    wanted: (finished) => {
      const mode = level(deps);
      return finished.filter((t) => mode === 'all' || (mode === 'failures' && t.task?.status !== 'SUCCESS'));
    },
    // offerActions never rejects: each notice settles on its own.
    show: (tasks) => {
      if (tasks.length > SUMMARY_THRESHOLD) {
        void notifySummary(tasks, report);
      } else {
        tasks.forEach((t) => void notifyOne(t, report));
      }
    },
  });
  context.subscriptions.push(
    announcer,
    deps.pollLease.onDidChange(() => announcer.announcePending()),
  );
}
