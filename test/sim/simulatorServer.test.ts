// The simulator as a server: request counts by route and the request log, concurrency, and a close() that ends
// keep-alive sockets and delayed answers.

import * as assert from 'assert';
import * as http from 'http';
import { startSimulator } from '../../src/simulator';
import { sim, auth, call, waitFor } from './simulatorHelpers';

describe('simulator: counts, concurrency, close', () => {
  it('counts by route key; resetCounts clears', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({});
    await call(s, `/mj/task/${id}/fetch`);
    await call(s, '/mj/task/999/fetch');
    await call(s, '/mj/task/list-by-condition', { body: { ids: [id] } });
    await call(s, '/mj/submit/imagine', { body: { prompt: 'x' } });
    assert.deepStrictEqual(s.requestCounts(), {
      'GET /mj/task/:id/fetch': 2,
      'POST /mj/task/list-by-condition': 1,
      'POST /mj/submit/imagine': 1,
    });
    assert.strictEqual(s.totalRequests(), 4);
    s.resetCounts();
    assert.deepStrictEqual([s.requestCounts(), s.totalRequests()], [{}, 0]);
  });

  it('logs every request with the path as asked and the task IDs asked about; resetCounts clears it', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({});
    await call(s, `/mj/task/${id}/fetch`);
    const listed = await call(s, '/api/mj/task/list-by-condition', { body: { ids: [id, '42'] } });
    assert.strictEqual(listed.status, 200, 'the /api mount answers like the root');
    await call(s, '/mj/submit/imagine', { body: { prompt: 'x' } });
    assert.deepStrictEqual(
      s.requestLog().map(({ key, path, ids }) => ({ key, path, ids })),
      [
        { key: 'GET /mj/task/:id/fetch', path: `/mj/task/${id}/fetch`, ids: [id] },
        { key: 'POST /mj/task/list-by-condition', path: '/api/mj/task/list-by-condition', ids: [id, '42'] },
        { key: 'POST /mj/submit/imagine', path: '/mj/submit/imagine', ids: [] },
      ],
    );
    s.resetCounts();
    assert.deepStrictEqual(s.requestLog(), []);
  });

  it('answers 300 concurrent requests', async () => {
    const s = await sim({ dialect: 'trueai' });
    const ids = Array.from({ length: 50 }, () => s.createTask({ status: 'IN_PROGRESS', progress: 50 }));
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => call(s, `/mj/task/${ids[i % 50]}/fetch`)));
    assert.ok(results.every((r) => r.status === 200));
    assert.strictEqual(s.totalRequests(), 300);
  });

  it('close() ends open keep-alive sockets and pending delayed answers promptly', async () => {
    const s = await startSimulator({ port: 0, dialect: 'novicezk' });
    const agent = new http.Agent({ keepAlive: true });
    const id = s.createTask({});
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${s.url}/mj/task/${id}/fetch`, { agent, headers: auth('novicezk') }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
      });
    assert.strictEqual(await get(), 200);
    const idle = Object.values(agent.freeSockets).flat();
    assert.strictEqual(idle.length, 1, 'a keep-alive socket stays open');
    const socketClosed = new Promise<void>((resolve) => idle[0]?.once('close', () => resolve()));
    s.setFaults([{ kind: 'latency', ms: 60_000 }]);
    const pending = get().catch((e: Error) => e);
    await waitFor('the delayed request to arrive', () => s.totalRequests() === 2);
    const started = Date.now();
    await s.close();
    await socketClosed;
    assert.ok((await pending) instanceof Error, 'the delayed request ends with an error, not an answer');
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    agent.destroy();
  });
});
