// JSON parsing that keeps every digit of big integers.
//
// Task IDs are 16–19 digit integers and some servers send them as JSON numbers (a submit's
// `result: 1320098173412546789`, list items with numeric `id`). `JSON.parse` turns anything past
// 2^53 into the nearest double, so the ID silently points at another task. Integers with more
// than MAX_SAFE_DIGITS digits are therefore turned into strings before parsing. Everything that
// reads these values (task.ts, taskReads.ts, taskSubmits.ts, taskIdInput.ts) accepts numeric strings wherever it
// accepts numbers, so the change is invisible to callers except that no digit is lost.

/** 15 digits always fit a double exactly; 16 may not (2^53 ≈ 9.007e15). */
const MAX_SAFE_DIGITS = 15;

const LONG_DIGIT_RUN = new RegExp(`\\d{${MAX_SAFE_DIGITS + 1}}`);

/**
 * `JSON.parse`, except that integer literals with more than 15 digits (outside strings) become
 * strings holding every digit. Numbers with a fraction or an exponent are left alone: they are
 * not IDs. Throws `SyntaxError` like `JSON.parse` for invalid input.
 */
export function parseJson(text: string): unknown {
  // Most bodies have no long digit run at all; skip the scan for them.
  return JSON.parse(LONG_DIGIT_RUN.test(text) ? quoteBigIntegers(text) : text);
}

/** `parseJson` that reports failure instead of throwing. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJson(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Wraps big integer literals in quotes. Invalid JSON stays invalid (the scan only rewrites
 * well-formed number tokens), so `JSON.parse` still reports it.
 */
export function quoteBigIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x2d /* - */ || isDigit(c)) {
      const start = i;
      if (c === 0x2d) i++;
      const digitsStart = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      const digits = i - digitsStart;
      let integer = true;
      if (i < n && text.charCodeAt(i) === 0x2e /* . */) {
        integer = false;
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      const e = i < n ? text.charCodeAt(i) : 0;
      if (e === 0x65 || e === 0x45 /* e E */) {
        integer = false;
        i++;
        const sign = i < n ? text.charCodeAt(i) : 0;
        if (sign === 0x2b || sign === 0x2d) i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      if (integer && digits > MAX_SAFE_DIGITS) {
        out += text.slice(copiedUpTo, start) + '"' + text.slice(start, i) + '"';
        copiedUpTo = i;
      }
      continue;
    }
    i++;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** Index just past the string starting at `start` (a quote); the end of text if unterminated. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i += 2;
      continue;
    }
    i++;
    if (c === 0x22) return i;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A JSON value as an ID string: strings as sent (trimmed), integers without exponent notation.
 * Returns null for anything that cannot be an ID.
 */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') {
    const s = value.trim();
    return s === '' ? null : s;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    // Past 2^53 the digits are already gone (a caller used plain JSON.parse); BigInt at least
    // avoids "1.2e+21" so the value still looks like the ID it approximates.
    return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  }
  if (typeof value === 'bigint') return value.toString();
  return null;
}
