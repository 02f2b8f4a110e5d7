// "Insert as string literal": a prompt or customId pasted into code must survive the language's
// lexer unchanged — quotes, backslashes, `$`/`#{}` interpolation, newlines — and must not smuggle
// invisible characters into the source (bidi overrides are the "Trojan Source" trick), so those
// are written as escapes wherever the language has one. Pure; unit-tested per language.

export type LiteralStyle =
  | 'json'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'php'
  | 'ruby'
  | 'rust'
  | 'shell'
  | 'powershell'
  | 'c'
  | 'swift'
  | 'kotlin'
  | 'dart'
  | 'lua'
  | 'sql';

/** VS Code language IDs → how that language writes a string. Unknown languages get JSON's form. */
const STYLE_BY_LANGUAGE: Readonly<Record<string, LiteralStyle>> = {
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  jsonl: 'json',
  yaml: 'json', // JSON's double-quoted string is valid YAML and TOML too
  toml: 'json',
  javascript: 'json',
  javascriptreact: 'json',
  typescript: 'json',
  typescriptreact: 'json',
  vue: 'json',
  svelte: 'json',
  python: 'python',
  go: 'go',
  java: 'java',
  groovy: 'java',
  csharp: 'csharp',
  php: 'php',
  ruby: 'ruby',
  rust: 'rust',
  shellscript: 'shell',
  powershell: 'powershell',
  c: 'c',
  cpp: 'c',
  'objective-c': 'c',
  'objective-cpp': 'c',
  swift: 'swift',
  kotlin: 'kotlin',
  dart: 'dart',
  lua: 'lua',
  sql: 'sql',
};

export function literalStyleFor(languageId: string): LiteralStyle {
  return Object.prototype.hasOwnProperty.call(STYLE_BY_LANGUAGE, languageId) ? STYLE_BY_LANGUAGE[languageId] : 'json';
}

/**
 * Characters that must not appear raw in source: C0/C1 controls, DEL, and the invisible or
 * direction-changing format characters (zero-width spaces/joiners, LRM/RLM/ALM, embeddings and
 * overrides, isolates, line/paragraph separators, BOM) plus lone surrogates.
 */
export function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0xad ||
    cp === 0x61c ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    (cp >= 0xfff9 && cp <= 0xfffb) ||
    (cp >= 0xd800 && cp <= 0xdfff)
  );
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
const oct3 = (n: number) => n.toString(8).padStart(3, '0');
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
/** For languages whose escapes cannot name a lone surrogate: the replacement character. */
const REPLACEMENT = 0xfffd;

function utf8Bytes(cp: number): number[] {
  return [...new TextEncoder().encode(String.fromCodePoint(cp))];
}

interface Escaper {
  open: string;
  close: string;
  /** Exact replacements for single characters (quotes, backslash, interpolation sigils, \n…). */
  simple: Readonly<Record<string, string>>;
  /** How an invisible code point is written (after `simple` had its chance). */
  escape: (cp: number) => string;
}

const C_LIKE = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' } as const;

const ESCAPERS: Readonly<Record<Exclude<LiteralStyle, 'shell' | 'powershell' | 'sql' | 'c'>, Escaper>> = {
  json: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\b': '\\b', '\f': '\\f' },
    escape: (cp) => `\\u${hex(cp, 4)}`, // every invisible code point is in the BMP
  },
  python: {
    open: '"',
    close: '"',
    simple: C_LIKE,
    escape: (cp) => (cp < 0x100 ? `\\x${hex(cp, 2)}` : `\\u${hex(cp, 4)}`),
  },
  go: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' },
    escape: (cp) => (cp < 0x80 ? `\\x${hex(cp, 2)}` : `\\u${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}`),
  },
  java: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\b': '\\b', '\f': '\\f' },
    // Octal, not \uXXXX, below 0x100: Java turns \u000a into a real newline before lexing.
    escape: (cp) => (cp < 0x100 ? `\\${oct3(cp)}` : `\\u${hex(cp, 4)}`),
  },
  csharp: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\0': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' },
    escape: (cp) => `\\u${hex(cp, 4)}`,
  },
  php: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, $: '\\$', '\f': '\\f', '\v': '\\v', '\x1b': '\\e' },
    // PHP strings are bytes: \x80–\xFF would be raw bytes, not characters, so those take \u{…}.
    escape: (cp) => (cp < 0x80 ? `\\x${hex(cp, 2)}` : `\\u{${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}}`),
  },
  ruby: {
    open: '"',
    close: '"',
    // `\#` keeps "#{…}", "#$x" and "#@x" from interpolating.
    simple: { ...C_LIKE, '#': '\\#', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a', '\x1b': '\\e' },
    escape: (cp) => `\\u${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}`,
  },
  rust: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\0': '\\0' },
    escape: (cp) => `\\u{${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}}`,
  },
  swift: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\0': '\\0' },
    escape: (cp) => `\\u{${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}}`,
  },
  kotlin: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, $: '\\$', '\b': '\\b' },
    escape: (cp) => `\\u${hex(cp, 4)}`,
  },
  dart: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, $: '\\$', '\b': '\\b', '\f': '\\f', '\v': '\\v' },
    escape: (cp) => `\\u{${hex(cp, 4)}}`,
  },
  lua: {
    open: '"',
    close: '"',
    simple: { ...C_LIKE, '\b': '\\b', '\f': '\\f', '\v': '\\v', '\x07': '\\a' },
    escape: (cp) => (cp < 0x80 ? `\\${String(cp).padStart(3, '0')}` : `\\u{${hex(cp, 4)}}`),
  },
};

