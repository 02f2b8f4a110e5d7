import * as vscode from 'vscode';
import { Deps } from '../../deps';
import { providerArgOrPick } from '../pickProvider';
import { COMMANDS } from '../../ids';

export function registerRemoveProvider(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.removeProvider, async (providerName?: unknown) => {
      const provider = await providerArgOrPick(deps, providerName, vscode.l10n.t('Remove which provider?'));
      if (!provider) {
        return;
      }
      const tracked = deps.store.all().filter((t) => t.provider === provider.name).length;
      const remove = vscode.l10n.t('Remove');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Remove the provider "{0}" and its API key? Tracked tasks on it ({1}) stay in the list but can no longer be refreshed.', provider.name, tracked),
        { modal: true },
        remove,
      );
      if (choice === remove) {
        await deps.providers.remove(provider.name);
      }
    }),
  );
}
