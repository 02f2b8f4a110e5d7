import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS, WALKTHROUGH_ID } from '../ids';

/** "Get Started with MJ Tasks": opens the first-run walkthrough (package.json `walkthroughs`). */
export function registerOpenWalkthrough(context: vscode.ExtensionContext, _deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
