import * as vscode from 'vscode';
import { Deps } from '../deps';
import { copyWithFeedback } from '../platform/clipboard';
import { resolveTargets } from './taskTargets';
import { COMMANDS } from '../ids';

export function registerCopyTaskId(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyTaskId, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Copy the ID of which task?'),
        canPickMany: false,
      });
      if (targets.length) {
        await copyWithFeedback(targets.map((t) => t.id).join('\n'), vscode.l10n.t('task ID'));
      }
    }),
  );
}
