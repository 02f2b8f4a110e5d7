import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register here, one line each.
}

export function deactivate(): void {}
