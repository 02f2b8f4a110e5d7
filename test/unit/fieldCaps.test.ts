import * as assert from 'assert';
import { capPrompt, capText, FIELD_CAPS, sliceWhole } from '../../src/core/fieldCaps';
import { normalizeTask } from '../../src/core/task';
import { Task } from '../../src/core/types';
import { safeHttpUrl } from '../../src/preview/shared/urlSafety';

const ID = '1730621826053455';
const MB2 = 2 * 1024 * 1024;

function task(raw: Record<string, unknown>): Task {
  const t = normalizeTask({ id: ID, ...raw });
  assert.ok(t, 'expected a task');
  return t;
}

function words(length: number): string {
  return 'a red fox in the snow '.repeat(Math.ceil(length / 22)).slice(0, length);
}

describe('field caps: every server field bounded on the way in', () => {
  it('keeps prompts whole up to the cap, exactly as sent', () => {
    const prompt = words(FIELD_CAPS.prompt);
    const t = task({ prompt, promptEn: prompt, properties: { finalPrompt: prompt, finalZhPrompt: prompt } });
    assert.strictEqual(t.prompt, prompt);
    assert.strictEqual(t.promptEn, prompt);
    assert.strictEqual(t.finalPrompt, prompt);
    assert.strictEqual(t.finalZhPrompt, prompt);
  });

  it('cuts a 2 MB prompt, promptEn, finalPrompt and finalZhPrompt to the cap and says so', () => {
    const huge = words(MB2);
    const t = task({ prompt: huge, promptEn: huge, finalPrompt: huge, properties: { finalZhPrompt: huge } });
    for (const value of [t.prompt, t.promptEn, t.finalPrompt, t.finalZhPrompt]) {
      assert.ok(value, 'kept');
      assert.ok(value.startsWith(huge.slice(0, FIELD_CAPS.prompt)), 'the start is kept as sent');
      assert.ok(value.length < FIELD_CAPS.prompt + 100, `bounded: ${value.length}`);
      assert.match(value.slice(FIELD_CAPS.prompt), /^… \[cut by MJ Tasks: 32768 of 2097152 characters kept\]$/);
    }
  });

  it('costs what an ordinary task costs once normalized, whatever the server sent', () => {
    const huge = words(MB2);
    const buttons = Array.from({ length: 10_000 }, (_, i) => ({ customId: `MJ::JOB::x::${i}`, label: huge.slice(0, 1000), emoji: '🔄' }));
    const t = task({ prompt: huge, promptEn: huge, description: huge, failReason: huge, action: huge, status: huge, mode: huge, buttons, imageUrls: Array.from({ length: 10_000 }, (_, i) => `https://cdn.example/${i}.png`) });
    const size = JSON.stringify(t).length;
    assert.ok(size < 2 * FIELD_CAPS.prompt + 2 * FIELD_CAPS.text + 20_000, `${size} characters`);
  });

  it('cuts failure reasons and descriptions at a few KB with an ellipsis', () => {
    const t = task({ failReason: words(50_000), description: words(50_000) });
    for (const value of [t.failReason, t.description]) {
      assert.strictEqual(value?.length, FIELD_CAPS.text);
      assert.ok(value.endsWith('…'));
    }
    assert.strictEqual(task({ failReason: '  [Banned prompt] x  ' }).failReason, '  [Banned prompt] x  ', 'short text stays exact');
  });

  it('cuts action, status word and mode short; a status word that long is UNKNOWN', () => {
    const long = 'SUCCESS'.repeat(1000);
    const t = task({ action: long, status: long, mode: long });
    assert.strictEqual(t.action.length, FIELD_CAPS.word);
    assert.strictEqual(t.rawStatus.length, FIELD_CAPS.word);
    assert.strictEqual(t.mode?.length, FIELD_CAPS.word);
    assert.strictEqual(t.status, 'UNKNOWN');
    assert.strictEqual(task({ status: ' success ' }).status, 'SUCCESS', 'ordinary words still read');
  });

  it('drops IDs, seeds and parent IDs too long to be one (cut, they would name another task)', () => {
    const long = '1'.repeat(FIELD_CAPS.id + 1);
    assert.strictEqual(normalizeTask({ id: long, status: 'SUCCESS' }), null);
    assert.strictEqual(normalizeTask({ taskId: long, status: 'SUCCESS' }), null);
    const t = task({ seed: long, parentId: long });
    assert.strictEqual(t.seed, null);
    assert.strictEqual(t.parentId, null);
    assert.strictEqual(task({ seed: '1'.repeat(FIELD_CAPS.id) }).seed, '1'.repeat(FIELD_CAPS.id));
  });

  it('drops URLs longer than the URL check accepts, and keeps at most a few per list', () => {
    const fits = `https://cdn.example/${'x'.repeat(FIELD_CAPS.url - 20)}`;
    assert.strictEqual(fits.length, FIELD_CAPS.url);
    assert.strictEqual(safeHttpUrl(fits), fits, 'the cap is the length the one URL check accepts');
    assert.strictEqual(safeHttpUrl(fits + 'x'), null);
    const t = task({ imageUrl: fits + 'x', videoUrl: fits + 'x', imageUrls: [fits + 'x', 'https://cdn.example/a.png'] });
    assert.strictEqual(t.imageUrl, null);
    assert.deepStrictEqual(t.videoUrls, []);
    assert.deepStrictEqual(t.imageUrls, ['https://cdn.example/a.png']);
    assert.strictEqual(task({ imageUrl: fits }).imageUrl, fits);
  });

  it('reads huge URL lists (arrays, objects, one text) only up to the cap, in bounded time', () => {
    // 200 000 distinct URLs: de-duplicating all of them pairwise would take minutes.
    const urls = Array.from({ length: 200_000 }, (_, i) => `https://cdn.example/${i}.png`);
    const first = urls.slice(0, FIELD_CAPS.urls);
    assert.deepStrictEqual(task({ imageUrls: urls }).imageUrls, first);
    assert.deepStrictEqual(task({ videoUrls: urls.map((url) => ({ url })) }).videoUrls, first);
    assert.deepStrictEqual(task({ imageUrls: urls.join(',') }).imageUrls, first);
    const withSingle = task({ videoUrl: 'https://cdn.example/v.mp4', videoUrls: urls }).videoUrls;
    assert.strictEqual(withSingle.length, FIELD_CAPS.urls);
    assert.strictEqual(withSingle[0], 'https://cdn.example/v.mp4');
  });

  it('keeps at most a few dozen buttons; drops a button whose customId is too long to be one', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ customId: `MJ::JOB::upsample::${i}`, label: `U${i}` }));
    assert.strictEqual(task({ buttons: many }).buttons.length, FIELD_CAPS.buttons);
    const t = task({
      buttons: [
        { customId: 'x'.repeat(FIELD_CAPS.customId + 1), label: 'U1' },
        { customId: 'MJ::JOB::upsample::2::h', label: 'L'.repeat(1000), emoji: { name: 'e'.repeat(1000) } },
      ],
    });
    assert.strictEqual(t.buttons.length, 1);
    assert.strictEqual(t.buttons[0].customId, 'MJ::JOB::upsample::2::h');
    assert.strictEqual(t.buttons[0].label.length, FIELD_CAPS.word);
    assert.strictEqual(t.buttons[0].emoji, '');
  });

  it('reads numbers and times sent as endless text as nothing', () => {
    const t = task({ progress: '5'.repeat(100_000), submitTime: '1'.repeat(100_000), finishTime: `2024-01-01${' '.repeat(100_000)}` });
    assert.strictEqual(t.progress, null);
    assert.strictEqual(t.submitTime, null);
    assert.strictEqual(t.finishTime, null);
    assert.strictEqual(task({ progress: '57%', submitTime: '1730621826053' }).progress, 57);
  });

  it('never cuts a character in half', () => {
    assert.strictEqual(sliceWhole('ab😀', 3), 'ab');
    assert.strictEqual(sliceWhole('ab😀', 4), 'ab😀');
    assert.strictEqual(capText('😀😀😀', 4), '😀…');
    const emoji = '😀'.repeat(FIELD_CAPS.prompt);
    const cut = capPrompt(emoji);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut), 'no lone high surrogate');
  });
});
