import * as vscode from 'vscode';
import { plainText } from '../core/inertText';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { JobInputs } from './jobInputs';

/**
 * The provider a new job goes to: the only one, or the user's pick (default first) in the
 * command's own input. Undefined when there is none (the user is offered Add Provider) or on Escape.
 */
export async function jobProvider(deps: Deps, inputs: JobInputs, title: string): Promise<string | undefined> {
  const all = deps.providers.list();
  if (!all.length) {
    const add = vscode.l10n.t('Add Provider');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Add a provider first: the server or relay the job is sent to.'), add);
    if (choice === add) await vscode.commands.executeCommand(COMMANDS.addProvider);
    return undefined;
  }
  if (all.length === 1) return all[0].name;
  const def = deps.providers.defaultProvider();
  const ordered = def ? [def, ...all.filter((p) => p.name !== def.name)] : all;
  const picked = await inputs.pickOne(
    title,
    vscode.l10n.t('Which provider should run it? (billed to that account)'),
    ordered.map((p) => ({ label: plainText(p.name), description: p === def ? vscode.l10n.t('default') : undefined, detail: p.baseUrl, name: p.name })),
  );
  return picked?.name;
}
