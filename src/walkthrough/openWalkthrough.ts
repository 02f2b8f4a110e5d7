import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS, WALKTHROUGH_ID } from '../ids';
import { registerPreviewOpenedKey } from './previewOpenedKey';

/**
 * "Get Started with MJ Tasks": opens the first-run walkthrough (package.json `walkthroughs`), and
 * the context key its last step is ticked by.
 */
export function registerOpenWalkthrough(context: vscode.ExtensionContext, _deps: Deps): void {
  registerPreviewOpenedKey(context);
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openWalkthrough, () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
    ),
  );
}
