import * as vscode from 'vscode';
import { Deps } from '../../../deps';
import { copyWithFeedback } from '../../../platform/clipboard';
import { resolveTargets } from '../../../tasks/taskTargets';
import { COMMANDS } from '../../../ids';

/** mjTasks.copyFinalPrompt: the prompt Midjourney actually ran (with its defaults), ready to reuse. */
export function registerCopyFinalPrompt(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyFinalPrompt, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Copy the finalPrompt of which task?'),
        canPickMany: false,
        filter: (t) => !!t.task?.finalPrompt,
      });
      const prompts = targets.map((t) => t.task?.finalPrompt).filter((p): p is string => !!p);
      if (prompts.length) {
        await copyWithFeedback(prompts.join('\n'), 'finalPrompt');
      } else if (targets.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The server has not reported a finalPrompt for this task (yet).'));
      }
    }),
  );
}
