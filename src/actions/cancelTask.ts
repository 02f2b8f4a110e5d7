import * as vscode from 'vscode';
import { plainText } from '../core/inertText';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { resolveTargets } from '../tasks/taskTargets';
import { errorText, serverLacksEndpoint } from './serverLacks';

/** mjTasks.cancelTask: asks the server to cancel a queued or running task (plus and trueai have it). */
export function registerCancelTask(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.cancelTask, async (arg?: unknown) => {
      const [target] = await resolveTargets(deps, arg, undefined, {
        placeHolder: vscode.l10n.t('Cancel which queued or running task?'),
        canPickMany: false,
        filter: (t) => t.task !== null && !t.task.terminal,
      });
      if (!target) return;
      const provider = plainText(target.provider);
      try {
        const client = await deps.clients.client(target.provider);
        await client.cancel(target.id);
      } catch (e) {
        void vscode.window.showErrorMessage(
          serverLacksEndpoint(e)
            ? vscode.l10n.t('{0} has no way to cancel a task (its server has no cancel endpoint); task {1} runs on.', provider, target.id)
            : vscode.l10n.t('Task {0} was not cancelled: {1}', target.id, plainText(errorText(e))),
        );
        return;
      }
      void deps.scheduler.pollNow([target.id]);
      vscode.window.setStatusBarMessage(`$(debug-stop) ${vscode.l10n.t('{0} was asked to cancel task {1}.', provider, target.id)}`, 5000);
    }),
  );
}