function escapeWith(text: string, e: Escaper): string {
  let out = e.open;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const simple = Object.prototype.hasOwnProperty.call(e.simple, ch) ? e.simple[ch] : undefined;
    out += simple ?? (isInvisible(cp) ? e.escape(cp) : ch);
  }
  return out + e.close;
}

/** C and C++: octal escapes of the UTF-8 bytes (`\x` is greedy and `\u` may not name controls). */
function cLiteral(text: string): string {
  let out = '"';
  const chars = [...text];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    const simple = Object.prototype.hasOwnProperty.call(C_LIKE, ch) ? C_LIKE[ch as keyof typeof C_LIKE] : undefined;
    if (simple) {
      out += simple;
    } else if (ch === '?' && chars[i - 1] === '?') {
      // Trigraphs ("??=" → "#") are replaced before escapes are read, so "\??=" would not help:
      // escaping every "?" that follows a "?" leaves no two in a row in the source.
      out += '\\?';
    } else if (isInvisible(cp)) {
      out += utf8Bytes(isSurrogate(cp) ? REPLACEMENT : cp).map((b) => `\\${oct3(b)}`).join('');
    } else {
      out += ch;
    }
  });
  return out + '"';
}

/** POSIX single quotes when nothing needs escaping; else bash/zsh ANSI-C quoting `$'…'`. */
function shellLiteral(text: string): string {
  const needsAnsi = [...text].some((ch) => ch !== '\n' && ch !== '\t' && isInvisible(ch.codePointAt(0)!));
  if (!needsAnsi) {
    return `'${text.replace(/'/g, `'\\''`)}'`;
  }
  return escapeWith(text, {
    open: "$'",
    close: "'",
    simple: { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x1b': '\\e' },
    escape: (cp) => (cp < 0x80 ? `\\x${hex(cp, 2)}` : `\\u${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}`),
  });
}

// PowerShell also treats the typographic quotes as quotes.
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
const PS_DOUBLE_SPECIAL = new Set(['"', '\u201C', '\u201D', '\u201E', '`', '$']);

/** Single quotes (no interpolation at all) unless something invisible needs a backtick escape. */
function powershellLiteral(text: string): string {
  const needsEscapes = [...text].some((ch) => ch !== '\n' && ch !== '\t' && isInvisible(ch.codePointAt(0)!));
  if (!needsEscapes) {
    return `'${text.replace(PS_SINGLE_QUOTES, (q) => q + q)}'`;
  }
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (PS_DOUBLE_SPECIAL.has(ch)) out += '`' + ch;
    else if (ch === '\n') out += '`n';
    else if (ch === '\r') out += '`r';
    else if (ch === '\t') out += '`t';
    else if (isInvisible(cp)) out += `\`u{${hex(isSurrogate(cp) ? REPLACEMENT : cp, 4)}}`;
    else out += ch;
  }
  return out + '"';
}

/** The text as a string literal of the given style; evaluating it gives back exactly `text`. */
export function toStringLiteral(text: string, style: LiteralStyle): string {
  switch (style) {
    case 'shell':
      return shellLiteral(text);
    case 'powershell':
      return powershellLiteral(text);
    case 'c':
      return cLiteral(text);
    case 'sql':
      // Standard SQL has no escapes inside '…' besides the doubled quote.
      return `'${text.replace(/'/g, "''")}'`;
    default:
      return escapeWith(text, ESCAPERS[style]);
  }
}

/** For an editor's language ID. */
export function toLiteralFor(text: string, languageId: string): string {
  return toStringLiteral(text, literalStyleFor(languageId));
}

/** Display names for the languages whose literal form differs in name from its style. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  javascript: 'JavaScript',
  javascriptreact: 'JavaScript',
  typescript: 'TypeScript',
  typescriptreact: 'TypeScript',
  yaml: 'YAML',
  toml: 'TOML',
  groovy: 'Groovy',
  cpp: 'C++',
  'objective-c': 'Objective-C',
  'objective-cpp': 'Objective-C++',
};

const STYLE_NAMES: Readonly<Record<LiteralStyle, string>> = {
  json: 'JSON',
  python: 'Python',
  go: 'Go',
  java: 'Java',
  csharp: 'C#',
  php: 'PHP',
  ruby: 'Ruby',
  rust: 'Rust',
  shell: 'shell',
  powershell: 'PowerShell',
  c: 'C',
  swift: 'Swift',
  kotlin: 'Kotlin',
  dart: 'Dart',
  lua: 'Lua',
  sql: 'SQL',
};

/** How the UI names the literal form for an editor's language ("Python", "TypeScript", "JSON" for unknown ones). */
export function literalNameFor(languageId: string): string {
  return Object.prototype.hasOwnProperty.call(LANGUAGE_NAMES, languageId)
    ? LANGUAGE_NAMES[languageId]
    : STYLE_NAMES[literalStyleFor(languageId)];
}
