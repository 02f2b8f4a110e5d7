// The simulator's routes besides fetch and submit: list-by-condition and list-by-ids, image-seed,
// cancel, mode prefixes, and what each dialect answers on a path it lacks.

import * as assert from 'assert';
import { DIALECTS, type Json, sim, finishAll, call, json, fetchTask } from './simulatorHelpers';

describe('simulator: list-by-condition', () => {
  it('returns known IDs, omits unknown ones, [] for null or empty ids, and works under a mode prefix', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect });
      const a = s.createTask({ status: 'SUCCESS' });
      const b = s.createTask({});
      const list = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: [b, '999', a, a] } });
      assert.deepStrictEqual(list.map((t) => t.id).sort(), [a, b].sort(), dialect);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: { ids: null } }), []);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: { ids: [] } }), []);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: {} }), []);
      const viaMode = await json<Json[]>(s, '/mj-relax/mj/task/list-by-condition', { body: { ids: [a] } });
      assert.strictEqual(viaMode.length, 1);
    }
  });

  it('answers a 1000-ID batch out of 3000 tasks quickly', async () => {
    const s = await sim({ dialect: 'newapi' });
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) ids.push(s.createTask({ status: i % 2 ? 'SUCCESS' : 'IN_PROGRESS', progress: 30 }));
    const started = Date.now();
    const list = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: ids.slice(1000, 2000) } });
    assert.strictEqual(list.length, 1000);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('list-by-ids exists on trueai only; newapi serves its web UI there', async () => {
    const t = await sim({ dialect: 'trueai' });
    const id = t.createTask({});
    assert.strictEqual((await json<Json[]>(t, '/mj/task/list-by-ids', { body: { ids: [` ${id} `] } })).length, 1);
    const n = await sim({ dialect: 'newapi' });
    const r = await call(n, '/mj/task/list-by-ids', { body: { ids: [] } });
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  });

  it('a body that is not JSON gets the dialect\'s 400', async () => {
    const r = await call(await sim({ dialect: 'newapi' }), '/mj/task/list-by-condition', { body: '{"ids":[' });
    assert.deepStrictEqual([r.status, JSON.parse(r.text).description], [400, 'bind_request_body_failed ']);
  });
});

describe('simulator: image-seed, cancel, other routes', () => {
  it('trueai image-seed: 400 before SUCCESS, the seed after (and then in the task), 404 code 3 unknown', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({});
    const early = await call(s, `/mj/task/${id}/image-seed`);
    assert.deepStrictEqual([early.status, JSON.parse(early.text).code], [400, 4]);
    finishAll();
    assert.strictEqual((await fetchTask(s, id)).seed, null);
    const ok = await json(s, `/mj/task/${id}/image-seed`);
    assert.deepStrictEqual([ok.code, ok.description], [1, '成功']);
    assert.match(String(ok.result), /^\d+$/);
    assert.strictEqual((await fetchTask(s, id)).seed, ok.result);
    const nf = await call(s, '/mj/task/5/image-seed');
    assert.deepStrictEqual([nf.status, JSON.parse(nf.text).code], [404, 3]);
  });

  it('novicezk has no image-seed or cancel: Spring\'s JSON 404; outside /mj Tomcat\'s HTML page', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const seed = await call(s, '/mj/task/1/image-seed');
    assert.strictEqual(seed.status, 404);
    assert.deepStrictEqual(Object.keys(JSON.parse(seed.text)), ['timestamp', 'status', 'error', 'path']);
    const outside = await call(s, '/task/1/fetch');
    assert.strictEqual(outside.status, 404);
    assert.match(outside.text, /Apache Tomcat/);
  });

  it('trueai cancel: 200 empty, the task becomes FAILURE "取消任务" with progress ""', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'IN_PROGRESS', progress: 30 });
    const r = await call(s, `/mj/task/${id}/cancel`, { method: 'POST' });
    assert.deepStrictEqual([r.status, r.text], [200, '']);
    const t = await fetchTask(s, id);
    assert.deepStrictEqual([t.status, t.failReason, t.progress], ['FAILURE', '取消任务', '']);
  });

  it('newapi: paths it lacks get the web UI (200 text/html); /v1 paths a JSON 404', async () => {
    const s = await sim({ dialect: 'newapi' });
    for (const [method, path] of [['GET', '/mj/task/list'], ['POST', '/mj/task/1/cancel'], ['GET', '/mj/task/queue']]) {
      const r = await call(s, path, { method });
      assert.strictEqual(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(r.text, /^<!doctype html>/);
    }
    const v1 = await call(s, '/v1/mj/nothing');
    assert.strictEqual(v1.status, 404);
    assert.strictEqual(JSON.parse(v1.text).error.type, 'invalid_request_error');
  });

  it('mode prefixes and /api: same routes, same counts; relax mode recorded on trueai', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({});
    for (const p of ['/mj', '/mj-fast/mj', '/api/mj', '/api/mj-relax/mj']) assert.strictEqual((await call(s, `${p}/task/${id}/fetch`)).status, 200, p);
    assert.strictEqual(s.requestCounts()['GET /mj/task/:id/fetch'], 4);
    assert.strictEqual((await call(s, `/relax/mj/task/${id}/fetch`)).status, 404, 'trueai knows only its three modes');
    const relaxed = await call(s, '/mj-relax/mj/submit/imagine', { body: { prompt: 'slow' } });
    assert.strictEqual((await fetchTask(s, String(JSON.parse(relaxed.text).result))).mode, 'RELAX');
    const n = await sim({ dialect: 'newapi' });
    const nid = n.createTask({});
    assert.strictEqual((await call(n, `/fast/mj/task/${nid}/fetch`)).status, 200);
  });

  it('newapi serves task images at /mj/image/{id}', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({ status: 'SUCCESS' });
    const url = String((await fetchTask(s, id)).imageUrl);
    const r = await fetch(url);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-type'), 'image/png');
  });
});
