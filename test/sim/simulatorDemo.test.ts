// The simulator's demo tasks: one in each state the dialect has, some moving, and the roles the
// E2E suites look them up by.

import * as assert from 'assert';
import type { Dialect } from '../../src/simulator';
import { DIALECTS, type Json, sim, advanceClock, json, fetchTask } from './simulatorHelpers';

describe('simulator: demo tasks', () => {
  /** The states each dialect really has: novicezk has no MODAL and no CANCEL. */
  const STATES: Record<Dialect, string[]> = {
    novicezk: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START'],
    trueai: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START', 'MODAL', 'CANCEL'],
    newapi: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START', 'MODAL', 'CANCEL'],
  };

  for (const dialect of DIALECTS) {
    it(`${dialect}: one task in each state it has, a Chinese prompt, some moving`, async () => {
      const s = await sim({ dialect, seedDemo: true });
      const demo = s.demoTasks();
      assert.deepStrictEqual(s.demoTaskIds, demo.map((d) => d.id));
      assert.deepStrictEqual([...new Set(demo.map((d) => d.status))].sort(), [...STATES[dialect]].sort());
      assert.strictEqual(demo.length, dialect === 'novicezk' ? 9 : 11);
      const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
      assert.strictEqual(tasks.length, demo.length);
      assert.ok(tasks.some((t) => t.action === 'DESCRIBE' && String(t.promptEn).startsWith('1️⃣')));
      assert.ok(tasks.some((t) => t.action === 'UPSCALE' && t.status === 'SUCCESS'));
      assert.ok(tasks.some((t) => /[\u4e00-\u9fff]/.test(String(t.prompt))));
      assert.ok(tasks.some((t) => String(t.failReason).startsWith('[Banned prompt detected]')));
      // What the server says is what demoTasks() says (newapi shows the just-queued task as "").
      assert.deepStrictEqual(tasks.map((t) => (t.status === '' && dialect === 'newapi' ? 'NOT_START' : t.status)), demo.map((d) => d.status));
      const before = s.demoTaskIds.map((id) => s.getTaskStatus(id));
      advanceClock(10 * 60_000);
      const after = s.demoTaskIds.map((id) => s.getTaskStatus(id));
      assert.notDeepStrictEqual(before, after, 'moving tasks move');
      assert.ok(after.filter((x) => x === 'SUCCESS').length >= 5);
    });
  }

  it('the SUBMITTED task stays SUBMITTED for a while, then runs and succeeds', async () => {
    const s = await sim({ dialect: 'trueai', seedDemo: true });
    const id = s.demoTasks().find((d) => d.status === 'SUBMITTED')!.id;
    advanceClock(15_000);
    assert.strictEqual(s.getTaskStatus(id), 'SUBMITTED');
    assert.strictEqual((await fetchTask(s, id)).progress, '0%');
    advanceClock(10_000);
    assert.strictEqual(s.getTaskStatus(id), 'IN_PROGRESS');
    advanceClock(120_000);
    assert.strictEqual(s.getTaskStatus(id), 'SUCCESS');
  });

  it('novicezk: no MODAL, CANCEL or VIDEO; a finished BLEND instead', async () => {
    const s = await sim({ dialect: 'novicezk', seedDemo: true });
    const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
    assert.ok(!tasks.some((t) => t.status === 'MODAL' || t.status === 'CANCEL' || t.action === 'VIDEO'));
    const blend = tasks.find((t) => t.action === 'BLEND')!;
    assert.strictEqual(blend.status, 'SUCCESS');
    assert.strictEqual(blend.description, `/blend ${String(blend.id)} 2`);
    assert.ok(!('videoUrl' in blend), 'novicezk has no video fields');
  });

  it('trueai and newapi: a CANCEL task and a finished VIDEO task with clips', async () => {
    for (const dialect of ['trueai', 'newapi'] as const) {
      const s = await sim({ dialect, seedDemo: true });
      const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
      const cancelled = tasks.find((t) => t.status === 'CANCEL')!;
      assert.strictEqual(cancelled.progress, dialect === 'newapi' ? '100%' : '', dialect);
      const video = tasks.find((t) => t.action === 'VIDEO')!;
      assert.strictEqual(video.status, 'SUCCESS');
      const urls = video.videoUrls as { url: string; thumbnail?: string }[];
      assert.strictEqual(urls.length, 4);
      assert.strictEqual(video.videoUrl, urls[0].url);
      assert.deepStrictEqual(Object.keys(urls[0]), dialect === 'trueai' ? ['url', 'thumbnail'] : ['url']);
      const r = await fetch(urls[3].url);
      assert.deepStrictEqual([r.status, r.headers.get('content-type')], [200, 'video/mp4']);
    }
  });

  it('the roles the E2E suites look tasks up by name exactly the task meant', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect, seedDemo: true });
      const demo = s.demoTasks();
      const first = (re: RegExp) => demo.find((d) => re.test(d.role))!;
      const only = (re: RegExp) => assert.strictEqual(demo.filter((d) => re.test(d.role)).length, 1, `${dialect}: ${re}`);
      for (const re of [/finished IMAGINE grid/, /finished UPSCALE/, /DESCRIBE/, /FAILURE/]) only(re);
      assert.strictEqual((s.getTaskJson(first(/finished IMAGINE grid/).id) as Json).action, 'IMAGINE');
      assert.strictEqual((s.getTaskJson(first(/finished UPSCALE/).id) as Json).action, 'UPSCALE');
      assert.strictEqual((s.getTaskJson(first(/DESCRIBE/).id) as Json).action, 'DESCRIBE');
      assert.strictEqual(first(/FAILURE/).status, 'FAILURE');
      // preview.e2e / demo.e2e find the grid's row by "lighthouse" and "IMAGINE ·": one IMAGINE has it.
      const lighthouse = demo.map((d) => s.getTaskJson(d.id) as Json).filter((t) => /lighthouse/.test(String(t.prompt)));
      assert.strictEqual(lighthouse.filter((t) => t.action === 'IMAGINE').length, 1, dialect);
      assert.strictEqual(demo.filter((d) => (s.getTaskJson(d.id) as Json).action === 'VARIATION').length, 1, dialect);
    }
  });
});
