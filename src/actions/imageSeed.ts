import * as vscode from 'vscode';
import { plainText } from '../core/inertText';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { copyWithFeedback } from '../platform/clipboard';
import { resolveTargets } from '../tasks/taskTargets';
import { errorText, serverLacksEndpoint } from './serverLacks';

/** mjTasks.imageSeed: reads a finished task's Midjourney seed (plus, trueai, gateways) and offers to copy it. */
export function registerImageSeed(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.imageSeed, async (arg?: unknown) => {
      const [target] = await resolveTargets(deps, arg, undefined, {
        placeHolder: vscode.l10n.t('Get the image seed of which finished task?'),
        canPickMany: false,
        filter: (t) => t.task?.status === 'SUCCESS',
      });
      if (!target) return;
      const provider = plainText(target.provider);
      let seed: string;
      try {
        const client = await deps.clients.client(target.provider);
        seed = plainText(await client.imageSeed(target.id));
      } catch (e) {
        void vscode.window.showErrorMessage(
          serverLacksEndpoint(e)
            ? vscode.l10n.t('{0} cannot tell image seeds (its server has no image-seed endpoint).', provider)
            : vscode.l10n.t('The seed of task {0} could not be read: {1}', target.id, plainText(errorText(e))),
        );
        return;
      }
      const copy = vscode.l10n.t('Copy');
      const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Seed of task {0}: {1}', target.id, seed), copy);
      if (choice === copy) await copyWithFeedback(seed, vscode.l10n.t('seed'));
    }),
  );
}
