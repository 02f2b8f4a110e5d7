import * as vscode from 'vscode';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { JobInputs } from './jobInputs';
import { jobProvider } from './jobProvider';

/** The prompt selected in the active editor, if any. */
function selectedPrompt(): string {
  const editor = vscode.window.activeTextEditor;
  return editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
}

/**
 * mjTasks.shortenPrompt: the prompt selected in the editor (else typed) → /mj/submit/shorten; the
 * SHORTEN task's preview lists the shorter prompts it suggests.
 */
export function registerShortenPrompt(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.shortenPrompt, async () => {
      const title = vscode.l10n.t('Shorten');
      let prompt = selectedPrompt();
      if (!prompt) {
        prompt =
          (await vscode.window.showInputBox({
            title,
            prompt: vscode.l10n.t('The prompt to shorten (or select it in the editor first)'),
            ignoreFocusOut: true,
            validateInput: (t) => (t.trim() ? undefined : vscode.l10n.t('The prompt is empty.')),
          }))?.trim() ?? '';
        if (!prompt) return;
      }
      const inputs = new JobInputs();
      let provider: string | undefined;
      try {
        provider = await jobProvider(deps, inputs, title);
      } finally {
        inputs.dispose();
      }
      if (!provider) return;
      const submitted = await submitJob(deps, { provider, what: title, send: (client, signal) => client.submitShorten(prompt, { signal }) });
      if (submitted) await vscode.commands.executeCommand(COMMANDS.openPreview, submitted.taskId);
    }),
  );
}
