import * as vscode from 'vscode';

const FEEDBACK_MS = 2000;

/** Copy quietly: a two-second status-bar message, never a toast. */
export async function copyWithFeedback(text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied {0}', what)}`, FEEDBACK_MS);
}
