import * as assert from 'assert';
import { inertLabel, inertMarkdown, inertMessage, plainText, REPLACEMENT } from '../../src/core/inertText';

const ESC = '\u001b';

describe('inert server text', () => {
  describe('plainText', () => {
    it('removes CSI sequences: clear screen, colours, cursor moves, private modes', () => {
      assert.strictEqual(plainText(`${ESC}[2J${ESC}[Ha ${ESC}[31mred${ESC}[0m cat${ESC}[?25l`), 'a red cat');
    });

    it('removes OSC sequences ended by BEL or ST: window title, clipboard write, hyperlinks', () => {
      assert.strictEqual(plainText(`x${ESC}]0;pwned\u0007y`), 'xy');
      assert.strictEqual(plainText(`x${ESC}]52;c;ZWNobyBoaQ==${ESC}\\y`), 'xy');
      assert.strictEqual(plainText(`${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`), 'click');
    });

    it('removes an unterminated OSC with everything after it, and a lone trailing ESC', () => {
      assert.strictEqual(plainText(`ok${ESC}]0;title never ends`), 'ok');
      assert.strictEqual(plainText(`ok${ESC}`), 'ok');
    });

    it('removes two-byte ESC sequences and 8-bit CSI/OSC', () => {
      assert.strictEqual(plainText(`a${ESC}cb${ESC}(Bc`), 'abc');
      assert.strictEqual(plainText('a\u009b2Jb\u009d0;t\u0007c'), 'abc');
    });

    it('removes bidi overrides and isolates, keeps ordinary right-to-left text', () => {
      assert.strictEqual(plainText('SUCC\u202eSSE\u202c \u2066x\u2069'), 'SUCCSSE x');
      assert.strictEqual(plainText('שלום مرحبا'), 'שלום مرحبا');
    });

    it('shows other C0, DEL and C1 controls as U+FFFD', () => {
      assert.strictEqual(plainText('a\u0000b\u0007c\u007fd\u0085e'), `a${REPLACEMENT}b${REPLACEMENT}c${REPLACEMENT}d${REPLACEMENT}e`);
    });

    it('turns line breaks and tabs into spaces on one line, keeps them when asked', () => {
      assert.strictEqual(plainText('a\r\nb\rc\nd\te'), 'a b c d e');
      assert.strictEqual(plainText('a\r\nb\rc\nd\te', { keepLines: true }), 'a\nb\nc\nd\te');
      assert.strictEqual(plainText('fake\r[SUCCESS] line', { keepLines: true }), 'fake\n[SUCCESS] line');
    });

    it('leaves ordinary text, Chinese, emoji and Midjourney parameters alone', () => {
      const s = 'a cat 猫 🐱 --ar 16:9 --v 6 ::2 https://cdn.example/x.png';
      assert.strictEqual(plainText(s), s);
    });
  });

  describe('inertLabel', () => {
    it('escapes icon syntax so $(zap) shows as typed', () => {
      assert.strictEqual(inertLabel('$(zap) done $(sync~spin)'), '\\$(zap) done \\$(sync~spin)');
    });

    it('is one clean line', () => {
      assert.strictEqual(inertLabel(`a\n${ESC}[2Jb`), 'a b');
    });
  });

  describe('inertMarkdown', () => {
    it('escapes every ASCII punctuation character, so links, autolinks and markup cannot form', () => {
      assert.strictEqual(inertMarkdown('[x](command:y)'), '\\[x\\]\\(command\\:y\\)');
      assert.strictEqual(inertMarkdown('see https://evil.example/a_b'), 'see https\\:\\/\\/evil\\.example\\/a\\_b');
      assert.strictEqual(inertMarkdown('www.evil.example me@evil.example'), 'www\\.evil\\.example me\\@evil\\.example');
      assert.strictEqual(inertMarkdown('<img src=x> &amp; **b** # h $(zap)'), '\\<img src\\=x\\> \\&amp\\; \\*\\*b\\*\\* \\# h \\$\\(zap\\)');
    });

    it('leaves letters, digits, spaces and non-ASCII text as they are', () => {
      assert.strictEqual(inertMarkdown('a cat 猫 42'), 'a cat 猫 42');
    });
  });

  describe('inertMessage', () => {
    it('breaks up [label](target) so a notification shows no link', () => {
      assert.strictEqual(inertMessage('[Open](command:workbench.action.terminal.new)'), '[Open] (command:workbench.action.terminal.new)');
      assert.strictEqual(inertMessage('[Open]  \n(https://x)'), '[Open] (https://x)');
      assert.strictEqual(inertMessage('see [docs](command:workbench.action.quit) now'), 'see [docs] (command:workbench.action.quit) now');
      assert.strictEqual(inertMessage('[a]  (https://x) [b](y)'), '[a] (https://x) [b] (y)');
    });

    it('leaves text that only looks like a link alone, and cleans controls', () => {
      assert.strictEqual(inertMessage('--ar 16:9 [Invalid parameter] (x)'), '--ar 16:9 [Invalid parameter] (x)');
      assert.strictEqual(inertMessage('failed\u001b[2J \u202eok'), 'failed ok');
    });
  });
});
