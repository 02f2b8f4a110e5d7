import * as path from 'path';
import * as vscode from 'vscode';
import { EditorTarget, InsertResult } from '../shared/protocol';
import { literalNameFor, toLiteralFor } from './stringLiteral';

/** Editors that are not the user's text: output channels, the debug console's input, comment boxes. */
const NOT_TARGETS = new Set(['output', 'debug', 'comment', 'vscode-scm', 'walkThroughSnippet']);

/** How the Insert buttons and messages name a document: its file name, or an untitled one's name. */
function fileNameOf(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : path.basename(doc.uri.path);
}

/**
 * "Insert at cursor" writes into the text editor the user was in before clicking in the preview:
 * the webview takes focus (activeTextEditor becomes undefined), so the last one is remembered.
 * A TextEditor object dies when its tab is hidden, so what is kept is the document and column,
 * and the live editor is looked up again when inserting.
 */
export class EditorTargetTracker implements vscode.Disposable {
  private uri: vscode.Uri | undefined;
  private column: vscode.ViewColumn | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((e) => this.remember(e)),
      // Closing the document leaves nothing to insert into; a language switch ("Change Language
      // Mode") closes and reopens it, which changes the literal form: tell the webview either way.
      vscode.workspace.onDidCloseTextDocument((doc) => this.onDocumentEvent(doc)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onDocumentEvent(doc)),
    );
  }

  private onDocumentEvent(doc: vscode.TextDocument): void {
    if (this.uri && doc.uri.toString() === this.uri.toString()) {
      this.changed.fire();
    }
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (!editor || NOT_TARGETS.has(editor.document.uri.scheme)) {
      return; // focus moved to a webview, a panel or an output: keep the last real editor
    }
    const same = this.uri?.toString() === editor.document.uri.toString() && this.column === editor.viewColumn;
    this.uri = editor.document.uri;
    this.column = editor.viewColumn;
    if (!same) {
      this.changed.fire();
    }
  }

  /** The document Insert writes into, if it is still open. */
  document(): vscode.TextDocument | undefined {
    const uri = this.uri?.toString();
    return uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && !d.isClosed) : undefined;
  }

  /** What the webview shows on its Insert buttons; null when there is no editor to write to. */
  describe(): EditorTarget | null {
    const doc = this.document();
    if (!doc) {
      return null;
    }
    return { fileName: fileNameOf(doc), literalName: literalNameFor(doc.languageId) };
  }

  /**
   * Replaces every selection of the remembered editor with `text` (or its string literal in the
   * editor's language). Shows the editor if it was hidden, without taking focus from the preview.
   * Says why nothing was written when there is no editor or it refused the edit (read-only).
   */
  async insert(text: string, literal: boolean): Promise<InsertResult> {
    const doc = this.document();
    if (!doc) {
      return { inserted: false, reason: vscode.l10n.t('Nothing to insert into: click into a text editor first, then use Insert again.') };
    }
    const editor =
      vscode.window.visibleTextEditors.find((e) => e.document === doc && e.viewColumn === this.column) ??
      vscode.window.visibleTextEditors.find((e) => e.document === doc) ??
      (await vscode.window.showTextDocument(doc, { viewColumn: this.column, preserveFocus: true, preview: false }));
    const insertText = literal ? toLiteralFor(text, doc.languageId) : text;
    const version = doc.version;
    const alreadyThere = editor.selections.every((s) => doc.getText(s) === insertText);
    const accepted = await editor.edit((b) => {
      for (const s of editor.selections) {
        b.replace(s, insertText);
      }
    });
    // A read-only editor answers `true` and changes nothing: the document's version tells. (An
    // edit that replaces a selection by the same text changes nothing either, and that is fine.)
    if (accepted && (doc.version !== version || alreadyThere)) {
      return { inserted: true };
    }
    return {
      inserted: false,
      reason: accepted
        ? vscode.l10n.t('{0} is read-only: nothing was inserted.', fileNameOf(doc))
        : vscode.l10n.t('{0} changed or closed while inserting: nothing was inserted. Try again.', fileNameOf(doc)),
    };
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
