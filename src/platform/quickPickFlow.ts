import * as vscode from 'vscode';

export interface FlowPickOptions {
  readonly placeHolder: string;
  readonly title?: string;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
}

/**
 * Single-choice picks that share one QuickPick, so a command that asks twice (which task, then
 * which button) never closes its input between the questions. With two showQuickPick calls the
 * first one's close hands the focus back to the active editor; when that is a webview, its focus
 * arrives after the second pick has opened and closes it, and the command silently ends.
 */
export class QuickPickFlow implements vscode.Disposable {
  private quickPick: vscode.QuickPick<vscode.QuickPickItem> | undefined;

  /** Shows `items` (replacing the previous step's in place); the accepted item, or undefined on Escape. */
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: FlowPickOptions): Promise<T | undefined> {
    const qp = (this.quickPick ??= vscode.window.createQuickPick());
    qp.value = '';
    qp.title = options.title;
    qp.placeholder = options.placeHolder;
    qp.matchOnDescription = options.matchOnDescription ?? false;
    qp.matchOnDetail = options.matchOnDetail ?? false;
    qp.items = items;
    qp.busy = false;
    return new Promise<T | undefined>((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const settle = (value: T | undefined) => {
        listeners.forEach((l) => l.dispose());
        resolve(value);
      };
      listeners.push(
        qp.onDidAccept(() => {
          const [chosen] = qp.selectedItems;
          if (chosen) {
            settle(chosen as T);
          }
        }),
        qp.onDidHide(() => settle(undefined)),
      );
      qp.show();
    });
  }

  /** Closes the input (if a step left it open) and frees it. */
  dispose(): void {
    this.quickPick?.hide();
    this.quickPick?.dispose();
    this.quickPick = undefined;
  }
}

/** Runs a command's questions in one QuickPickFlow, closed when the command ends however it ends. */
export async function withQuickPickFlow<T>(body: (flow: QuickPickFlow) => Promise<T>): Promise<T> {
  const flow = new QuickPickFlow();
  try {
    return await body(flow);
  } finally {
    flow.dispose();
  }
}
