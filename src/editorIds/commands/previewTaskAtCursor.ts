import * as vscode from 'vscode';
import { Deps } from '../../deps';
import { COMMANDS } from '../../ids';
import { idAtPosition, isScannedDocument } from '../idAtCursor';

/**
 * mjTasks.previewTaskAtCursor (a key in the editor): the preview of the task ID under the cursor.
 * An untracked ID is tracked first, only when the user says so: tracking makes requests.
 */
export function registerPreviewTaskAtCursor(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.previewTaskAtCursor, async () => {
      const editor = vscode.window.activeTextEditor;
      const found = editor && isScannedDocument(editor.document) ? idAtPosition(editor.document, editor.selection.active) : undefined;
      if (!found) {
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(info) No task ID under the cursor.'), 3000);
        return;
      }
      const id = found.match.id;
      if (!deps.store.get(id)) {
        const track = vscode.l10n.t('Track and Preview');
        const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Task {0} is not tracked.', id), track);
        if (choice !== track) return;
        await vscode.commands.executeCommand(COMMANDS.trackTask, { ids: [id] });
        if (!deps.store.get(id)) return;
      }
      await vscode.commands.executeCommand(COMMANDS.openPreview, id);
    }),
  );
}
