// The new-job and follow-up submits of MjClient against the simulator in each dialect: imagine
// with reference images, describe, blend, shorten, and the modal answers (remix prompt, Custom
// Zoom, Vary (Region) with its mask) — checked by what the server received (its request log).

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { SubmitRejectedError } from '../../src/core/errors';
import { AuthScheme } from '../../src/core/types';
import type { Simulator } from '../../src/simulator';
import { encodePng } from '../../src/simulator/png';
import { DIALECTS, KEY, fetchTask, finishAll, sim } from './simulatorHelpers';

const SCHEME: Record<string, AuthScheme> = { novicezk: 'mj-api-secret', trueai: 'raw', newapi: 'bearer' };
const client = (s: Simulator) => new MjClient({ baseUrl: s.url, auth: SCHEME[s.dialect], apiKey: KEY });
const PNG = `data:image/png;base64,${encodePng(2, 2, new Uint8Array(12)).toString('base64')}`;

/** The body of the last request to `key` the simulator received. */
function lastBody(s: Simulator, key: string): Record<string, unknown> {
  const hit = s.requestLog().filter((r) => r.key === key).pop();
  assert.ok(hit, `no ${key} in the log`);
  return hit.body as Record<string, unknown>;
}

async function finishedUpscale(s: Simulator, c: MjClient): Promise<{ id: string; hash: string }> {
  const grid = await c.submitImagine('a lighthouse at dusk');
  finishAll();
  const gridHash = ((await fetchTask(s, grid.taskId)).buttons as { customId: string }[])[0].customId.split('::')[4];
  const up = await c.submitAction(grid.taskId, `MJ::JOB::upsample::2::${gridHash}`);
  finishAll();
  const hash = ((await fetchTask(s, up.taskId)).buttons as { customId: string }[])[0].customId.split('::')[4];
  return { id: up.taskId, hash };
}

describe('simulator: new jobs and follow-up answers through MjClient', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: imagine with reference images, describe, blend and shorten send what the API takes`, async () => {
      const s = await sim({ dialect });
      const c = client(s);
      await c.submitImagine('a cat');
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/imagine'), { prompt: 'a cat' }, 'no base64Array without images');
      await c.submitImagine('a cat', { base64Array: [PNG] });
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/imagine'), { prompt: 'a cat', base64Array: [PNG] });

      const described = await c.submitDescribe(PNG);
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/describe'), { base64: PNG });
      const blended = await c.submitBlend([PNG, PNG], 'PORTRAIT');
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/blend'), { base64Array: [PNG, PNG], dimensions: 'PORTRAIT' });
      const shortened = await c.submitShorten('a very long prompt about a small red fox in the snow --ar 3:2');
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/shorten'), { prompt: 'a very long prompt about a small red fox in the snow --ar 3:2' });
      finishAll();
      assert.strictEqual((await c.fetchTask(described.taskId)).action, 'DESCRIBE');
      assert.strictEqual((await c.fetchTask(blended.taskId)).action, 'BLEND');
      const shorten = await c.fetchTask(shortened.taskId);
      assert.strictEqual(shorten.action, 'SHORTEN');
      assert.strictEqual(shorten.status, 'SUCCESS');
      assert.match(shorten.promptEn ?? '', /IMPORTANT TOKENS[\s\S]*SHORTENED OPTIONS[\s\S]*1️⃣ [\s\S]*5️⃣ /);
      assert.ok(shorten.buttons.some((b) => /PromptAnalyzer::.*::5$/.test(b.customId)), 'an option button per shortened prompt');
    });

    it(`${dialect}: a banned prompt is refused with code 24 and the banned word; nothing is made`, async () => {
      const s = await sim({ dialect });
      const before = s.requestLog().length;
      await assert.rejects(client(s).submitImagine('a cat --banned'), (e: unknown) => e instanceof SubmitRejectedError && e.code === 24);
      assert.strictEqual(s.requestLog().length, before + 1, 'one request, not retried');
      await assert.rejects(client(s).submitShorten('a cat --banned'), (e: unknown) => e instanceof SubmitRejectedError && e.code === 24);
    });

    it(`${dialect}: remix mode — V2 waits in MODAL; the modal answer carries the edited prompt and the task runs`, async () => {
      const s = await sim({ dialect, remix: true });
      const c = client(s);
      const grid = await c.submitImagine('a red fox');
      finishAll();
      const hash = ((await fetchTask(s, grid.taskId)).buttons as { customId: string }[])[0].customId.split('::')[4];
      const v2 = await c.submitAction(grid.taskId, `MJ::JOB::variation::2::${hash}`);
      // new-api rewrites 21 to 1 for everything but Vary (Region) and Custom Zoom: the task still waits.
      assert.strictEqual(v2.code, dialect === 'newapi' ? 1 : 21);
      if (dialect !== 'newapi') assert.strictEqual(v2.properties.finalPrompt, 'a red fox --v 7');
      assert.strictEqual((await c.fetchTask(v2.taskId)).status, 'MODAL');
      const answered = await c.submitModal(v2.taskId, { prompt: 'a red fox in the snow' });
      assert.strictEqual(answered.taskId, v2.taskId);
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/modal'), { taskId: v2.taskId, prompt: 'a red fox in the snow' });
      finishAll();
      const done = await c.fetchTask(v2.taskId);
      assert.strictEqual(done.status, 'SUCCESS');
      assert.strictEqual(done.promptEn, 'a red fox in the snow');
    });

    it(`${dialect}: Vary (Region) answers code 21 everywhere; without a mask it is refused, with one it runs`, async () => {
      const s = await sim({ dialect });
      const c = client(s);
      const up = await finishedUpscale(s, c);
      const region = await c.submitAction(up.id, `MJ::Inpaint::1::${up.hash}::SOLO`);
      assert.strictEqual(region.code, 21);
      assert.ok(region.needsModal);
      await assert.rejects(c.submitModal(region.taskId, { prompt: 'a boat' }), SubmitRejectedError);
      const mask = `data:image/png;base64,${encodePng(512, 512, new Uint8Array(512 * 512 * 3).fill(255)).toString('base64')}`;
      await c.submitModal(region.taskId, { prompt: 'a boat', maskBase64: mask });
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/modal'), { taskId: region.taskId, prompt: 'a boat', maskBase64: mask });
      finishAll();
      assert.strictEqual((await c.fetchTask(region.taskId)).status, 'SUCCESS');
    });

    it(`${dialect}: Custom Zoom's answer carries --zoom`, async () => {
      const s = await sim({ dialect });
      const c = client(s);
      const up = await finishedUpscale(s, c);
      const zoom = await c.submitAction(up.id, `MJ::CustomZoom::${up.hash}`);
      assert.strictEqual(zoom.code, 21);
      await c.submitModal(zoom.taskId, { prompt: 'a lighthouse at dusk --zoom 1.5' });
      assert.deepStrictEqual(lastBody(s, 'POST /mj/submit/modal'), { taskId: zoom.taskId, prompt: 'a lighthouse at dusk --zoom 1.5' });
    });
  }

  it('the request log keeps only submit bodies', async () => {
    const s = await sim({ dialect: 'newapi' });
    const c = client(s);
    const r = await c.submitImagine('a cat');
    await c.fetchTask(r.taskId);
    const [submit, fetch] = s.requestLog();
    assert.deepStrictEqual(submit.body, { prompt: 'a cat' });
    assert.strictEqual(fetch.body, undefined);
  });
});
