import * as vscode from 'vscode';
import { Deps } from '../deps';

export function registerRefreshAll(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('mjTasks.refreshAll', async () => {
      const ids = deps.store.all().map((t) => t.id);
      if (ids.length) {
        await vscode.window.withProgress({ location: { viewId: 'mjTasks.tasks' } }, () => deps.scheduler.pollNow(ids));
      }
    }),
  );
}
