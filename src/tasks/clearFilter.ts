import * as vscode from 'vscode';
import { NO_FILTER } from '../core/taskView';
import { Deps } from '../deps';

export function registerClearFilter(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('mjTasks.clearFilter', () => deps.viewState.setFilter(NO_FILTER)));
}
