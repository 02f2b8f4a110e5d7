// Pressing buttons on the simulator: upscale, variation, reroll, Custom Zoom and its modal,
// DESCRIBE's PicReader, and the errors each dialect gives for a press it refuses.

import * as assert from 'assert';
import type { Simulator } from '../../src/simulator';
import { DIALECTS, sim, finishAll, call, fetchTask, submit } from './simulatorHelpers';

describe('simulator: actions', () => {
  async function finishedGrid(s: Simulator): Promise<{ id: string; hash: string; buttons: { customId: string }[] }> {
    const { id } = await submit(s, 'imagine', { prompt: 'a castle in the clouds' });
    finishAll();
    const t = await fetchTask(s, id);
    const buttons = t.buttons as { customId: string }[];
    return { id, hash: buttons[0].customId.split('::')[4], buttons };
  }

  for (const dialect of DIALECTS) {
    it(`${dialect}: U2 → UPSCALE with the upscale buttons; V1 → VARIATION grid; 🔄 → a new grid`, async () => {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      const up = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::upsample::2::${grid.hash}` });
      assert.strictEqual(up.code, 1);
      finishAll();
      const child = await fetchTask(s, up.id);
      assert.strictEqual(child.action, 'UPSCALE');
      assert.strictEqual(child.status, 'SUCCESS');
      if (dialect === 'trueai') assert.strictEqual(child.parentId, grid.id);
      const labels = (child.buttons as { label: string; emoji: string }[]).map((b) => b.label || b.emoji);
      for (const l of ['Upscale (Subtle)', 'Upscale (Creative)', 'Vary (Subtle)', 'Vary (Strong)', 'Vary (Region)', 'Zoom Out 2x', 'Zoom Out 1.5x', 'Custom Zoom', '⬅️', '➡️', '⬆️', '⬇️']) {
        assert.ok(labels.includes(l), `${l} in ${labels.join()}`);
      }
      if (dialect !== 'newapi') assert.strictEqual(child.imageUrl, `${s.url}/images/single-0-2.png`);

      const v1 = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::variation::1::${grid.hash}` });
      const reroll = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::reroll::0::${grid.hash}::SOLO` });
      finishAll();
      const v = await fetchTask(s, v1.id);
      assert.strictEqual(v.action, 'VARIATION');
      assert.strictEqual((v.buttons as unknown[]).length, 9);
      assert.strictEqual((await fetchTask(s, reroll.id)).action, dialect === 'trueai' ? 'IMAGINE' : 'REROLL');
    });

    it(`${dialect}: Custom Zoom → code 21 and a MODAL task; /submit/modal continues it`, async () => {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      const up = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::upsample::1::${grid.hash}` });
      finishAll();
      const upHash = ((await fetchTask(s, up.id)).buttons as { customId: string }[])[0].customId.split('::')[4];
      const zoom = await submit(s, 'action', { taskId: up.id, customId: `MJ::CustomZoom::${upHash}` });
      assert.strictEqual(zoom.code, 21);
      const waiting = await fetchTask(s, zoom.id);
      assert.strictEqual(waiting.status, 'MODAL');
      assert.strictEqual(waiting.action, dialect === 'newapi' ? 'CUSTOM_ZOOM' : 'ZOOM');
      const go = await submit(s, 'modal', { taskId: zoom.id, prompt: 'a castle in the clouds --ar 1:1 --zoom 1.5' });
      assert.deepStrictEqual([go.code, go.id], [1, zoom.id]);
      finishAll();
      assert.strictEqual((await fetchTask(s, zoom.id)).status, 'SUCCESS');
    });
  }

  it('errors: unknown customId, parent not finished, parent unknown — each dialect its own way', async () => {
    const na = await sim({ dialect: 'newapi' });
    const g = await finishedGrid(na);
    const unknown = await call(na, '/mj/submit/action', { body: { taskId: g.id, customId: 'MJ::Job::PicReader::1' } });
    assert.deepStrictEqual([unknown.status, unknown.text], [400, '{"code":4,"description":"unknown_action:MJ::Job::PicReader::1 ","type":"upstream_error"}']);
    const running = na.createTask({ status: 'IN_PROGRESS', progress: 50, frozen: true });
    const early = await call(na, '/mj/submit/action', { body: { taskId: running, customId: `MJ::JOB::upsample::1::${g.hash}` } });
    assert.deepStrictEqual([early.status, early.text], [400, '{"code":4,"description":"task_status_not_success ","type":"upstream_error"}']);
    const missing = await call(na, '/mj/submit/action', { body: { taskId: '42', customId: `MJ::JOB::upsample::1::${g.hash}` } });
    assert.strictEqual(missing.status, 400);

    for (const dialect of ['novicezk', 'trueai'] as const) {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      assert.strictEqual((await submit(s, 'action', { taskId: grid.id, customId: 'MJ::JOB::nonsense::1::x' })).code, 4);
      const r = s.createTask({ status: 'IN_PROGRESS', progress: 10, frozen: true });
      assert.strictEqual((await submit(s, 'action', { taskId: r, customId: `MJ::JOB::upsample::1::${grid.hash}` })).code, 4);
      const nf = await call(s, '/mj/submit/action', { body: { taskId: '42', customId: `MJ::JOB::upsample::1::${grid.hash}` } });
      assert.strictEqual(nf.status, dialect === 'trueai' ? 404 : 200);
      assert.strictEqual(JSON.parse(nf.text).code, 3);
    }
  });

  it('novicezk: pressing the same U twice answers 21 "already exists" with the first upscale', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const g = await finishedGrid(s);
    const first = await submit(s, 'action', { taskId: g.id, customId: `MJ::JOB::upsample::3::${g.hash}` });
    const again = await submit(s, 'action', { taskId: g.id, customId: `MJ::JOB::upsample::3::${g.hash}` });
    assert.deepStrictEqual([again.code, again.id], [21, first.id]);
  });

  it('novicezk: /submit/simple-change "<id> U1" is the U1 button', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const g = await finishedGrid(s);
    const r = await submit(s, 'simple-change', { content: `${g.id} U1` });
    assert.strictEqual(r.code, 1);
    assert.strictEqual((await fetchTask(s, r.id)).action, 'UPSCALE');
  });

  it('newapi: result is a JSON number; "--bigid" makes it 19 digits, written exactly', async () => {
    const s = await sim({ dialect: 'newapi' });
    const small = await submit(s, 'imagine', { prompt: 'x' });
    assert.match(small.raw, /"result":\d{16},/);
    assert.strictEqual(typeof small.reply.result, 'number');
    const big = await submit(s, 'imagine', { prompt: 'x --bigid' });
    assert.match(big.raw, /"result":\d{19},/);
    assert.notStrictEqual(String(big.reply.result), big.id, 'a double cannot hold it');
    assert.strictEqual((await fetchTask(s, big.id)).id, big.id);
  });

  it('DESCRIBE: four numbered prompts and PicReader buttons; trueai PicReader opens a modal, "Imagine all" fans out', async () => {
    const s = await sim({ dialect: 'trueai' });
    const d = await submit(s, 'describe', { base64: 'data:image/png;base64,AAAA' });
    finishAll();
    const t = await fetchTask(s, d.id);
    assert.strictEqual(t.action, 'DESCRIBE');
    assert.match(String(t.promptEn), /^1️⃣ .+\n\n2️⃣ .+\n\n3️⃣ .+\n\n4️⃣ .+/s);
    assert.deepStrictEqual(
      (t.buttons as { customId: string }[]).map((b) => b.customId),
      ['MJ::Job::PicReader::1', 'MJ::Job::PicReader::2', 'MJ::Job::PicReader::3', 'MJ::Job::PicReader::4', 'MJ::Picread::Retry', 'MJ::Job::PicReader::all'],
    );
    const pick = await submit(s, 'action', { taskId: d.id, customId: 'MJ::Job::PicReader::2' });
    assert.strictEqual(pick.code, 21);
    const all = await submit(s, 'action', { taskId: d.id, customId: 'MJ::Job::PicReader::all' });
    assert.strictEqual(String(all.reply.result).split(',').length, 4);
  });
});
