import * as vscode from 'vscode';
import { ContextKey } from '../ids';

/** Sets one of MJ Tasks' context keys, read by package.json `when` clauses. */
export function setContext(key: ContextKey, value: boolean | string): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
