import * as vscode from 'vscode';
import { codiconId, STATUS_CODICONS, StatusIconState } from '../core/statusVocabulary';

/** The tree's icon for a state, from the one codicon table (core/statusVocabulary.ts). */
export function statusThemeIcon(state: StatusIconState): vscode.ThemeIcon {
  const icon = STATUS_CODICONS[state];
  return new vscode.ThemeIcon(codiconId(icon), new vscode.ThemeColor(icon.color));
}
