import * as vscode from 'vscode';
import { formatFilter, parseFilter } from '../core/taskView';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

export function registerFilterTasks(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.filter, async () => {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter Tasks'),
        prompt: vscode.l10n.t('Words to find in prompts or IDs; status:failed, status:running, action:upscale narrow it down. Empty shows all.'),
        value: formatFilter(deps.viewState.filter),
        placeHolder: 'status:failed cat',
      });
      if (value !== undefined) {
        deps.viewState.setFilter(parseFilter(value));
      }
    }),
  );
}
