import * as vscode from 'vscode';
import { TaskIdMatch } from '../core/taskIdScan';
import { AROUND_CURSOR, matchAt } from './editorIdText';

/** Lines read on each side of the cursor's: a pretty-printed submit response puts `code` a few lines from `result`. */
const CONTEXT_LINES = 4;

export interface IdInEditor {
  readonly match: TaskIdMatch;
  readonly range: vscode.Range;
}

/**
 * The task ID at `position`, from a bounded window around it (a few lines, at most AROUND_CURSOR
 * characters each way), so a hover costs the same in a 10-line file as in a minified megabyte.
 */
export function idAtPosition(document: vscode.TextDocument, position: vscode.Position): IdInEditor | undefined {
  const cursor = document.offsetAt(position);
  const first = Math.max(0, position.line - CONTEXT_LINES);
  const last = Math.min(document.lineCount - 1, position.line + CONTEXT_LINES);
  const from = Math.max(document.offsetAt(new vscode.Position(first, 0)), cursor - AROUND_CURSOR);
  const to = Math.min(document.offsetAt(document.lineAt(last).range.end), cursor + AROUND_CURSOR);
  const text = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(to)));
  const match = matchAt(text, cursor - from);
  if (!match) return undefined;
  return { match, range: new vscode.Range(document.positionAt(from + match.start), document.positionAt(from + match.end)) };
}

/** Editors MJ Tasks looks into: files on disk and untitled buffers, never output channels, diffs of git objects or settings. */
export const EDITOR_ID_SELECTOR: vscode.DocumentFilter[] = [{ scheme: 'file' }, { scheme: 'untitled' }];

export function isScannedDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' || document.uri.scheme === 'untitled';
}
