import * as assert from 'assert';
import { formatAge, formatDuration, inertLinks, shortenText, taskTitle } from '../../src/core/format';
import { normalizeTask } from '../../src/core/task';

describe('format', () => {
  it('breaks the [label](target) link syntax of notifications in server text, keeping it readable', () => {
    assert.strictEqual(inertLinks('see [docs](command:workbench.action.quit) now'), 'see [docs] (command:workbench.action.quit) now');
    assert.strictEqual(inertLinks('[a]  (https://x) [b](y)'), '[a] (https://x) [b] (y)');
    assert.strictEqual(inertLinks('--ar 16:9 [Invalid parameter] (x)'), '--ar 16:9 [Invalid parameter] (x)');
  });

  it('shortens on a word boundary with an ellipsis, on one line', () => {
    assert.strictEqual(shortenText('a  red\nfox', 60), 'a red fox');
    const long = 'a photorealistic portrait of an old sailor with a pipe, golden hour, 85mm';
    const short = shortenText(long, 40);
    assert.ok(short.length <= 40, short);
    assert.ok(short.endsWith('…'));
    assert.ok(!short.includes('  '));
    assert.strictEqual(shortenText('x'.repeat(50), 10), 'x'.repeat(9) + '…', 'no space to cut at: hard cut');
  });

  it('titles a task by its prompt without reference-image URLs or keycap numbering', () => {
    const t = normalizeTask({ id: '1', status: 'SUCCESS', prompt: '<https://s.mj.run/abc> http://x/y.png a cat in a hat' })!;
    assert.strictEqual(taskTitle(t, '1'), 'a cat in a hat');
    const describe = normalizeTask({ id: '2', status: 'SUCCESS', action: 'DESCRIBE', prompt: '', promptEn: '1️⃣ White haired anime boy, 2️⃣ …' })!;
    assert.strictEqual(taskTitle(describe, '2').startsWith('White haired anime boy'), true);
  });

  it('falls back to the action and ID, then the ID alone', () => {
    const t = normalizeTask({ id: '3', status: 'SUBMITTED', action: 'UPSCALE' })!;
    assert.strictEqual(taskTitle(t, '3'), 'UPSCALE 3');
    assert.strictEqual(taskTitle(null, '4'), '4');
    const onlyUrl = normalizeTask({ id: '5', status: 'SUCCESS', action: 'BLEND', prompt: 'https://x/a.png' })!;
    assert.strictEqual(taskTitle(onlyUrl, '5'), 'BLEND 5');
  });

  it('says how long ago in plain words', () => {
    assert.strictEqual(formatAge(10_000), 'just now');
    assert.strictEqual(formatAge(5 * 60_000), '5 min ago');
    assert.strictEqual(formatAge(3 * 3600_000), '3 h ago');
    assert.strictEqual(formatAge(3 * 86400_000), '3 d ago');
    assert.strictEqual(formatAge(-5000), 'just now', 'a clock skew never shows a negative age');
  });

  it('formats durations and leaves unknown ones empty', () => {
    assert.strictEqual(formatDuration(1000, 38_000), '37 s');
    assert.strictEqual(formatDuration(0, 80_000), '1 m 20 s');
    assert.strictEqual(formatDuration(null, 5), '');
    assert.strictEqual(formatDuration(10, 5), '');
  });
});
