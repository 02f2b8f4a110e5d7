import * as vscode from 'vscode';
import { buttonsByGroup } from '../core/customId';
import { taskTitle } from '../core/format';
import { inertLabel } from '../core/inertText';
import { TaskButton } from '../core/types';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { QuickPickFlow, withQuickPickFlow } from '../platform/quickPickFlow';
import { groupTitle } from '../preview/host/labels';
import { resolveTargets } from '../tasks/taskTargets';
import { pressButton } from './buttonPress';

interface ButtonPick extends vscode.QuickPickItem {
  button?: TaskButton;
}

/** From code: `{ id, customId }` presses that button of that tracked task without asking which. */
type PressArgs = { id?: unknown; customId?: unknown };

/** mjTasks.pressButton: pick a finished task (from the palette), then one of its buttons by what it does. */
export function registerPressButton(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.pressButton, async (arg?: unknown) => {
      await withQuickPickFlow((flow) => pressFromPick(deps, arg, flow));
    }),
  );
}

async function pressFromPick(deps: Deps, arg: unknown, flow: QuickPickFlow): Promise<void> {
  const title = vscode.l10n.t('Press Button');
  const direct = arg && typeof arg === 'object' && typeof (arg as PressArgs).id === 'string' ? (arg as PressArgs) : undefined;
  const [target] = await resolveTargets(deps, direct ? direct.id : arg, undefined, {
    placeHolder: vscode.l10n.t('Press a button of which finished task?'),
    title,
    canPickMany: false,
    filter: (t) => t.task?.status === 'SUCCESS' && t.task.buttons.length > 0,
    flow,
  });
  if (!target) return;
  const buttons = target.task?.status === 'SUCCESS' ? target.task.buttons : [];
  if (!buttons.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This task has no buttons to press: only a finished task has them.'));
    return;
  }
  let button = typeof direct?.customId === 'string' ? buttons.find((b) => b.customId === direct.customId) : undefined;
  if (!button) {
    const items: ButtonPick[] = buttonsByGroup(buttons).flatMap((g) => [
      { label: groupTitle(g.group), kind: vscode.QuickPickItemKind.Separator },
      ...g.buttons.map((b) => ({
        label: inertLabel(b.info.meaning),
        description: inertLabel([b.button.emoji, b.button.label].filter(Boolean).join(' ')),
        detail: inertLabel(b.button.customId),
        button: b.button,
      })),
    ]);
    const picked = await flow.pick(items, {
      placeHolder: vscode.l10n.t('Press which button? Each press is one billed job.'),
      title: `${title}: ${taskTitle(target.task, target.id)}`,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    button = picked?.button;
  }
  if (!button) return;
  flow.dispose();
  await pressButton(deps, target, button);
}
