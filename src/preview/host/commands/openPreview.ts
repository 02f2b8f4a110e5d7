import * as vscode from 'vscode';
import { resolveTargets } from '../../../tasks/taskTargets';
import { PreviewHost, PreviewPanel } from '../previewPanel';
import { COMMANDS } from '../../../ids';

/**
 * mjTasks.openPreview: from a tree click (a node; focus stays in the tree so arrowing through the
 * list previews each task), from the completion notification (an ID), or from the palette (pick).
 */
export function registerOpenPreview(context: vscode.ExtensionContext, host: PreviewHost): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openPreview, async (arg?: unknown) => {
      const fromTree = typeof arg === 'object' && arg !== null;
      if (typeof arg === 'string' && !host.deps.store.get(arg)) {
        // An ID that is not tracked (any more): still open, so the preview says so plainly.
        PreviewPanel.createOrShow(host, arg, false);
        return;
      }
      const [target] = await resolveTargets(host.deps, arg, undefined, {
        placeHolder: vscode.l10n.t('Preview which task?'),
        canPickMany: false,
      });
      if (target) {
        PreviewPanel.createOrShow(host, target.id, fromTree);
      }
    }),
  );
}
