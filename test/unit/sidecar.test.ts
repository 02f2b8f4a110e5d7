import * as assert from 'assert';
import { buildSidecar, looksLikeSidecar, readSidecar, SIDECAR_KIND, SIDECAR_VERSION, sidecarText } from '../../src/core/sidecar';
import { normalizeTask } from '../../src/core/task';

const task = normalizeTask({
  id: '1730621826053455',
  action: 'IMAGINE',
  status: 'SUCCESS',
  prompt: '一只猫 a cat --ar 1:1',
  promptEn: 'a cat --ar 1:1',
  finalPrompt: 'a cat --ar 1:1 --v 6.1',
  imageUrl: 'https://cdn.discordapp.com/attachments/1/2/cat.png?ex=6750c3a8&is=674f7228&hm=ab&',
  submitTime: 1733353000000,
  startTime: 1733353010000,
  finishTime: 1733353060000,
  properties: { finalPrompt: 'a cat --ar 1:1 --v 6.1' },
  buttons: [
    { customId: 'MJ::JOB::upsample::2::3f1c6f2e-1111-2222-3333-444455556666', label: 'U2', emoji: '' },
    { customId: 'MJ::JOB::reroll::0::3f1c6f2e-1111-2222-3333-444455556666::SOLO', label: '', emoji: '🔄' },
  ],
})!;

describe('sidecar: the JSON saved beside every file', () => {
  const sidecar = buildSidecar({
    task,
    provider: 'DMXAPI',
    parentId: '1730621826000001',
    childrenIds: ['1730621826099999'],
    part: 'quadrant 2',
    sourceUrl: task.imageUrl!,
    file: 'a-cat-1730621826053455-q2.png',
    cutLocally: true,
    savedAt: 1733360000000,
  });

  it('holds the schema, the task, its prompts, buttons with meanings, family, times and source — in this shape', () => {
    assert.deepStrictEqual(Object.keys(sidecar), [
      'kind', 'schemaVersion', 'taskId', 'provider', 'action', 'status', 'prompt', 'promptEn', 'finalPrompt', 'seed', 'buttons',
      'parentId', 'childrenIds', 'submitTime', 'startTime', 'finishTime', 'part', 'sourceUrl', 'file', 'cutLocally', 'savedAt',
    ]);
    assert.strictEqual(sidecar.kind, SIDECAR_KIND);
    assert.strictEqual(sidecar.schemaVersion, SIDECAR_VERSION);
    assert.strictEqual(sidecar.taskId, '1730621826053455');
    assert.strictEqual(sidecar.provider, 'DMXAPI');
    assert.strictEqual(sidecar.prompt, '一只猫 a cat --ar 1:1');
    assert.strictEqual(sidecar.finalPrompt, 'a cat --ar 1:1 --v 6.1');
    assert.strictEqual(sidecar.seed, null);
    assert.deepStrictEqual(sidecar.buttons[0], {
      customId: 'MJ::JOB::upsample::2::3f1c6f2e-1111-2222-3333-444455556666', label: 'U2', emoji: '', meaning: 'Upscale image 2',
    });
    assert.match(sidecar.buttons[1].meaning, /Reroll|reroll|Redo/i);
    assert.deepStrictEqual([sidecar.parentId, sidecar.childrenIds], ['1730621826000001', ['1730621826099999']]);
    assert.deepStrictEqual([sidecar.submitTime, sidecar.finishTime], ['2024-12-04T22:56:40.000Z', '2024-12-04T22:57:40.000Z']);
    assert.strictEqual(sidecar.savedAt, '2024-12-05T00:53:20.000Z');
  });

  it('never holds a key: only what the task and the provider name say', () => {
    const text = sidecarText(buildSidecar({ task, provider: 'P', parentId: null, childrenIds: [], part: 'image', sourceUrl: 'https://x/a.png', file: 'a.png', cutLocally: false, savedAt: 0 }));
    assert.doesNotMatch(text, /apiKey|authorization|secret|Bearer/i);
  });

  it('reads back the task ID (every digit) and provider for "Track this task again"', () => {
    const text = sidecarText(sidecar);
    assert.ok(looksLikeSidecar(text));
    assert.deepStrictEqual(readSidecar(text), { ok: true, ref: { taskId: '1730621826053455', provider: 'DMXAPI' } });
    assert.deepStrictEqual(readSidecar(text.replace('"1730621826053455"', '1730621826053455123')), { ok: true, ref: { taskId: '1730621826053455123', provider: 'DMXAPI' } });
  });

  it('refuses what is not a sidecar it can read, saying why', () => {
    assert.deepStrictEqual(readSidecar('{'), { ok: false, reason: 'not-json' });
    assert.deepStrictEqual(readSidecar('{"name":"package"}'), { ok: false, reason: 'not-sidecar' });
    assert.deepStrictEqual(readSidecar(JSON.stringify({ ...sidecar, schemaVersion: SIDECAR_VERSION + 1 })), { ok: false, reason: 'newer' });
    for (const bad of ['', '1 2', 'https://x/mj/task/1730621826053455/fetch', 'a b', '../../etc']) {
      assert.deepStrictEqual(readSidecar(JSON.stringify({ ...sidecar, taskId: bad })), { ok: false, reason: 'bad-id' }, bad);
    }
    assert.ok(!looksLikeSidecar('{"kind":"other"}'));
  });
});
