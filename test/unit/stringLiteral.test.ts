import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { literalNameFor, literalStyleFor, LiteralStyle, toLiteralFor, toStringLiteral } from '../../src/preview/host/stringLiteral';

// The literal must read back as exactly the text, in the real language. Every sample is
// compiled/evaluated by the language itself (node always; python3, bash, gcc, java, rustc, sqlite3
// where installed) and its UTF-8 bytes compared; the other languages are checked against
// hand-written expectations of their escape rules.

const SAMPLES: readonly string[] = [
  '',
  'a cat in a hat --ar 16:9 --v 7',
  'MJ::JOB::upsample::2::3785da15-4f70-4034-9128-f3ff1ac634fa',
  `double " single ' back \` quotes`,
  'back\\slash \\n is not a newline, \\u0041 is not A, \\x41 \\101',
  'Java trap: \\u000a and \\\\u0022 and \\u005c',
  'new\nline, cr\r\nlf, tab\tend',
  'sigils: $HOME ${x} #{y} #$z #@w %s {0} `cmd` $(cmd)',
  '中文提示词：赛博朋克风格 emoji 🎉 keycap 1️⃣ flag 🇨🇳',
  'bidi \u202Eevil\u202C isolate \u2066x\u2069 zwsp\u200Bhere bom\uFEFF soft\u00ADhyphen',
  'controls \x01 bell \x07 esc \x1b del \x7f nel \x85',
  'separators \u2028 line \u2029 paragraph',
  'trigraphs ??= ??/ ??\' ??( what? ?? end?',
  'octal-ish \x01' + '23 then digits 7\x07' + '89',
  '<img src=x onerror=alert(1)><script>alert(2)</script>',
];

const STYLES: readonly LiteralStyle[] = [
  'json', 'python', 'go', 'java', 'csharp', 'php', 'ruby', 'rust', 'shell', 'powershell', 'c', 'swift', 'kotlin', 'dart', 'lua', 'sql',
];

