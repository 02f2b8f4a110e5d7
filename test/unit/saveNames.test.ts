import * as assert from 'assert';
import * as path from 'path';
import { baseName, candidateName, extensionFor, isInside, promptStem, resolveSaveFolder } from '../../src/core/saveNames';

describe('saveNames: file names of saved results', () => {
  it('names a file from the prompt, the task ID and the part', () => {
    assert.strictEqual(baseName('A red fox, in the snow', '1730621826053455', { kind: 'image' }), 'a-red-fox-in-the-snow-1730621826053455');
    assert.strictEqual(baseName('A red fox', '1730621826053455', { kind: 'quadrant', index: 2 }), 'a-red-fox-1730621826053455-q2');
    assert.strictEqual(baseName('a fox', '17', { kind: 'video', index: 0 }), 'a-fox-17-video1');
    assert.strictEqual(baseName('a fox', '17', { kind: 'gallery', index: 2 }), 'a-fox-17-image3');
    assert.strictEqual(baseName(null, '1730621826053455', { kind: 'image' }), '1730621826053455');
  });

  it('drops reference links and parameters, and keeps letters of every script', () => {
    assert.strictEqual(promptStem('https://cdn.example.com/ref.png a cat --ar 16:9 --v 6.1'), 'a-cat');
    assert.strictEqual(promptStem('一只猫 在雪中'), '一只猫-在雪中');
    assert.strictEqual(promptStem('Ça va — très bien'), 'ça-va-très-bien');
  });

  it('never holds a character some file system refuses, a control or bidi character, or a Windows device name', () => {
    for (const prompt of ['a<b>c:d"e/f\\g|h?i*j', 'x\u0000y\u001bz\u202etxt.exe', '  ...  ', 'con', 'NUL', 'aux.', '\u202e\u200b']) {
      const name = baseName(prompt, '1730621826053455', { kind: 'quadrant', index: 1 });
      assert.doesNotMatch(name, /[<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/, prompt);
      assert.ok([...name].every((c) => c.charCodeAt(0) >= 0x20), `${JSON.stringify(name)}: no control characters`);
      assert.doesNotMatch(name, /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i, prompt);
      assert.doesNotMatch(name, /[. ]$/, prompt);
    }
    assert.strictEqual(promptStem('con'), 'con-');
  });

  it('keeps names short whatever the prompt', () => {
    const long = 'word '.repeat(5000);
    const name = baseName(long, '1730621826053455', { kind: 'quadrant', index: 4 });
    assert.ok(name.length <= 48 + 1 + 16 + 3, `${name.length}`);
    assert.ok(baseName('x'.repeat(500), '17', { kind: 'image' }).length <= 48 + 3);
  });

  it('makes a unique candidate per attempt (never the same name twice)', () => {
    assert.deepStrictEqual([1, 2, 3].map((n) => candidateName('fox-17', '.png', n)), ['fox-17.png', 'fox-17-2.png', 'fox-17-3.png']);
  });

  it('maps media types to extensions, and nothing else', () => {
    assert.strictEqual(extensionFor('image/png'), '.png');
    assert.strictEqual(extensionFor('image/jpeg'), '.jpg');
    assert.strictEqual(extensionFor('image/webp'), '.webp');
    assert.strictEqual(extensionFor('video/mp4'), '.mp4');
    assert.strictEqual(extensionFor('text/html'), null);
  });

  it('resolves the save folder inside the workspace and refuses any way out', () => {
    const root = path.resolve('/work/project');
    assert.deepStrictEqual(resolveSaveFolder(root, 'mj-images'), { ok: true, folder: path.join(root, 'mj-images') });
    assert.deepStrictEqual(resolveSaveFolder(root, 'assets/mj/'), { ok: true, folder: path.join(root, 'assets', 'mj') });
    assert.deepStrictEqual(resolveSaveFolder(root, ''), { ok: true, folder: root });
    assert.deepStrictEqual(resolveSaveFolder(root, '../elsewhere'), { ok: false, reason: 'outside' });
    assert.deepStrictEqual(resolveSaveFolder(root, 'a/../../b'), { ok: false, reason: 'outside' });
    assert.deepStrictEqual(resolveSaveFolder(root, '..\\up'), { ok: false, reason: 'outside' });
    assert.deepStrictEqual(resolveSaveFolder(root, '/etc'), { ok: false, reason: 'absolute' });
    assert.deepStrictEqual(resolveSaveFolder(root, 'C:\\Windows'), { ok: false, reason: 'invalid' });
    assert.deepStrictEqual(resolveSaveFolder(root, 'a\u0000b'), { ok: false, reason: 'invalid' });
    assert.ok(isInside(root, path.join(root, 'x')));
    assert.ok(!isInside(root, path.resolve(root, '..', 'project-other')));
  });
});
