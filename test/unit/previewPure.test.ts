import * as assert from 'assert';
import { TaskButton } from '../../src/core/types';
import { explainFailure } from '../../src/preview/host/failure';
import { gridQuadrants } from '../../src/preview/host/grid';
import { splitNumberedPrompts } from '../../src/preview/host/numberedPrompts';
import { createNonce, previewHtml } from '../../src/preview/host/previewHtml';
import { safeHttpUrl } from '../../src/preview/shared/urlSafety';

const HASH = '3785da15-4f70-4034-9128-f3ff1ac634fa';

function button(customId: string, label = '', emoji = ''): TaskButton {
  return { customId, label, emoji };
}

function gridButtons(): TaskButton[] {
  return [
    ...[1, 2, 3, 4].map((i) => button(`MJ::JOB::upsample::${i}::${HASH}`, `U${i}`)),
    button(`MJ::JOB::reroll::0::${HASH}::SOLO`, '', '🔄'),
    ...[1, 2, 3, 4].map((i) => button(`MJ::JOB::variation::${i}::${HASH}`, `V${i}`)),
  ];
}

describe('preview: safeHttpUrl', () => {
  it('accepts absolute http and https URLs, normalised', () => {
    assert.strictEqual(safeHttpUrl('https://cdn.discordapp.com/a/b.png?ex=1&is=2&'), 'https://cdn.discordapp.com/a/b.png?ex=1&is=2&');
    assert.strictEqual(safeHttpUrl('  http://localhost:3000/mj/image/1730621826053455  '), 'http://localhost:3000/mj/image/1730621826053455');
    assert.strictEqual(safeHttpUrl('HTTPS://Example.COM/x y.png'), 'https://example.com/x%20y.png');
  });

  it('refuses every other scheme, relative paths, credentials and junk', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:image/png;base64,AAAA',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'command:workbench.action.terminal.new',
      'vscode://settings',
      'blob:https://example.com/x',
      '//example.com/x.png',
      '/mj/image/1',
      'x.png',
      'https://user:pass@example.com/x.png',
      'https://cdn.example.com@evil.example/x.png',
      'https://',
      '',
      `https://example.com/${'a'.repeat(9000)}`,
    ]) {
      assert.strictEqual(safeHttpUrl(u), null, u);
    }
    for (const v of [null, undefined, 42, {}, ['https://example.com']]) {
      assert.strictEqual(safeHttpUrl(v), null, String(v));
    }
  });
});

describe('preview: splitNumberedPrompts', () => {
  it('splits a DESCRIBE promptEn on keycap digits', () => {
    const text = '1️⃣ White haired anime boy --ar 1:1 \n\n2️⃣ A cute anime boy \n\n3️⃣ A boy and a dog \n\n4️⃣ White haired anime boy with blue eyes';
    const r = splitNumberedPrompts(text);
    assert.deepStrictEqual(r.items, ['White haired anime boy --ar 1:1', 'A cute anime boy', 'A boy and a dog', 'White haired anime boy with blue eyes']);
    assert.strictEqual(r.intro, '');
  });

  it('accepts keycaps without the variation selector, 🔟, and keeps an intro (SHORTEN)', () => {
    const r = splitNumberedPrompts('Important tokens: cat, hat\nShortened prompts:\n1\u20E3 cat hat\n2\u20E3 cat\n3️⃣ a cat');
    assert.deepStrictEqual(r.items, ['cat hat', 'cat', 'a cat']);
    assert.strictEqual(r.intro, 'Important tokens: cat, hat\nShortened prompts:');
    const ten = Array.from({ length: 9 }, (_, i) => `${i + 1}\uFE0F\u20E3 p${i + 1}`).join(' ') + ' \u{1F51F} p10';
    assert.strictEqual(splitNumberedPrompts(ten).items[9], 'p10');
  });

  it('splits "1." / "2)" / "3、" lines', () => {
    assert.deepStrictEqual(splitNumberedPrompts('1. a red fox\n2. a blue fox, 3. not a marker\n  3) a green fox\n4、 a fox').items, [
      'a red fox',
      'a blue fox, 3. not a marker',
      'a green fox',
      'a fox',
    ]);
  });

  it('ignores markers out of sequence and texts that are not lists', () => {
    assert.deepStrictEqual(splitNumberedPrompts('a cat 2️⃣ dogs').items, []);
    assert.deepStrictEqual(splitNumberedPrompts('1️⃣ only one').items, []);
    assert.deepStrictEqual(splitNumberedPrompts('a cat --v 6.1 --s 250').items, []);
    assert.deepStrictEqual(splitNumberedPrompts('1️⃣ a 3️⃣ c 2️⃣ b').items, ['a 3️⃣ c', 'b']);
    assert.deepStrictEqual(splitNumberedPrompts(null), { intro: '', items: [] });
    assert.deepStrictEqual(splitNumberedPrompts(''), { intro: '', items: [] });
  });
});