function hexOf(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

/** Is `cmd` an executable file in a folder of PATH? */
function installed(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      const file = path.join(dir || '.', cmd);
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/** CI installs every toolchain, so there a missing one is a failure, not a pending test. */
const TOOLS_REQUIRED = !!process.env.CI && !/^(false|0)$/i.test(process.env.CI);

/**
 * A round-trip through `tool`. Where the machine lacks it, the test shows as pending with the tool
 * named in its title (a contributor's machine need not have Java, a C compiler or Rust); under CI
 * it fails and says what to install.
 */
function roundTrip(title: string, tool: string, check: () => void): void {
  it(title, function () {
    if (!installed(tool)) {
      if (TOOLS_REQUIRED) {
        throw new Error(`this round-trip runs \`${tool}\`, which is not installed here; CI (CI=${process.env.CI}) requires it: install it`);
      }
      this.test!.title = `${title} (pending: \`${tool}\` is not installed)`;
      this.skip();
    }
    check();
  });
}

function tmp(name: string, content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-literal-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs a program that prints one hex line per sample; returns the lines. */
function run(cmd: string, args: string[], options: { input?: string; cwd?: string } = {}): string[] {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    input: options.input,
    cwd: options.cwd,
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
    timeout: 60_000,
  });
  assert.strictEqual(r.status, 0, `${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').map((l) => l.trim().toLowerCase());
}

function expectRoundTrip(lines: string[], style: LiteralStyle): void {
  assert.deepStrictEqual(lines, SAMPLES.map(hexOf), `${style}: some literal did not read back as its text`);
}

describe('preview: toStringLiteral — read back by the real language', function () {
  this.timeout(120_000);

  it('JavaScript/TypeScript and JSON', () => {
    for (const s of SAMPLES) {
      const lit = toStringLiteral(s, 'json');
      assert.strictEqual(JSON.parse(lit), s, lit);
      assert.strictEqual((0, eval)(lit), s, lit);
    }
  });

  roundTrip('Python', 'python3', () => {
    const program = `vals = [\n${SAMPLES.map((s) => toStringLiteral(s, 'python')).join(',\n')}\n]\nfor v in vals:\n    print(v.encode('utf-8').hex())\n`;
    expectRoundTrip(run('python3', [tmp('lit.py', program)]), 'python');
  });

  roundTrip('bash (single quotes and $\'…\')', 'bash', () => {
    const script = SAMPLES.map((s) => `v=${toStringLiteral(s, 'shell')}\nprintf '%s' "$v" | od -An -tx1 | tr -d ' \\n'; echo`).join('\n');
    expectRoundTrip(run('bash', [tmp('lit.sh', script)]), 'shell');
  });

  roundTrip('C (with trigraphs on)', 'gcc', () => {
    const program = `#include <stdio.h>\nstatic const char *vals[] = {\n${SAMPLES.map((s) => toStringLiteral(s, 'c')).join(',\n')}\n};\nint main(void) {\n  for (unsigned i = 0; i < sizeof vals / sizeof *vals; i++) {\n    for (const unsigned char *p = (const unsigned char *)vals[i]; *p; p++) printf("%02x", *p);\n    printf("\\n");\n  }\n  return 0;\n}\n`;
    const src = tmp('lit.c', program);
    const exe = src.replace(/\.c$/, '');
    run('gcc', ['-std=c11', '-trigraphs', '-Wno-trigraphs', '-o', exe, src]);
    expectRoundTrip(run(exe, []), 'c');
  });

  roundTrip('Java', 'java', () => {
    const program = `public class Lit {\n  public static void main(String[] a) throws Exception {\n    String[] vals = {\n${SAMPLES.map((s) => toStringLiteral(s, 'java')).join(',\n')}\n    };\n    for (String v : vals) {\n      StringBuilder sb = new StringBuilder();\n      for (byte b : v.getBytes("UTF-8")) sb.append(String.format("%02x", b));\n      System.out.println(sb);\n    }\n  }\n}\n`;
    expectRoundTrip(run('java', [tmp('Lit.java', program)]), 'java');
  });

  roundTrip('Rust', 'rustc', () => {
    const program = `fn main() {\n  let vals: &[&str] = &[\n${SAMPLES.map((s) => toStringLiteral(s, 'rust')).join(',\n')}\n  ];\n  for v in vals { println!("{}", v.bytes().map(|b| format!("{:02x}", b)).collect::<String>()); }\n}\n`;
    const src = tmp('lit.rs', program);
    const exe = src.replace(/\.rs$/, '');
    run('rustc', ['-o', exe, src]);
    expectRoundTrip(run(exe, []), 'rust');
  });

  roundTrip('SQL (sqlite3)', 'sqlite3', () => {
    // As an argument, not on stdin: the shell reads stdin line by line and would drop the \r of \r\n.
    const sql = SAMPLES.map((s) => `SELECT lower(hex(${toStringLiteral(s, 'sql')}));`).join('\n');
    expectRoundTrip(run('sqlite3', [':memory:', sql]), 'sql');
  });
});

