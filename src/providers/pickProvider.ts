import * as vscode from 'vscode';
import { Deps } from '../deps';
import { Provider } from './provider';

/** Asks only when there is a choice to make; the default provider comes first. */
export async function pickProvider(deps: Deps, placeHolder?: string): Promise<Provider | undefined> {
  const all = deps.providers.list();
  if (all.length <= 1) {
    return all[0];
  }
  const def = deps.providers.defaultProvider();
  const ordered = def ? [def, ...all.filter((p) => p.name !== def.name)] : all;
  const picked = await vscode.window.showQuickPick(
    ordered.map((p) => ({
      label: p.name,
      description: p === def ? vscode.l10n.t('default') : undefined,
      detail: p.baseUrl,
      provider: p,
    })),
    { placeHolder: placeHolder ?? vscode.l10n.t('Which provider are these tasks on?'), ignoreFocusOut: true },
  );
  return picked?.provider;
}

/** The provider a command was given by name (from another command or a button), else ask. */
export async function providerArgOrPick(deps: Deps, providerName: unknown, placeHolder: string): Promise<Provider | undefined> {
  return typeof providerName === 'string' ? deps.providers.get(providerName) : pickProvider(deps, placeHolder);
}
