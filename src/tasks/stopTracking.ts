import * as vscode from 'vscode';
import { Deps } from '../deps';
import { resolveTargets } from './taskTargets';
import { COMMANDS } from '../ids';

export function registerStopTracking(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.stopTracking, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Stop tracking which tasks?'),
        canPickMany: true,
      });
      if (targets.length) {
        deps.store.remove(targets.map((t) => t.id));
        vscode.window.setStatusBarMessage(vscode.l10n.t('Tasks no longer tracked: {0}.', targets.length), 2000);
      }
    }),
  );
}
