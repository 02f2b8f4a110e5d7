// Whether an API key can be sent at all, checked where a key is set (Set API Key, Add Provider,
// MJ_API_KEY) and again before a request. A key travels in an HTTP header, which cannot hold a
// line break or a control character, and HTTP libraries quote the whole header in the error
// they throw for one: so a bad key is refused here, by position and kind, never by showing it.
// Keys are plain ASCII, so anything else in one is a paste accident: a key file's trailing
// newline, a zero-width space from a web page, a dash or quote an editor made typographic, a
// letter typed with a full-width input method, a space picked up at either end.

import * as l10n from '@vscode/l10n';
import { joinSentences } from './errors';

export type KeyProblemKind = 'line-break' | 'control' | 'invisible' | 'special-space' | 'edge-space' | 'typographic' | 'full-width' | 'non-ascii';

export interface KeyProblem {
  kind: KeyProblemKind;
  /** 1-based position of the first wrong character, counted in characters as the user sees them. */
  position: number;
  /** The key's length in the same characters. */
  length: number;
  /** One or two sentences that say which character is wrong and where; never any part of the key. */
  message: string;
}

/**
 * Zero-width and other invisible format characters (Unicode category Cf: U+200B–U+200D, U+2060,
 * U+FEFF, the soft hyphen …), Hangul fillers, and the combining marks that show as nothing.
 */
const INVISIBLE = /^(?:[\p{Cf}\u115f\u1160\u3164\uffa0]|\u034f|\u17b4|\u17b5)$/u;
/** Spaces other than U+0020: no-break, en/em/thin, ideographic, … */
const SPECIAL_SPACE = /^[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]$/;
/** Dashes, minus signs and quotes that editors and chat apps substitute for - ' ". */
const TYPOGRAPHIC = /^[\u2010-\u2015\u2212\u2018-\u201f\u2032-\u2037\u00ab\u00bb\u2039\u203a\u00b4\u02bb-\u02bd\ufe58\ufe63\uff0d]$/;
/** Full-width forms of ASCII letters, digits and signs. */
const FULL_WIDTH = /^[\uff01-\uff5e]$/;

/**
 * Null when `key` can be sent as it is; otherwise the first problem. An empty key is not this
 * function's business: whether a key is required is up to the caller.
 */
export function checkApiKey(key: string): KeyProblem | null {
  const chars = [...key];
  const length = chars.length;
  for (let i = 0; i < length; i++) {
    const kind = problemOf(chars[i], i === 0 || i === length - 1);
    if (kind !== null) return { kind, position: i + 1, length, message: describe(kind, i + 1, length) };
  }
  return null;
}

function problemOf(ch: string, atEdge: boolean): KeyProblemKind | null {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '\r' || ch === '\n' || cp === 0x85 || cp === 0x2028 || cp === 0x2029) return 'line-break';
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control';
  if (ch === ' ') return atEdge ? 'edge-space' : null;
  if (cp < 0x7f) return null;
  if (INVISIBLE.test(ch)) return 'invisible';
  if (SPECIAL_SPACE.test(ch)) return 'special-space';
  if (TYPOGRAPHIC.test(ch)) return 'typographic';
  if (FULL_WIDTH.test(ch)) return 'full-width';
  return 'non-ascii';
}

function describe(kind: KeyProblemKind, position: number, length: number): string {
  const what = {
    'line-break': l10n.t('a line break'),
    control: l10n.t('a control character'),
    invisible: l10n.t('an invisible character (such as a zero-width space)'),
    'special-space': l10n.t('a special space (such as a no-break space)'),
    'edge-space': position === 1 ? l10n.t('a space at the start') : l10n.t('a space at the end'),
    typographic: l10n.t('a typographic dash or quote'),
    'full-width': l10n.t('a full-width letter, digit or sign'),
    'non-ascii': l10n.t('a character outside ASCII'),
  }[kind];
  const advice = {
    'line-break': l10n.t('A key file’s trailing newline or a second line came along: paste the key alone, on one line.'),
    control: l10n.t('Paste the key again from its source, as plain text.'),
    invisible: l10n.t('Paste the key again from its source, as plain text.'),
    'special-space': l10n.t('API keys hold no spaces of this kind: paste the key again from its source.'),
    'edge-space': l10n.t('Remove the spaces around the key.'),
    typographic: l10n.t('An editor or chat app replaced a plain - or quote: copy the key from its source, not from formatted text.'),
    'full-width': l10n.t('Switch the input method to half-width (ASCII) and type or paste the key again.'),
    'non-ascii': l10n.t('API keys are plain ASCII: paste the key again from its source.'),
  }[kind];
  return joinSentences(l10n.t('Character {0} of {1} is {2}.', position, length, what), advice);
}
