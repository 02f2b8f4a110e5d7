import * as vscode from 'vscode';
import { saveSources } from '../core/saveParts';
import { TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { Announcer } from '../notifications/announcer';
import { saveFolder } from './saveFolder';
import { saveResult } from './saveResult';

// mjTasks.autoSave: every task that succeeds is saved as it finishes (its whole image, and its
// videos), into the save folder, with one notification per batch at most. Only the window that
// announces completions saves (the poll-lease holder, as for the notifications), so two windows
// never save the same task twice.

export function registerAutoSave(context: vscode.ExtensionContext, deps: Deps): void {
  const saveBatch = async (tasks: TrackedTask[]) => {
    let folder: string | undefined;
    try {
      folder = await saveFolder(deps, context.workspaceState, false);
    } catch (e) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Auto-save is on, but: {0}', e instanceof Error ? e.message : String(e)));
      return;
    }
    if (!folder) return;
    const saved: string[] = [];
    const failed: string[] = [];
    for (const t of tasks) {
      const sources = saveSources(t.task).filter((s) => s.id === 'image' || s.kind === 'video');
      for (const source of sources.length ? sources : saveSources(t.task).slice(0, 1)) {
        try {
          saved.push((await saveResult(deps, t, source, folder)).relative);
        } catch (e) {
          failed.push(t.id);
          deps.log.warn(`Auto-save of task ${t.id} failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    if (!saved.length && !failed.length) return;
    const message = failed.length
      ? vscode.l10n.t('Auto-saved {0} files; {1} could not be saved (see the MJ Tasks output).', saved.length, failed.length)
      : saved.length === 1
        ? vscode.l10n.t('Auto-saved {0} and its sidecar.', saved[0])
        : vscode.l10n.t('Auto-saved {0} files and their sidecars.', saved.length);
    void vscode.window.showInformationMessage(message);
  };
  const announcer = new Announcer({
    store: deps.store,
    isHolder: () => deps.pollLease.isHolder,
    ledger: undefined,
    wanted: (finished) =>
      deps.settings.get('autoSave') === true ? finished.filter((t) => t.task?.status === 'SUCCESS' && !deps.saved.isSaved(t.id)) : [],
    show: (tasks) => void saveBatch(tasks),
  });
  context.subscriptions.push(announcer, deps.pollLease.onDidChange(() => announcer.announcePending()));
}
