import * as vscode from 'vscode';
import { validateKeyInput } from '../keyInput';
import { validateBaseUrl } from '../../core/baseUrl';
import { AuthScheme } from '../../core/types';
import { Deps } from '../../deps';
import { authChoices } from '../authChoices';
import { COMMANDS } from '../../ids';

/**
 * A guided input: name, base URL, auth scheme (each with a sentence on which servers use it), key.
 * Nothing is saved until every step is answered, so Escape halfway leaves settings untouched.
 */
export function registerAddProvider(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.addProvider, async () => {
      const title = vscode.l10n.t('Add Midjourney-proxy Provider');
      const existing = new Set(deps.providers.list().map((p) => p.name));
      const name = await vscode.window.showInputBox({
        title: `${title} (1/4)`,
        prompt: vscode.l10n.t('A short name for this server or relay, shown in the task list.'),
        placeHolder: vscode.l10n.t('e.g. DMXAPI, Home proxy'),
        ignoreFocusOut: true,
        validateInput: (v) =>
          !v.trim()
            ? vscode.l10n.t('Enter a name.')
            : existing.has(v.trim())
              ? vscode.l10n.t('A provider named "{0}" exists already.', v.trim())
              : undefined,
      });
      if (name === undefined) {
        return;
      }
      const baseUrl = await vscode.window.showInputBox({
        title: `${title} (2/4)`,
        prompt: vscode.l10n.t('The API root: tasks are fetched from <base URL>/mj/task/<id>/fetch. Mode prefixes such as /mj-relax are fine.'),
        placeHolder: 'https://api.example.com',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? validateBaseUrl(v.trim()) ?? undefined : vscode.l10n.t('Enter the base URL.')),
      });
      if (baseUrl === undefined) {
        return;
      }
      const auth = await vscode.window.showQuickPick(authChoices(), {
        title: `${title} (3/4)`,
        placeHolder: vscode.l10n.t('How does this server expect the API key?'),
        ignoreFocusOut: true,
        matchOnDetail: true,
      });
      if (!auth) {
        return;
      }
      let key: string | undefined;
      if (auth.scheme !== 'none') {
        key = await vscode.window.showInputBox({
          title: `${title} (4/4)`,
          prompt: vscode.l10n.t('The API key. It is kept in VS Code secret storage, never in settings.'),
          password: true,
          ignoreFocusOut: true,
          validateInput: validateKeyInput,
        });
        if (key === undefined) {
          return;
        }
      }
      const provider = { name: name.trim(), baseUrl: baseUrl.trim(), auth: auth.scheme as AuthScheme };
      if (key) {
        await deps.providers.setKey(provider.name, key);
      }
      if (!(await deps.providers.save(provider, existing.size === 0))) {
        if (key) {
          await deps.providers.deleteKey(provider.name);
        }
        void vscode.window.showErrorMessage(
          vscode.l10n.t('The setting mjTasks.providers is not a list, so "{0}" was not added. Fix it in settings.json, then add the provider again.', provider.name),
        );
        return;
      }
      await vscode.commands.executeCommand(COMMANDS.testConnection, provider.name);
    }),
  );
}
