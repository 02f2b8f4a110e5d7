import * as vscode from 'vscode';
import { Deps } from '../deps';
import { resolveTargets } from './taskTargets';
import { COMMANDS } from '../ids';

export function registerRefresh(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.refresh, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Refresh which tasks?'),
        canPickMany: true,
      });
      if (targets.length) {
        await deps.scheduler.pollNow(targets.map((t) => t.id));
      }
    }),
  );
}
