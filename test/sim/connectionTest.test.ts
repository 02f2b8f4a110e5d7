import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { testConnection } from '../../src/core/connectionTest';
import { AuthScheme } from '../../src/core/types';
import { Dialect, Simulator, startSimulator } from '../../src/simulator';
import { Loopback, send, startLoopback } from '../unit/loopback';

const SCHEME: Record<Dialect, AuthScheme> = { novicezk: 'mj-api-secret', trueai: 'raw', newapi: 'bearer' };

describe('Test Connection against the simulator', () => {
  const sims: Simulator[] = [];
  after(() => Promise.all(sims.map((s) => s.close())));

  for (const dialect of ['novicezk', 'trueai', 'newapi'] as Dialect[]) {
    it(`${dialect}: OK with the right key, names the problem with a wrong key or URL`, async () => {
      const sim = await startSimulator({ port: 0, dialect, apiKey: 'right-key' });
      sims.push(sim);
      const ok = await testConnection(new MjClient({ baseUrl: sim.url, auth: SCHEME[dialect], apiKey: 'right-key' }));
      assert.strictEqual(ok.ok, true, ok.summary);
      assert.strictEqual(sim.totalRequests(), 1, 'one cheap request');

      const wrongKey = await testConnection(new MjClient({ baseUrl: sim.url, auth: SCHEME[dialect], apiKey: 'wrong' }));
      assert.strictEqual(wrongKey.ok, false);
      assert.match(wrongKey.summary, /API key was not accepted/);

      sim.setFaults([{ kind: 'html' }]);
      const page = await testConnection(new MjClient({ baseUrl: sim.url, auth: SCHEME[dialect], apiKey: 'right-key' }));
      assert.strictEqual(page.ok, false);
      assert.match(page.summary, /HTML page/);
      sim.clearFaults();
    });
  }

  describe('a server that answers 404 with nothing in it', () => {
    let web: Loopback | undefined;
    afterEach(() => web?.close());

    it('is not taken for a Midjourney-proxy: any web server says that for a path it lacks', async () => {
      web = await startLoopback((_req, res) => send(res, 404, '', null));
      const result = await testConnection(new MjClient({ baseUrl: web.url, auth: 'bearer', apiKey: 'right-key' }));
      assert.strictEqual(result.ok, false, result.summary);
      assert.match(result.summary, /no such endpoint/);
      assert.deepStrictEqual(web.requests.map((r) => `${r.method} ${r.url}`), ['GET /mj/task/0000000000000000/fetch', 'POST /mj/task/list-by-condition']);
    });

    it('is, when its list-by-condition answers with a task list', async () => {
      web = await startLoopback((req, res) => (req.method === 'POST' ? send(res, 200, '[]') : send(res, 404, '', null)));
      const result = await testConnection(new MjClient({ baseUrl: web.url, auth: 'bearer', apiKey: 'right-key' }));
      assert.strictEqual(result.ok, true, result.summary);
    });
  });

  it('says when nothing answers at the address', async () => {
    const result = await testConnection(new MjClient({ baseUrl: 'http://127.0.0.1:9', auth: 'none', timeoutMs: 3000 }));
    assert.strictEqual(result.ok, false);
    assert.match(result.summary, /^The request to http:\/\/127\.0\.0\.1:9 could not reach the server/);
    assert.doesNotMatch(result.summary, /0000000000000000/, 'the probe ID is not a task of the user');
  });
});
