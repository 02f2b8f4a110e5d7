import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { TaskTreeProvider, TreeNode } from './taskTreeProvider';

/**
 * `mjTasks.revealTasks` (ids, { focus }): shows the view and selects the given tasks' rows, the first
 * one last so it ends selected, with their families opened above them — after a submit, a track from
 * a terminal link or the clipboard. IDs without a row (not tracked, filtered out) are skipped.
 * `focus: false` (a submit from the preview) leaves the keyboard where the user is. Internal: hidden
 * from the palette.
 */
export function registerRevealTasks(context: vscode.ExtensionContext, view: vscode.TreeView<TreeNode>, provider: TaskTreeProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.revealTasks, async (ids: unknown, options?: { focus?: boolean }) => {
      const wanted = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : typeof ids === 'string' ? [ids] : [];
      const shown = [...new Set(wanted)].filter((id) => provider.isShown(id));
      if (shown.length === 0) return;
      const focus = options?.focus !== false;
      // reveal() opens the view itself, focused only when asked. Opening its container by command
      // would always take the focus: a quick pick the user opened meanwhile (the next Imagine)
      // closed under them.
      try {
        // reveal() selects one row at a time: bring the others into view, then select the first.
        for (const id of shown.slice(1).reverse()) {
          await view.reveal(provider.taskNode(id), { select: false, focus: false, expand: true });
        }
        await view.reveal(provider.taskNode(shown[0]), { select: true, focus, expand: true });
      } catch {
        // A row went away (stopped tracking, filtered) between the check and the reveal.
      }
    }),
  );
}
