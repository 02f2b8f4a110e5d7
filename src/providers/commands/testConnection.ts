import * as vscode from 'vscode';
import { testConnection } from '../../core/connectionTest';
import { inertMessage } from '../../core/inertText';
import { SETTINGS_SECTION } from '../../core/settingsDefaults';
import { Deps } from '../../deps';
import { providerArgOrPick } from '../pickProvider';
import { COMMANDS, CONTEXT_KEYS } from '../../ids';
import { setContext } from '../../platform/contextKeys';

/** One cheap request; the answer says "reachable, key accepted" or names the problem. */
export function registerTestConnection(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.testConnection, async (providerName?: unknown) => {
      const provider = await providerArgOrPick(deps, providerName, vscode.l10n.t('Test the connection to which provider?'));
      if (!provider) {
        return;
      }
      // Cleared first so that every success is a change: VS Code ticks a walkthrough step when its
      // context key changes, not for a key that was already true.
      setContext(CONTEXT_KEYS.connectionTested, false);
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing {0}…', provider.name), cancellable: true },
        async (_p, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          try {
            return await testConnection(await deps.clients.client(provider.name), abort.signal);
          } finally {
            sub.dispose();
          }
        },
      );
      deps.log.info(`Test connection ${provider.name}: ${result.ok ? 'OK' : 'failed'} in ${result.ms} ms — ${result.summary}`);
      if (result.ok) {
        setContext(CONTEXT_KEYS.connectionTested, true);
        void vscode.window.showInformationMessage(vscode.l10n.t('{0}: OK — {1}', provider.name, inertMessage(result.summary)));
        return;
      }
      const setKey = vscode.l10n.t('Set API Key');
      const settings = vscode.l10n.t('Open Settings');
      const choice = await vscode.window.showErrorMessage(
        vscode.l10n.t('{0}: connection failed — {1}', provider.name, inertMessage(result.summary)),
        setKey,
        settings,
      );
      if (choice === setKey) {
        await vscode.commands.executeCommand(COMMANDS.setApiKey, provider.name);
      } else if (choice === settings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.providers`);
      }
    }),
  );
}
