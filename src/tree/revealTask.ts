import * as vscode from 'vscode';
import { COMMANDS, VIEW_COMMANDS } from '../ids';
import { TaskNode, TaskTreeProvider, TreeNode } from './taskTreeProvider';

/** `mjTasks.revealTask <id>`: shows the task's row, selected, with its family opened above it. */
export function registerRevealTask(context: vscode.ExtensionContext, view: vscode.TreeView<TreeNode>, provider: TaskTreeProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.revealTask, async (id: unknown) => {
      if (typeof id !== 'string' || !provider.isShown(id)) return;
      await vscode.commands.executeCommand(VIEW_COMMANDS.showContainer);
      const node: TaskNode = provider.nodeOf(id);
      try {
        await view.reveal(node, { select: true, focus: false, expand: true });
      } catch {
        // The row went away (stopped tracking, filtered) between the check and the reveal.
      }
    }),
  );
}
