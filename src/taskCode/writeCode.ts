import * as path from 'path';
import * as vscode from 'vscode';
import { codeSnippet, languageForEditor } from '../codegen/codeSnippet';
import { CodeLanguage } from '../codegen/snippetTypes';
import { copyWithFeedback } from '../platform/clipboard';
import { EditorTargetTracker } from '../preview/host/editorTarget';
import { QuickPickFlow } from '../platform/quickPickFlow';
import { codeLanguageName, CodeRequest, pickCodeLanguage } from './codeRequest';

// The two ends of both commands and of the preview's Code menu: copy the snippet, or insert it
// into the editor the user was last in, in that editor's language.

const FEEDBACK_MS = 2000;

export async function copyCode(request: CodeRequest, language: CodeLanguage): Promise<void> {
  await copyWithFeedback(codeSnippet(request.server, request.subject, language), codeLanguageName(language));
}

/** The language Insert would use for the editor it writes into; null when there is none or the user must choose. */
export function editorCodeLanguage(editors: EditorTargetTracker): { language: CodeLanguage | null; fileName: string } | undefined {
  const doc = editors.document();
  if (!doc) return undefined;
  return { language: languageForEditor(doc.languageId, doc.fileName, doc.getText()), fileName: path.basename(doc.uri.path) };
}

/**
 * Inserts the snippet at the cursor of the editor `editors` remembers, in its language, or in
 * one the user picks when the editor's language has no form of its own. Says why when nothing was written.
 */
export async function insertCode(request: CodeRequest, editors: EditorTargetTracker, flow: QuickPickFlow, title: string, chosen?: CodeLanguage): Promise<void> {
  const target = editorCodeLanguage(editors);
  if (!target) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to insert into: click into a text editor first, then use Insert as Code again.'));
    return;
  }
  const language =
    chosen ??
    target.language ??
    (await pickCodeLanguage(flow, title, vscode.l10n.t('{0} has no language MJ Tasks writes code in: insert which form?', target.fileName)));
  if (!language) return;
  flow.dispose(); // nothing more to ask: the pick closes before the editor changes under it
  const result = await editors.insert(codeSnippet(request.server, request.subject, language), false);
  if (result.inserted) {
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Inserted {0}', codeLanguageName(language))}`, FEEDBACK_MS);
  } else {
    void vscode.window.showWarningMessage(result.reason);
  }
}
