// Every fault kind the simulator injects (latency, 429, 5xx, HTML, truncated, oversized, reset,
// empty), and how path and times scope one.

import * as assert from 'assert';
import type { Dialect, Simulator } from '../../src/simulator';
import { sim, call } from './simulatorHelpers';

describe('simulator: faults', () => {
  async function withTask(dialect: Dialect = 'newapi'): Promise<{ s: Simulator; path: string }> {
    const s = await sim({ dialect });
    return { s, path: `/mj/task/${s.createTask({ status: 'SUCCESS' })}/fetch` };
  }

  it('latency delays the answer', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'latency', ms: 150 }]);
    const started = Date.now();
    assert.strictEqual((await call(s, path)).status, 200);
    assert.ok(Date.now() - started >= 140, `${Date.now() - started} ms`);
  });

  it('status429 with and without Retry-After; newapi\'s body is code 30', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'status429', retryAfterSec: 7 }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, r.headers.get('retry-after'), JSON.parse(r.text).code], [429, '7', 30]);
    const t = await withTask('trueai');
    t.s.setFaults([{ kind: 'status429' }]);
    const r2 = await call(t.s, t.path);
    assert.deepStrictEqual([r2.status, r2.headers.get('retry-after'), r2.text], [429, null, '']);
  });

  it('status5xx: 500 in the dialect\'s JSON, 502 as the proxy\'s HTML page', async () => {
    const { s, path } = await withTask('trueai');
    s.setFaults([{ kind: 'status5xx' }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, JSON.parse(r.text).success], [500, false]);
    s.setFaults([{ kind: 'status5xx', status: 502 }]);
    const g = await call(s, path);
    assert.strictEqual(g.status, 502);
    assert.match(g.text, /502 Bad Gateway/);
  });

  it('html: 200 text/html', async () => {
    const { s, path } = await withTask('novicezk');
    s.setFaults([{ kind: 'html' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.text, /<html>/i);
  });

  it('truncated: the real JSON cut mid-way, with a JSON type and a matching length', async () => {
    const { s, path } = await withTask('trueai');
    const whole = (await call(s, path)).text;
    s.setFaults([{ kind: 'truncated' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.strictEqual(r.headers.get('content-length'), String(Buffer.byteLength(r.text)));
    assert.ok(whole.startsWith(r.text) && r.text.length > 10 && r.text.length < whole.length);
    assert.throws(() => JSON.parse(r.text));
  });

  it('oversized: more than 5 MB, streamed without Content-Length', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'oversized' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-length'), null);
    assert.ok(Buffer.byteLength(r.text) > 5 * 1024 * 1024, String(r.text.length));
    s.setFaults([{ kind: 'oversized', bytes: 100_000 }]);
    const small = await call(s, path);
    assert.ok(small.text.length > 100_000 && small.text.length < 300_000);
  });

  it('reset: the connection is destroyed without an answer', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'reset' }]);
    await assert.rejects(call(s, path), (e: Error & { cause?: { code?: string } }) => /fetch failed/.test(e.message));
  });

  it('empty: 200 with no body', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'empty' }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, r.text], [200, '']);
  });

  it('path limits a fault to a route (key or prefix); times stops it; clearFaults ends all', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'status5xx', status: 503, path: 'POST /mj/task/list-by-condition', times: 2 }]);
    assert.strictEqual((await call(s, path)).status, 200);
    const batch = () => call(s, '/mj/task/list-by-condition', { body: { ids: [] } });
    assert.deepStrictEqual([(await batch()).status, (await batch()).status, (await batch()).status], [503, 503, 200]);
    s.setFaults([{ kind: 'status5xx', path: '/mj/task' }]);
    assert.strictEqual((await call(s, path)).status, 500);
    assert.strictEqual((await fetch(`${s.url}/images/grid-0.png`)).status, 200);
    s.clearFaults();
    assert.strictEqual((await call(s, path)).status, 200);
  });
});
