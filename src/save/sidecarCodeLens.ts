import * as vscode from 'vscode';
import { looksLikeSidecar, readSidecar } from '../core/sidecar';
import { COMMANDS } from '../ids';

/** "Track this task again" above a sidecar MJ Tasks saved (any other JSON gets nothing). */
export function registerSidecarCodeLens(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      { pattern: '**/*.json' },
      {
        provideCodeLenses(document) {
          const text = document.getText();
          if (!looksLikeSidecar(text)) return [];
          const read = readSidecar(text);
          if (!read.ok) return [];
          return [
            new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
              title: vscode.l10n.t('Track this task again ({0})', read.ref.taskId),
              command: COMMANDS.retrackSidecar,
              arguments: [document.uri],
            }),
          ];
        },
      },
    ),
  );
}
