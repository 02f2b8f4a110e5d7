// The transport (core/http.ts) through MjClient over real loopback HTTP: the auth header, the
// request listener, network failures, timeouts, caller cancellation, redirects and the body cap.

import * as assert from 'assert';
import { inspect } from 'util';
import { RequestEvent } from '../../src/core/client';
import { BadResponseError, MjError, NetworkError, TimeoutError } from '../../src/core/errors';
import { isAbortError } from '../../src/core/http';
import { AuthScheme } from '../../src/core/types';
import { client, ID, KEY, rejectsWith, taskJson, waitFor } from './clientFixture';
import { closedPort, loopbacks, send } from './loopback';

describe('http: the transport over loopback', () => {
  const serve = loopbacks();

  describe('auth', () => {
    const expected: [AuthScheme, string, string | undefined][] = [
      ['bearer', 'authorization', `Bearer ${KEY}`],
      ['raw', 'authorization', KEY],
      ['mj-api-secret', 'mj-api-secret', KEY],
      ['none', 'authorization', undefined],
    ];
    for (const [auth, header, value] of expected) {
      it(`${auth} sends ${value === undefined ? 'no key' : header}`, async () => {
        const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
        await client(s, { auth }).fetchTask(ID);
        const h = s.requests[0].headers;
        assert.strictEqual(h[header], value);
        const other = header === 'authorization' ? 'mj-api-secret' : 'authorization';
        assert.strictEqual(h[other], undefined);
        if (auth === 'none') assert.ok(!JSON.stringify(h).includes(KEY));
      });
    }

    it('sends no auth header when there is no key', async () => {
      const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
      await client(s, { apiKey: '  ' }).fetchTask(ID);
      assert.strictEqual(s.requests[0].headers.authorization, undefined);
    });

    it('keeps the key out of an inspected or stringified client', () => {
      const c = client('http://127.0.0.1:9');
      for (const text of [inspect(c, { depth: null, showHidden: true }), JSON.stringify(c)]) assert.ok(!text.includes(KEY), text);
    });

    it('masks the key when a server echoes it in a 401 message', async () => {
      const s = await serve((_req, res) => send(res, 401, JSON.stringify({ error: { message: `invalid token ${KEY}` } })));
      await rejectsWith(client(s).fetchTask(ID), 'Unauthorized', (e) => assert.match(e.message, /invalid token \*\*\*/));
    });

    it('reports each request to onRequest with the path only', async () => {
      const events: RequestEvent[] = [];
      const s = await serve((req, res) => (req.url.includes('fetch') ? send(res, 200, JSON.stringify(taskJson(ID))) : send(res, 401, '')));
      const c = client(`${s.url}/mj-relax`, { onRequest: (e) => events.push(e) });
      await c.fetchTask(ID);
      await assert.rejects(c.submitImagine('cat'));
      assert.strictEqual(events.length, 2);
      assert.deepStrictEqual(
        events.map(({ method, path, status }) => ({ method, path, status })),
        [
          { method: 'GET', path: `/mj-relax/mj/task/${ID}/fetch`, status: 200 },
          { method: 'POST', path: '/mj-relax/mj/submit/imagine', status: 401 },
        ],
      );
      for (const e of events) assert.ok(typeof e.ms === 'number' && e.ms >= 0);
      assert.ok(!JSON.stringify(events).includes(KEY));
    });

    it('reports failed requests to onRequest with an error, and survives a throwing listener', async () => {
      const port = await closedPort();
      const events: RequestEvent[] = [];
      await rejectsWith(client(`http://127.0.0.1:${port}`, { onRequest: (e) => events.push(e) }).fetchTask(ID), 'Network');
      assert.strictEqual(events.length, 1);
      assert.strictEqual(events[0].status, undefined);
      assert.match(events[0].error ?? '', /connection refused/);
      const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
      const t = await client(s, {
        onRequest: () => {
          throw new Error('logger broke');
        },
      }).fetchTask(ID);
      assert.strictEqual(t.id, ID);
    });
  });

  describe('network, timeouts and cancellation', () => {
    it('nothing listening → Network "connection refused"', async () => {
      const port = await closedPort();
      await rejectsWith<NetworkError>(client(`http://127.0.0.1:${port}`).fetchTask(ID), 'Network', (e) => {
        assert.match(e.message, /connection refused/);
        assert.ok(!e.message.includes('/mj/task'), 'no URL path in the message');
      });
    });

    it('connection closed without an answer → Network, said in words', async () => {
      const s = await serve((_req, res) => {
        res.socket?.destroy();
      });
      await rejectsWith(client(s).fetchTask(ID), 'Network', (e) => assert.match(e.message, /failed: the server closed the connection without answering\./));
    });

    it('connection dropped mid-body (chunked) → Network "closed before the answer was complete"', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"id":"17306');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      await rejectsWith(client(s).fetchTask(ID), 'Network', (e) => assert.match(e.message, /the server closed the connection before the answer was complete/));
    });

    it('connection dropped before the announced Content-Length → Network at once, not a timeout', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"id":"17306');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const started = Date.now();
      await rejectsWith(client(s, { timeoutMs: 10_000 }).fetchTask(ID), 'Network', (e) => {
        assert.match(e.message, /^Task 1730621826053455 on http:\/\/127\.0\.0\.1:\d+ failed: the server closed the connection before the answer was complete\.$/);
        assert.match(e.hint, /dropped the connection/);
      });
      assert.ok(Date.now() - started < 5_000, 'long before the 10 s limit');
    });

    it('unknown host → Network', async () => {
      await rejectsWith(client('http://mj-tasks-test.invalid').fetchTask(ID), 'Network', (e) => assert.match(e.message, /the host name was not found|the DNS lookup failed/));
    });

    it('no answer → Timeout after timeoutMs', async () => {
      const s = await serve(() => undefined);
      const started = Date.now();
      await rejectsWith<TimeoutError>(client(s, { timeoutMs: 300 }).fetchTask(ID), 'Timeout', (e) => assert.match(e.message, /0\.3 s/));
      const took = Date.now() - started;
      assert.ok(took >= 280 && took < 3000, String(took));
    });

    it('a body that stalls → Timeout (the limit covers reading the body)', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"id":"1730');
      });
      await rejectsWith(client(s, { timeoutMs: 300 }).fetchTask(ID), 'Timeout');
    });

    it('a caller abort rejects with an AbortError, not a Timeout or MjError', async () => {
      const s = await serve(() => undefined);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(client(s, { timeoutMs: 5000 }).fetchTask(ID, { signal: controller.signal }), (e: unknown) => {
        assert.ok(isAbortError(e));
        assert.ok(!(e instanceof MjError));
        return true;
      });
    });

    it('an already-aborted signal rejects without a request', async () => {
      const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(client(s).fetchTask(ID, { signal: controller.signal }), (e: unknown) => isAbortError(e));
      assert.strictEqual(s.requests.length, 0);
    });

    it('an abort during the per-ID fallback rejects the whole batch with an AbortError', async () => {
      const s = await serve((req, res) => (req.url.endsWith('list-by-condition') ? send(res, 404, '') : undefined));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(client(s).fetchTasks(['1111', '2222', '3333'], { signal: controller.signal }), (e: unknown) => isAbortError(e));
    });
  });

  describe('redirects', () => {
    it('follows a redirect on the same host, keeping the key', async () => {
      const s = await serve((req, res) =>
        req.url.startsWith('/old') ? send(res, 301, '', null, { Location: req.url.replace('/old', '/new') }) : send(res, 200, JSON.stringify(taskJson(ID))),
      );
      assert.strictEqual((await client(`${s.url}/old`).fetchTask(ID)).id, ID);
      assert.strictEqual(s.requests[1].url, `/new/mj/task/${ID}/fetch`);
      assert.strictEqual(s.requests[1].headers.authorization, `Bearer ${KEY}`);
    });

    it('keeps POST and its body across a 307/308', async () => {
      const s = await serve((req, res) =>
        req.url.startsWith('/old') ? send(res, 308, '', null, { Location: req.url.replace('/old', '') }) : send(res, 200, '{"code":1,"description":"ok","result":"1"}'),
      );
      await client(`${s.url}/old`).submitImagine('cat');
      assert.strictEqual(s.requests[1].method, 'POST');
      assert.deepStrictEqual(JSON.parse(s.requests[1].body), { prompt: 'cat' });
    });

    it('does not follow a redirect to another host: the key would go with it', async () => {
      const elsewhere = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
      const s = await serve((req, res) => send(res, 302, '', null, { Location: elsewhere.url + req.url }));
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'redirect');
        assert.ok(e.message.includes(elsewhere.url));
      });
      assert.strictEqual(elsewhere.requests.length, 0);
    });

    it('gives up on a redirect loop', async () => {
      const s = await serve((req, res) => send(res, 302, '', null, { Location: req.url }));
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => assert.strictEqual(e.reason, 'redirect'));
      assert.ok(s.requests.length <= 5);
    });
  });

  describe('the body cap', () => {
    it('cuts off a body larger than the cap and stops reading (endless stream)', async () => {
      let closed = false;
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.on('close', () => (closed = true));
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        res.write('[');
        const pump = (): void => {
          while (!closed && res.write(chunk));
          if (!closed) res.once('drain', pump);
        };
        pump();
      });
      const started = Date.now();
      await rejectsWith<BadResponseError>(client(s, { maxBodyBytes: 256 * 1024 }).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'too-large');
        assert.match(e.message, /256 KB/);
      });
      assert.ok(Date.now() - started < 5000);
      await waitFor(() => closed);
    });

    it('rejects a declared Content-Length above the cap without reading the body', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) });
        res.write('{"id":"');
      });
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'too-large');
        assert.match(e.message, /5 MB/);
      });
    });

    it('accepts a body just under the cap', async () => {
      const padded = JSON.stringify(taskJson(ID, { prompt: 'x'.repeat(60 * 1024) }));
      const s = await serve((_req, res) => send(res, 200, padded));
      assert.strictEqual((await client(s, { maxBodyBytes: padded.length }).fetchTask(ID)).id, ID);
    });
  });
});
