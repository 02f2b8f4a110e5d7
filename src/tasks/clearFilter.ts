import * as vscode from 'vscode';
import { NO_FILTER } from '../core/taskView';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

export function registerClearFilter(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.clearFilter, () => deps.viewState.setFilter(NO_FILTER)));
}
