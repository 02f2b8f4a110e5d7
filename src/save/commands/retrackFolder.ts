import * as vscode from 'vscode';
import { SidecarRef } from '../../core/sidecar';
import { looksLikeSidecar } from '../../core/sidecar';
import { Deps } from '../../deps';
import { COMMANDS } from '../../ids';
import { MAX_SIDECAR_BYTES, readSidecarFile, trackRefs } from '../sidecarRefs';

/** How many JSON files one folder is searched for: a folder of saved results, not a whole repository. */
const MAX_FILES = 5000;

/** mjTasks.retrackFolder: every sidecar in a folder (Explorer context menu), tracked again at once. */
export function registerRetrackFolder(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.retrackFolder, async (arg?: unknown) => {
      const folder =
        arg instanceof vscode.Uri
          ? arg
          : (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: vscode.l10n.t('Track the tasks of the sidecars in which folder?') }))?.[0];
      if (!folder) return;
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.json'), '**/node_modules/**', MAX_FILES);
      const refs = new Map<string, SidecarRef>();
      for (const file of files) {
        try {
          const head = new TextDecoder().decode((await vscode.workspace.fs.readFile(file)).subarray(0, MAX_SIDECAR_BYTES));
          if (!looksLikeSidecar(head)) continue;
          const read = await readSidecarFile(file);
          if (read.ok) refs.set(read.ref.taskId, read.ref);
        } catch (e) {
          deps.log.warn(`Re-track: skipped ${file.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      if (!refs.size) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No sidecar MJ Tasks saved is in this folder.'));
        return;
      }
      const tracked = await trackRefs(deps, [...refs.values()]);
      void vscode.window.showInformationMessage(vscode.l10n.t('Tracking the tasks of {0} sidecars again ({1} tracked).', refs.size, tracked));
    }),
  );
}