describe('preview: gridQuadrants', () => {
  it('maps U1–U4 and V1–V4 to quadrants (row by row) by button position', () => {
    const q = gridQuadrants(gridButtons());
    assert.ok(q);
    assert.deepStrictEqual(
      q.map((x) => [x.index, x.upscale, x.variation]),
      [
        [1, 0, 5],
        [2, 1, 6],
        [3, 2, 7],
        [4, 3, 8],
      ],
    );
  });

  it('reads relay-renamed customIds by label, and needs all four U buttons', () => {
    const renamed = [1, 2, 3, 4].map((i) => button(`custom-${i}`, `U${i}`));
    assert.ok(gridQuadrants(renamed));
    assert.strictEqual(gridQuadrants(gridButtons().filter((b) => b.label !== 'U3')), null);
    assert.strictEqual(gridQuadrants([]), null);
  });

  it('is not a grid after an upscale (Upscale (Subtle) etc. are not U1–U4)', () => {
    const upscaled = [
      button(`MJ::JOB::upsample_v7_2x_subtle::1::${HASH}::SOLO`, 'Upscale (Subtle)'),
      button(`MJ::JOB::low_variation::1::${HASH}::SOLO`, 'Vary (Subtle)'),
      button(`MJ::Outpaint::50::1::${HASH}::SOLO`, 'Zoom Out 2x'),
    ];
    assert.strictEqual(gridQuadrants(upscaled), null);
  });
});

describe('preview: explainFailure', () => {
  it('recognises the common Discord and relay reasons', () => {
    assert.deepStrictEqual(explainFailure('[Banned prompt detected] It looks like your prompt may violate our community standards.'), {
      kind: 'bannedPrompt',
      detail: 'It looks like your prompt may violate our community standards.',
    });
    assert.strictEqual(explainFailure('[Invalid parameter] Unrecognized parameter(s): `--fail`').kind, 'invalidParameter');
    assert.strictEqual(explainFailure('上游任务超时（超过1小时）').kind, 'upstreamTimeout');
    assert.strictEqual(explainFailure('[Internal error] The job encountered an error.').kind, 'internal');
    assert.strictEqual(explainFailure('[Error] the request timed out').kind, 'upstreamTimeout');
  });

  it('keeps unknown reasons whole and copes with nothing', () => {
    assert.deepStrictEqual(explainFailure('something odd'), { kind: 'other', detail: 'something odd' });
    assert.deepStrictEqual(explainFailure(null), { kind: 'other', detail: '' });
    assert.deepStrictEqual(explainFailure('[Mystery]'), { kind: 'other', detail: 'Mystery' });
  });
});

describe('preview: the HTML shell', () => {
  const resources = {
    cspSource: 'https://abc.vscode-cdn.net',
    scriptUri: 'https://abc.vscode-cdn.net/ext/dist/webview/webview.js',
    styleUri: 'https://abc.vscode-cdn.net/ext/dist/webview/preview.css',
    codiconUri: 'https://abc.vscode-cdn.net/ext/dist/webview/codicons/codicon.css',
    language: 'zh-cn',
    httpMediaOrigins: ['http://127.0.0.1:3000'],
  };

  it('is static: one script, carrying the nonce, no inline style or handler', () => {
    const html = previewHtml(resources, 'N0nce==');
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="N0nce==" src="${resources.scriptUri}"></script>`));
    // The codicons' stylesheet first, so preview.css can size the icons.
    assert.ok(html.includes(`<link rel="stylesheet" href="${resources.codiconUri}">\n<link rel="stylesheet" href="${resources.styleUri}">`));
    assert.ok(!/\sstyle=|<style|\son[a-z]+=/i.test(html));
    assert.ok(html.includes('<html lang="zh-cn">'));
    assert.ok(html.includes(`img-src ${resources.cspSource} https: http://127.0.0.1:3000;`), 'the policy is in the shell');
    assert.ok(previewHtml({ ...resources, language: '"><script>' }).includes('<html lang="en">'));
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notStrictEqual(a, b);
    assert.strictEqual(Buffer.from(a, 'base64').length, 16);
  });
});
