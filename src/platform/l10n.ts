import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

/**
 * The core (no `vscode` import) localises through `@vscode/l10n`; hand it the bundle VS Code
 * already loaded for the display language so core messages match the rest of the UI.
 */
export function shareL10nBundleWithCore(): void {
  const bundle = vscode.l10n.bundle;
  if (bundle) {
    l10n.config({ contents: bundle });
  }
}
