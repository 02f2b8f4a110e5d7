import * as assert from 'assert';
import { formatAge, formatDuration, shortenText, taskTitle } from '../../src/core/format';
import { normalizeTask } from '../../src/core/task';

describe('format', () => {
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

  it('titles a task as one clean, short line, reading only the start of a huge prompt', () => {
    const hostile = normalizeTask({ id: '6', status: 'SUCCESS', prompt: '\u001b]0;pwned\u0007a \u202ecat\r\nin\ta hat\u0000' })!;
    assert.strictEqual(taskTitle(hostile, '6'), 'a cat in a hat\ufffd');
    const huge = normalizeTask({ id: '7', status: 'SUCCESS', prompt: `${'https://s.mj.run/x '.repeat(10)}${'a red fox '.repeat(200_000)}` })!;
    assert.strictEqual(taskTitle(huge, '7'), 'a red fox a red fox a red fox a red fox a red fox a red…');
    assert.strictEqual(shortenText('a'.repeat(1_000_000) + ' b', 10), 'a'.repeat(9) + '…');
    assert.strictEqual(shortenText('ab😀cd', 4), 'ab…', 'no half emoji');
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
