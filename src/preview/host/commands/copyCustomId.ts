import * as vscode from 'vscode';
import { buttonsByGroup } from '../../../core/customId';
import { taskTitle } from '../../../core/format';
import { inertLabel } from '../../../core/inertText';
import { Deps } from '../../../deps';
import { copyWithFeedback } from '../../../platform/clipboard';
import { QuickPickFlow, withQuickPickFlow } from '../../../platform/quickPickFlow';
import { resolveTargets } from '../../../tasks/taskTargets';
import { groupTitle } from '../labels';
import { COMMANDS } from '../../../ids';

interface ButtonPick extends vscode.QuickPickItem {
  customId?: string;
}

/** mjTasks.copyCustomId: pick one of the task's buttons (by what it does) and copy its customId. */
export function registerCopyCustomId(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyCustomId, async (arg?: unknown) => {
      // Two questions from the palette (which task, which button) in one input that stays open.
      await withQuickPickFlow((flow) => copyCustomId(deps, arg, flow));
    }),
  );
}

async function copyCustomId(deps: Deps, arg: unknown, flow: QuickPickFlow): Promise<void> {
  const title = vscode.l10n.t('Copy customId');
  const [target] = await resolveTargets(deps, arg, undefined, {
    placeHolder: vscode.l10n.t('Copy a button customId of which task?'),
    title,
    canPickMany: false,
    filter: (t) => !!t.task?.buttons.length,
    flow,
  });
  if (!target) {
    return;
  }
  const buttons = target.task?.buttons ?? [];
  if (!buttons.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This task has no buttons (yet).'));
    return;
  }
  const items: ButtonPick[] = buttonsByGroup(buttons).flatMap((g) => [
    { label: groupTitle(g.group), kind: vscode.QuickPickItemKind.Separator },
    ...g.buttons.map((b) => ({
      // The meaning may quote the server's label; quick picks render `$(icon)` in all three.
      label: inertLabel(b.info.meaning),
      description: inertLabel([b.button.emoji, b.button.label].filter(Boolean).join(' ')),
      detail: inertLabel(b.button.customId),
      customId: b.button.customId,
    })),
  ]);
  const picked = await flow.pick(items, {
    placeHolder: vscode.l10n.t('Copy which button\'s customId?'),
    title: `${title}: ${taskTitle(target.task, target.id)}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked?.customId) {
    await copyWithFeedback(picked.customId, 'customId');
  }
}