describe('preview: toStringLiteral — escape rules', () => {
  it('escapes quotes and backslashes everywhere', () => {
    const s = 'a"b\\c';
    assert.strictEqual(toStringLiteral(s, 'json'), '"a\\"b\\\\c"');
    assert.strictEqual(toStringLiteral(s, 'go'), '"a\\"b\\\\c"');
    assert.strictEqual(toStringLiteral(s, 'csharp'), '"a\\"b\\\\c"');
    assert.strictEqual(toStringLiteral(s, 'swift'), '"a\\"b\\\\c"');
    assert.strictEqual(toStringLiteral(s, 'kotlin'), '"a\\"b\\\\c"');
    assert.strictEqual(toStringLiteral(s, 'lua'), '"a\\"b\\\\c"');
  });

  it('stops interpolation: $ in PHP, Kotlin and Dart, # in Ruby, nothing to do in single-quoted shell', () => {
    assert.strictEqual(toStringLiteral('$x ${y}', 'php'), '"\\$x \\${y}"');
    assert.strictEqual(toStringLiteral('$x ${y}', 'kotlin'), '"\\$x \\${y}"');
    assert.strictEqual(toStringLiteral('$x ${y}', 'dart'), '"\\$x \\${y}"');
    assert.strictEqual(toStringLiteral('#{y} #$z', 'ruby'), '"\\#{y} \\#$z"');
    assert.strictEqual(toStringLiteral('$HOME `id` "q"', 'shell'), `'$HOME \`id\` "q"'`);
    assert.strictEqual(toStringLiteral("it's", 'shell'), `'it'\\''s'`);
    assert.strictEqual(toStringLiteral('\\(x)', 'swift'), '"\\\\(x)"');
  });

  it('PowerShell: single quotes doubled, typographic ones too; backtick escapes when something is invisible', () => {
    assert.strictEqual(toStringLiteral("it's $x `n", 'powershell'), "'it''s $x `n'");
    assert.strictEqual(toStringLiteral('it\u2019s', 'powershell'), "'it\u2019\u2019s'");
    assert.strictEqual(toStringLiteral('a\u202Eb "$x"', 'powershell'), '"a`u{202E}b `"`$x`""');
  });

  it('writes newlines and tabs as escapes (one line in the editor)', () => {
    for (const style of ['json', 'python', 'go', 'java', 'csharp', 'php', 'ruby', 'rust', 'c', 'swift', 'kotlin', 'dart', 'lua'] as const) {
      const lit = toStringLiteral('a\nb\tc', style);
      assert.ok(!/[\n\t]/.test(lit), `${style}: ${lit}`);
    }
  });

  it('never lets a bidi override or zero-width character into the source (Trojan Source)', () => {
    const evil = 'x\u202Ey\u2066z\u200B\uFEFF';
    for (const style of STYLES.filter((s) => s !== 'sql')) {
      const lit = toStringLiteral(evil, style);
      assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/.test(lit), `${style}: ${JSON.stringify(lit)}`);
    }
    assert.strictEqual(toStringLiteral('\u202E', 'go'), '"\\u202E"');
    assert.strictEqual(toStringLiteral('\u202E', 'php'), '"\\u{202E}"');
    assert.strictEqual(toStringLiteral('\u202E', 'ruby'), '"\\u202E"');
    assert.strictEqual(toStringLiteral('\u202E', 'dart'), '"\\u{202E}"');
    assert.strictEqual(toStringLiteral('\u202E', 'csharp'), '"\\u202E"');
    assert.strictEqual(toStringLiteral('\u202E', 'kotlin'), '"\\u202E"');
    assert.strictEqual(toStringLiteral('\u202E', 'swift'), '"\\u{202E}"');
    assert.strictEqual(toStringLiteral('\u202E', 'lua'), '"\\u{202E}"');
  });

  it('keeps readable non-ASCII text as it is', () => {
    for (const style of STYLES) {
      assert.ok(toStringLiteral('赛博朋克 🎉', style).includes('赛博朋克 🎉'), style);
    }
  });

  it('C# escapes its own line terminators (U+0085, U+2028, U+2029)', () => {
    assert.strictEqual(toStringLiteral('\x85\u2028\u2029', 'csharp'), '"\\u0085\\u2028\\u2029"');
  });

  it('PHP and Go write C1 controls as characters, not raw bytes', () => {
    assert.strictEqual(toStringLiteral('\x85', 'php'), '"\\u{0085}"');
    assert.strictEqual(toStringLiteral('\x85', 'go'), '"\\u0085"');
    assert.strictEqual(toStringLiteral('\x01', 'go'), '"\\x01"');
  });

  it('replaces a lone surrogate where the language cannot name one, keeps it where it can', () => {
    assert.strictEqual(toStringLiteral('\uD800', 'rust'), '"\\u{FFFD}"');
    assert.strictEqual(toStringLiteral('\uD800', 'go'), '"\\uFFFD"');
    assert.strictEqual(toStringLiteral('\uD800', 'json'), '"\\uD800"');
    assert.strictEqual(toStringLiteral('\uD800', 'java'), '"\\uD800"');
  });
});

describe('preview: literal style per editor language', () => {
  it('maps VS Code language IDs', () => {
    assert.strictEqual(literalStyleFor('typescript'), 'json');
    assert.strictEqual(literalStyleFor('python'), 'python');
    assert.strictEqual(literalStyleFor('shellscript'), 'shell');
    assert.strictEqual(literalStyleFor('cpp'), 'c');
    assert.strictEqual(literalStyleFor('csharp'), 'csharp');
    assert.strictEqual(literalStyleFor('markdown'), 'json');
    assert.strictEqual(literalStyleFor('__proto__'), 'json');
    assert.strictEqual(toLiteralFor('a"b', 'python'), '"a\\"b"');
  });

  it('names the literal form for the UI', () => {
    assert.strictEqual(literalNameFor('typescriptreact'), 'TypeScript');
    assert.strictEqual(literalNameFor('python'), 'Python');
    assert.strictEqual(literalNameFor('csharp'), 'C#');
    assert.strictEqual(literalNameFor('plaintext'), 'JSON');
    assert.strictEqual(literalNameFor('constructor'), 'JSON');
  });
});
