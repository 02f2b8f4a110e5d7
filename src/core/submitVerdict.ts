// What a failed submit means for the user's money: refused (nothing was created, nothing to
// track), not sent (the server was never reached), or unsure (it was sent and the answer was
// lost, so a job may be running and billed). Submits are never retried by themselves; this is
// what decides which of the three the user is told.

import * as l10n from '@vscode/l10n';
import { capSentence } from './fieldCaps';
import { BadResponseError, MjError, NetworkError, SubmitRejectedError } from './errors';
import { plainText } from './inertText';
import { refusalInPlainWords } from './submitCodes';

export type SubmitFailure =
  /** The server said no: nothing was created. `words` say why, in plain words. */
  | { readonly kind: 'refused'; readonly words: string }
  /** It never reached the server (refused connection, DNS, a key that cannot be sent). */
  | { readonly kind: 'notSent'; readonly words: string }
  /** Sent, and no readable answer came: the job may or may not have been accepted. */
  | { readonly kind: 'unsure'; readonly words: string };

/** Gateways say "no money" and "slow down" in their own words, with code 4 or as HTTP 429. */
const BALANCE_WORDS = /quota|balance|insufficient|余额|额度|credit/i;
const RATE_WORDS = /rate.?limit|too many|saturat|负载|频繁|限流/i;

export function submitFailure(e: unknown): SubmitFailure {
  if (e instanceof SubmitRejectedError) return { kind: 'refused', words: rejectionWords(e) };
  if (e instanceof MjError) {
    switch (e.kind) {
      case 'RateLimited':
        return { kind: 'refused', words: l10n.t('the server is limiting how often it may be asked (HTTP 429)') };
      case 'Unauthorized':
      case 'NotConfigured':
        // A key the server refuses is checked before any job is made.
        return { kind: 'refused', words: e.message };
      case 'Network':
        return (e as NetworkError).stage === 'reach' ? { kind: 'notSent', words: e.message } : { kind: 'unsure', words: e.message };
      case 'BadResponse': {
        const why = (e as BadResponseError).message;
        // The server does not have this endpoint: it made nothing.
        return e instanceof BadResponseError && isNoEndpoint(e) ? { kind: 'refused', words: why } : { kind: 'unsure', words: why };
      }
      default:
        // Timeout, a server error, a lost answer: the job may exist.
        return { kind: 'unsure', words: e.message };
    }
  }
  return { kind: 'unsure', words: e instanceof Error ? e.message : String(e) };
}

function isNoEndpoint(e: BadResponseError): boolean {
  return e.reason === 'no-endpoint' || e.reason === 'bare-404';
}

/** The refusal in plain words, with the server's own description where the code alone says little. */
export function rejectionWords(e: SubmitRejectedError): string {
  const said = capSentence(plainText(e.description).trim());
  if (BALANCE_WORDS.test(said)) return l10n.t('the account has insufficient balance ({0})', said);
  if (e.code === 30 || RATE_WORDS.test(said)) return l10n.t('the gateway is limiting how often it may be asked ({0})', said || e.code);
  const words = refusalInPlainWords(e.code, e.properties);
  // Codes 23 and 24 say it all; for others the server's own text is the reason.
  if (e.code === 23 || e.code === 24 || !said) return words;
  return l10n.t('{0} (code {1}: {2})', words, e.code, said);
}

/** The number of jobs ahead in a code-22 answer: `properties.numberOfQueues`, else the number in its description. */
export function queuedAhead(properties: Readonly<Record<string, unknown>>, description: string): number | null {
  const n = properties.numberOfQueues;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n;
  const m = /(\d{1,6})/.exec(description);
  return m ? Number(m[1]) : null;
}

/**
 * novicezk's code 21 means "that upscale exists already" (`properties.status` and `imageUrl` of
 * the existing task), not "a window waits for input" as on plus and trueai.
 */
export function isExistingTaskAnswer(code: number, properties: Readonly<Record<string, unknown>>): boolean {
  return code === 21 && typeof properties.status === 'string';
}
