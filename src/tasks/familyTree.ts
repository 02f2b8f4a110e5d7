import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

/** The view-title toggle: families nested (grid → upscale → …) ⇄ every task on its own row. */
export function registerFamilyTree(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.nestFamilies, () => deps.viewState.setFamilyTree(true)),
    vscode.commands.registerCommand(COMMANDS.unnestFamilies, () => deps.viewState.setFamilyTree(false)),
  );
}
