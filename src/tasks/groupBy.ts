import * as vscode from 'vscode';
import { GroupBy } from '../core/taskView';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

/** View-title toggles (flat ⇄ by status) plus a palette command that offers every grouping. */
export function registerGroupBy(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.groupByStatus, () => deps.viewState.setGroupBy('status')),
    vscode.commands.registerCommand(COMMANDS.showFlat, () => deps.viewState.setGroupBy('none')),
    vscode.commands.registerCommand(COMMANDS.groupBy, async () => {
      const choices: { label: string; value: GroupBy }[] = [
        { label: vscode.l10n.t('No grouping (newest first)'), value: 'none' },
        { label: vscode.l10n.t('By status'), value: 'status' },
        { label: vscode.l10n.t('By provider'), value: 'provider' },
      ];
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({ ...c, description: c.value === deps.viewState.groupBy ? vscode.l10n.t('current') : undefined })),
        { placeHolder: vscode.l10n.t('Group tracked tasks') },
      );
      if (picked) {
        await deps.viewState.setGroupBy(picked.value);
      }
    }),
  );
}
