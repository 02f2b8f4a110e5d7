import * as vscode from 'vscode';
import { checkApiKey } from '../core/apiKeyCheck';

/**
 * The key input's check, shared by Set API Key and Add Provider: a key that cannot be sent as a
 * header (a line break, an invisible or typographic character, spaces at either end) is refused
 * while it is typed or pasted, by kind and position — never by echoing it.
 */
export function validateKeyInput(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Enter the key.');
  return checkApiKey(value)?.message;
}
