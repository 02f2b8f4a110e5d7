import * as vscode from 'vscode';
import { Deps } from '../../deps';
import { providerArgOrPick } from '../pickProvider';
import { COMMANDS } from '../../ids';

export function registerRemoveApiKey(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.removeApiKey, async (providerName?: unknown) => {
      const provider = await providerArgOrPick(deps, providerName, vscode.l10n.t('Remove the API key of which provider?'));
      if (!provider) {
        return;
      }
      await deps.providers.deleteKey(provider.name);
      vscode.window.setStatusBarMessage(`$(key) ${vscode.l10n.t('API key of {0} removed.', provider.name)}`, 2000);
    }),
  );
}
