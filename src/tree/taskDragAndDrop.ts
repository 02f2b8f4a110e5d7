import * as vscode from 'vscode';
import { TreeNode } from './taskTreeProvider';

/** Dragging tasks into an editor drops their IDs as text, one per line. */
export class TaskDragAndDrop implements vscode.TreeDragAndDropController<TreeNode> {
  readonly dragMimeTypes = ['text/plain'];
  readonly dropMimeTypes: string[] = [];

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const ids = source.filter((n) => n.kind === 'task').map((n) => (n.kind === 'task' ? n.id : ''));
    if (ids.length) {
      dataTransfer.set('text/plain', new vscode.DataTransferItem(ids.join('\n')));
    }
  }
}
