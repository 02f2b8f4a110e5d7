import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { TaskTreeProvider, TreeNode } from './taskTreeProvider';

/**
 * `mjTasks.revealTasks` (ids): shows the view and selects the given tasks' rows, the first one
 * focused — after a track from a terminal link or the clipboard. IDs not tracked (or hidden by the
 * filter) are skipped. Internal: hidden from the palette.
 */
export function registerRevealTasks(context: vscode.ExtensionContext, deps: Deps, view: vscode.TreeView<TreeNode>, provider: TaskTreeProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.revealTasks, async (ids: unknown) => {
      const wanted = new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : typeof ids === 'string' ? [ids] : []);
      const shown = provider.currentView().groups.flatMap((g) => g.ids).filter((id) => wanted.has(id) && deps.store.get(id));
      // reveal() selects one row at a time: bring the others into view, then select the first.
      for (const id of shown.slice(1).reverse()) {
        await view.reveal(provider.taskNode(id), { select: false, focus: false, expand: true });
      }
      if (shown.length) {
        await view.reveal(provider.taskNode(shown[0]), { select: true, focus: true, expand: true });
      }
    }),
  );
}
