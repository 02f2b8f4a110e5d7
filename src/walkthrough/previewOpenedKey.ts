import * as vscode from 'vscode';
import { CONTEXT_KEYS, PREVIEW_VIEW_TYPE } from '../ids';
import { setContext } from '../platform/contextKeys';

/**
 * `mjTasks.previewOpen`: whether a preview tab is open — the walkthrough's "Open the preview" step.
 * Read from the tabs, not from the Open Preview command: a click on a tree row runs that command
 * through VS Code's argument delegation, which the walkthrough never sees by name. A step is
 * ticked when its key changes, so closing every preview sets it back to false.
 */
export function registerPreviewOpenedKey(context: vscode.ExtensionContext): void {
  let open: boolean | undefined;
  const sync = () => {
    const now = vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PREVIEW_VIEW_TYPE)),
    );
    if (now !== open) {
      open = now;
      setContext(CONTEXT_KEYS.previewOpen, now);
    }
  };
  sync();
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs(sync));
}
