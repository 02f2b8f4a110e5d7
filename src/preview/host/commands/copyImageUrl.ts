import * as vscode from 'vscode';
import { Task } from '../../../core/types';
import { Deps } from '../../../deps';
import { copyWithFeedback } from '../../../platform/clipboard';
import { resolveTargets } from '../../../tasks/taskTargets';
import { COMMANDS } from '../../../ids';

function imageOf(task: Task | null): string | undefined {
  return task?.imageUrl ?? task?.imageUrls[0];
}

/** mjTasks.copyImageUrl: the task's image URL (the grid or upscale), or its first of imageUrls. */
export function registerCopyImageUrl(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyImageUrl, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Copy the image URL of which task?'),
        canPickMany: false,
        filter: (t) => !!imageOf(t.task),
      });
      const urls = targets.map((t) => imageOf(t.task)).filter((u): u is string => !!u);
      if (urls.length) {
        await copyWithFeedback(urls.join('\n'), vscode.l10n.t('image URL'));
      } else if (targets.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This task has no image (yet).'));
      }
    }),
  );
}
