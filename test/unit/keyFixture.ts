// Keys as paste accidents make them, and the one check that none of a key shows in some text:
// not whole, not in any 8-character piece, not JSON-escaped.

import * as assert from 'assert';
import { KeyProblemKind } from '../../src/core/apiKeyCheck';

export interface BadKey {
  name: string;
  key: string;
  kind: KeyProblemKind;
  /** 1-based, in characters. */
  position: number;
}

const BASE = 'sk-proj-4fA9xQ2mZ7vL1cR8tY3w';

export const BAD_KEYS: readonly BadKey[] = [
  { name: 'a trailing CR LF (a key file from Windows)', key: `${BASE}\r\n`, kind: 'line-break', position: BASE.length + 1 },
  { name: 'a zero-width space inside (copied from a web page)', key: `${BASE.slice(0, 10)}\u200b${BASE.slice(10)}`, kind: 'invisible', position: 11 },
  { name: 'a two-line value', key: `${BASE}\nsk-second-line-0123456789`, kind: 'line-break', position: BASE.length + 1 },
  { name: 'an en dash for a hyphen', key: BASE.replace('-proj', '\u2013proj'), kind: 'typographic', position: 3 },
  { name: 'a no-break space inside', key: `${BASE.slice(0, 6)}\u00a0${BASE.slice(6)}`, kind: 'special-space', position: 7 },
];

/** Every 8-character piece of `key` that is plain text (no control or invisible characters of the mistake itself). */
export function keyPieces(key: string): string[] {
  const pieces = new Set<string>();
  for (const run of key.split(/[\s\u200b\u2013\u00a0]+/)) {
    for (let i = 0; i + 8 <= run.length; i++) pieces.add(run.slice(i, i + 8));
  }
  return [...pieces];
}

const patterns = new Map<string, RegExp>();

/** Asserts that neither `key` nor any 8-character piece of it, nor its JSON-escaped form, is in `text`. */
export function assertNoKey(text: string, key: string, where = 'output'): void {
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const forms = [key, key.trim(), JSON.stringify(key).slice(1, -1), ...keyPieces(key)];
    // One pass over the text: outputs here run to tens of megabytes.
    pattern = new RegExp([...new Set(forms)].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    patterns.set(key, pattern);
  }
  const found = pattern.exec(text);
  assert.ok(found === null, `${where} holds ${JSON.stringify(found?.[0])} of the key:\n${text.slice(0, 2000)}`);
}
