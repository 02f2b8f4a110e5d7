import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

export function registerClearFinished(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.clearFinished, () => {
      const removed = deps.store.clearFinished();
      vscode.window.setStatusBarMessage(
        removed.length ? vscode.l10n.t('Finished tasks cleared: {0}.', removed.length) : vscode.l10n.t('No finished task to clear.'),
        2000,
      );
    }),
  );
}
