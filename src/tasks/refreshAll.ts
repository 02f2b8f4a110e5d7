import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS, VIEWS } from '../ids';

export function registerRefreshAll(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.refreshAll, async () => {
      const ids = deps.store.all().map((t) => t.id);
      if (ids.length) {
        await vscode.window.withProgress({ location: { viewId: VIEWS.tasks } }, () => deps.scheduler.pollNow(ids));
      }
    }),
  );
}
