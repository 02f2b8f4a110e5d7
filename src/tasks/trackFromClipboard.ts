import * as vscode from 'vscode';
import { inertMessage } from '../core/inertText';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { clipboardTaskIds } from './clipboardIds';

/**
 * Tracks the task IDs on the clipboard through Track Task's own path (provider check, provider
 * pick, store, first poll). Nothing usable on it gets a message saying what was there instead.
 */
export function registerTrackFromClipboard(context: vscode.ExtensionContext, _deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.trackFromClipboard, async () => {
      const { ids, problems, empty } = await clipboardTaskIds();
      if (empty) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('The clipboard is empty. Copy a task ID, a /mj/task/<id>/fetch URL or a submit response first.'),
        );
        return;
      }
      if (!ids.length) {
        void vscode.window.showWarningMessage(
          vscode.l10n.t('The clipboard holds no task ID: {0}', inertMessage(problems[0] ?? vscode.l10n.t('No task ID found.'))),
        );
        return;
      }
      await vscode.commands.executeCommand(COMMANDS.trackTask, { ids });
      await vscode.commands.executeCommand(COMMANDS.revealTasks, ids);
    }),
  );
}
