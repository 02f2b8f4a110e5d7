import * as vscode from 'vscode';
import { Deps } from '../../deps';
import { COMMANDS } from '../../ids';
import { readSidecarFile, sidecarProblem, trackRefs } from '../sidecarRefs';

/** mjTasks.retrackSidecar: "Track this task again" from a sidecar (its CodeLens, or the active editor). */
export function registerRetrackSidecar(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.retrackSidecar, async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a sidecar JSON file MJ Tasks saved first.'));
        return;
      }
      const read = await readSidecarFile(uri);
      if (!read.ok) {
        void vscode.window.showWarningMessage(sidecarProblem(read));
        return;
      }
      if ((await trackRefs(deps, [read.ref])) > 0) {
        await vscode.commands.executeCommand(COMMANDS.openPreview, read.ref.taskId);
      }
    }),
  );
}
