import * as vscode from 'vscode';
import { AuthScheme } from '../core/types';

/** The four ways servers of this family read a key, and which servers use which. */
export function authChoices(): (vscode.QuickPickItem & { scheme: AuthScheme })[] {
  return [
    {
      scheme: 'bearer',
      label: 'Authorization: Bearer <key>',
      detail: vscode.l10n.t('new-api relays: DMXAPI, QuickRouter, Key4U, openai-hk and most resellers.'),
    },
    {
      scheme: 'raw',
      label: 'Authorization: <key>',
      detail: vscode.l10n.t('trueai-org/midjourney-proxy, and relays whose docs show the bare key.'),
    },
    {
      scheme: 'mj-api-secret',
      label: 'mj-api-secret: <key>',
      detail: vscode.l10n.t('novicezk/midjourney-proxy, midjourney-proxy-plus and one-hub gateways.'),
    },
    {
      scheme: 'none',
      label: vscode.l10n.t('No key'),
      detail: vscode.l10n.t('A self-hosted proxy without an API secret.'),
    },
  ];
}
