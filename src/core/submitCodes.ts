// What the `code` of a submit response `{code, description, result, properties}` means. The
// codes are the proxies' own ReturnCode constants; new-api and one-hub rewrite 21 and 22 to 1
// for most actions and use 4 for every gateway-side error.

import * as l10n from '@vscode/l10n';
import { capWord } from './fieldCaps';
import { plainText } from './inertText';
import { isRecord } from './record';

/** Accepted: 1 submitted, 21 a MODAL task waits for /mj/submit/modal (or it exists already), 22 queued. */
export const ACCEPTED_SUBMIT_CODES: ReadonlySet<number> = new Set([1, 21, 22]);

export function isAcceptedSubmitCode(code: number): boolean {
  return ACCEPTED_SUBMIT_CODES.has(code);
}

/**
 * Plain words for a refusal, naming the banned word where the server sends one. Unknown codes
 * get the server's description alone.
 */
export function refusalInPlainWords(code: number, properties: unknown): string {
  switch (code) {
    case 3:
      return l10n.t('the task it refers to, or a free account, does not exist');
    case 4:
      return l10n.t('the request was invalid');
    case 5:
      return l10n.t('the gateway could not reach the Midjourney server');
    case 9:
      return l10n.t('the server failed to submit it (often a full queue)');
    case 23:
      return l10n.t('the queue is full');
    case 24: {
      // The server's word is echoed into a message: inert and short, like every server text.
      const word = isRecord(properties) && typeof properties.bannedWord === 'string' ? capWord(plainText(properties.bannedWord).trim()) : '';
      return word ? l10n.t('the prompt was banned (banned word: {0})', word) : l10n.t('the prompt was banned');
    }
    case 30:
      return l10n.t('the gateway is overloaded (rate limit)');
    default:
      return l10n.t('refused');
  }
}
