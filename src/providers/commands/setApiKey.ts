import * as vscode from 'vscode';
import { validateKeyInput } from '../keyInput';
import { Deps } from '../../deps';
import { providerArgOrPick } from '../pickProvider';
import { COMMANDS } from '../../ids';

export function registerSetApiKey(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.setApiKey, async (providerName?: unknown) => {
      const provider = await providerArgOrPick(deps, providerName, vscode.l10n.t('Set the API key of which provider?'));
      if (!provider) {
        if (!deps.providers.list().length) {
          await vscode.commands.executeCommand(COMMANDS.addProvider);
        }
        return;
      }
      const key = await vscode.window.showInputBox({
        title: vscode.l10n.t('API Key for {0}', provider.name),
        prompt: vscode.l10n.t('Kept in VS Code secret storage, never in settings or logs.'),
        password: true,
        ignoreFocusOut: true,
        validateInput: validateKeyInput,
      });
      if (key === undefined) {
        return;
      }
      await deps.providers.setKey(provider.name, key);
      vscode.window.setStatusBarMessage(`$(key) ${vscode.l10n.t('API key of {0} saved.', provider.name)}`, 2000);
      await vscode.commands.executeCommand(COMMANDS.testConnection, provider.name);
    }),
  );
}
