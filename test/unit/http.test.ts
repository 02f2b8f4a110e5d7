// MjClient and http.ts over real loopback HTTP: auth, timeouts, cancellation, the body cap,
// Content-Type checks, status mapping, redirects, submits and the batch fallback.

import * as assert from 'assert';
import { MjClient, RequestEvent } from '../../src/core/client';
import { BadResponseError, MjError, NetworkError, RateLimitedError, SubmitRejectedError, TimeoutError } from '../../src/core/errors';
import { isAbortError } from '../../src/core/http';
import { retryAfterMs } from '../../src/core/reply';
import { ServerQuirks } from '../../src/core/serverQuirks';
import { AuthScheme } from '../../src/core/types';
import { closedPort, Handler, Loopback, send, startLoopback } from './loopback';

const KEY = 'sk-secret-key-0123456789abcdef';
const ID = '1730621826053455';

function taskJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, action: 'IMAGINE', status: 'IN_PROGRESS', progress: '57%', ...extra };
}

let servers: Loopback[] = [];
async function serve(handler: Handler): Promise<Loopback> {
  const s = await startLoopback(handler);
  servers.push(s);
  return s;
}

function client(server: Loopback | string, extra: Partial<ConstructorParameters<typeof MjClient>[0]> = {}): MjClient {
  return new MjClient({ baseUrl: typeof server === 'string' ? server : server.url, auth: 'bearer', apiKey: KEY, ...extra });
}

/** Asserts an MjError of `kind` that never mentions the key, then runs `check`. */
async function rejectsWith<T extends MjError>(p: Promise<unknown>, kind: string, check?: (e: T) => void): Promise<T> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof MjError, `expected an MjError, got ${String(caught)}`);
  assert.strictEqual(caught.kind, kind, caught.message);
  for (const text of [caught.message, caught.hint, JSON.stringify(caught.toJSON())]) assert.ok(!text.includes(KEY), text);
  check?.(caught as T);
  return caught as T;
}

describe('http: MjClient over loopback', () => {
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });

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

  describe('fetchTask', () => {
    it('reads a task, URL-encoding the ID', async () => {
      const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson('a/b'))));
      const t = await client(s).fetchTask('a/b');
      assert.strictEqual(t.id, 'a/b');
      assert.strictEqual(t.progress, 57);
      assert.strictEqual(s.requests[0].url, '/mj/task/a%2Fb/fetch');
      assert.strictEqual(s.requests[0].method, 'GET');
      assert.match(String(s.requests[0].headers.accept), /application\/json/);
    });

    it('keeps every digit of a numeric ID in the body', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"id":1320098173412546789,"status":"SUCCESS"}'));
      assert.strictEqual((await client(s).fetchTask('1320098173412546789')).id, '1320098173412546789');
    });

    it('never doubles /mj when the base ends in /mj', async () => {
      const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
      await client(`${s.url}/mj/`).fetchTask(ID);
      assert.strictEqual(s.requests[0].url, `/mj/task/${ID}/fetch`);
    });

    const notFound: [string, number, string, string | null][] = [
      ['404 {code:3}', 404, '{"code":3,"description":"关联任务不存在或已失效"}', 'application/json'],
      ['400 "task_no_found "', 400, '{"description":"task_no_found ","type":"upstream_error","code":4}', 'application/json'],
      ['400 "Task Not Found" (case-insensitive)', 400, '{"description":"Task Not Found","code":4}', 'application/json'],
      ['204', 204, '', null],
      ['200 empty', 200, '', 'application/json'],
      ['200 whitespace', 200, ' \n', null],
    ];
    for (const [name, status, body, type] of notFound) {
      it(`${name} → TaskNotFound naming the task and server`, async () => {
        const s = await serve((_req, res) => send(res, status, body, type));
        await rejectsWith(client(s).fetchTask(ID), 'TaskNotFound', (e) => {
          assert.strictEqual(e.taskId, ID);
          assert.strictEqual(e.server, s.url);
          assert.ok(e.message.includes(ID) && e.message.includes(s.url));
        });
      });
    }

    it('404 with a gateway "Invalid URL" error → BadResponse no-endpoint (the base URL is wrong)', async () => {
      const s = await serve((req, res) =>
        send(res, 404, JSON.stringify({ error: { message: `Invalid URL (GET ${req.url})`, type: 'invalid_request_error', param: '', code: '' } })),
      );
      await rejectsWith<BadResponseError>(client(`${s.url}/api`).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'no-endpoint');
        assert.match(e.hint, /base URL is probably wrong/);
      });
    });

    it('404 HTML page (Tomcat) → BadResponse html', async () => {
      const s = await serve((_req, res) => send(res, 404, '<!doctype html><html><body>HTTP Status 404</body></html>', 'text/html;charset=utf-8'));
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => assert.strictEqual(e.reason, 'html'));
    });

    it('200 JSON that is not a task → BadResponse shape', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":0,"message":"ok","data":{"taskId":"1"}}'));
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'shape');
        assert.ok(e.message.includes(s.url), e.message);
      });
    });
  });

  describe('content types and bodies', () => {
    const body = JSON.stringify(taskJson(ID));
    const accepted: [string, string | null][] = [
      ['application/json', 'application/json'],
      ['application/json with charset', 'application/json; charset=utf-8'],
      ['a +json type', 'application/vnd.mj+json'],
      ['text/plain (mislabelled)', 'text/plain;charset=UTF-8'],
      ['no Content-Type', null],
      ['upper-case type', 'Application/JSON'],
      ['text/html (PHP relays label every answer so)', 'text/html; charset=UTF-8'],
    ];
    for (const [name, type] of accepted) {
      it(`accepts JSON labelled ${name}`, async () => {
        const s = await serve((_req, res) => send(res, 200, body, type));
        assert.strictEqual((await client(s).fetchTask(ID)).id, ID);
      });
    }

    it('accepts a UTF-8 byte order mark', async () => {
      const s = await serve((_req, res) => send(res, 200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])));
      assert.strictEqual((await client(s).fetchTask(ID)).id, ID);
    });

    const rejected: [string, number, string, string | null, BadResponseError['reason']][] = [
      ['text/html', 200, '<!doctype html><title>new-api</title>', 'text/html; charset=utf-8', 'html'],
      ['HTML labelled as JSON', 200, '  <html><body>Bad gateway</body></html>', 'application/json', 'html'],
      ['HTML without a Content-Type', 200, '<html></html>', null, 'html'],
      ['JSON labelled application/octet-stream (checked before parsing)', 200, body, 'application/octet-stream', 'content-type'],
      ['an image', 200, 'PNG....', 'image/png', 'content-type'],
      ['invalid JSON', 200, '{"id": 1730621826053455, status: SUCCESS}', 'application/json', 'invalid-json'],
      ['truncated JSON', 200, body.slice(0, body.length - 5), 'application/json', 'invalid-json'],
      ['plain text that is not JSON', 200, 'OK', 'text/plain', 'invalid-json'],
    ];
    for (const [name, status, text, type, reason] of rejected) {
      it(`rejects ${name} → BadResponse ${reason}`, async () => {
        const s = await serve((_req, res) => send(res, status, text, type));
        await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => assert.strictEqual(e.reason, reason));
      });
    }

    it('names the wrong Content-Type in the message', async () => {
      const s = await serve((_req, res) => send(res, 200, body, 'application/xml'));
      await rejectsWith(client(s).fetchTask(ID), 'BadResponse', (e) => assert.match(e.message, /application\/xml/));
    });

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

  describe('status codes', () => {
    it('401 and 403 → Unauthorized with the server’s short message', async () => {
      const s = await serve((req, res) =>
        req.url.includes('A') ? send(res, 401, 'Invalid API key', 'text/plain') : send(res, 403, '{"error":{"message":"用户已被封禁","type":"new_api_error"}}'),
      );
      await rejectsWith(client(s).fetchTask('AAAA'), 'Unauthorized', (e) => {
        assert.strictEqual(e.status, 401);
        assert.match(e.message, /Invalid API key/);
        assert.match(e.hint, /auth scheme/);
      });
      await rejectsWith(client(s).fetchTask('BBBB'), 'Unauthorized', (e) => assert.match(e.message, /用户已被封禁/));
    });

    it('does not quote a long text body', async () => {
      const s = await serve((_req, res) => send(res, 401, 'x'.repeat(500), 'text/plain'));
      await rejectsWith(client(s).fetchTask(ID), 'Unauthorized', (e) => assert.ok(!e.message.includes('xxxxxxxx')));
    });

    it('403 HTML challenge page → BadResponse html, not a key problem', async () => {
      const s = await serve((_req, res) => send(res, 403, '<!DOCTYPE html><title>Just a moment...</title>', 'text/html'));
      await rejectsWith<BadResponseError>(client(s).fetchTask(ID), 'BadResponse', (e) => {
        assert.strictEqual(e.reason, 'html');
        assert.match(e.hint, /Cloudflare challenge page blocked the request \(HTTP 403\)/);
      });
    });

    it('429 → RateLimited with Retry-After in seconds', async () => {
      const s = await serve((_req, res) => send(res, 429, '', null, { 'Retry-After': '7' }));
      await rejectsWith<RateLimitedError>(client(s).fetchTask(ID), 'RateLimited', (e) => {
        assert.strictEqual(e.retryAfterMs, 7000);
        assert.match(e.hint, /7 s/);
      });
    });

    it('429 → RateLimited with Retry-After as an HTTP date', async () => {
      const at = new Date(Date.now() + 30_000).toUTCString();
      const s = await serve((_req, res) => send(res, 429, '', null, { 'Retry-After': at }));
      await rejectsWith<RateLimitedError>(client(s).fetchTask(ID), 'RateLimited', (e) => {
        assert.ok(e.retryAfterMs !== undefined && e.retryAfterMs > 25_000 && e.retryAfterMs <= 30_000, String(e.retryAfterMs));
      });
    });

    it('429 without Retry-After → RateLimited without a delay', async () => {
      const s = await serve((_req, res) => send(res, 429, ''));
      await rejectsWith<RateLimitedError>(client(s).fetchTask(ID), 'RateLimited', (e) => assert.strictEqual(e.retryAfterMs, undefined));
    });

    for (const [status, body, type] of [
      [500, '{"success":false,"code":-1,"message":"操作失败"}', 'application/json'],
      [502, '<html><center>502 Bad Gateway</center></html>', 'text/html'],
      [503, '', null],
    ] as const) {
      it(`${status} → ServerError`, async () => {
        const s = await serve((_req, res) => send(res, status, body, type));
        await rejectsWith(client(s).fetchTask(ID), 'ServerError', (e) => assert.strictEqual(e.status, status));
      });
    }
  });

  describe('retryAfterMs', () => {
    it('reads delta-seconds and HTTP dates, ignores junk', () => {
      const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
      assert.strictEqual(retryAfterMs('120', now), 120_000);
      assert.strictEqual(retryAfterMs('1.5', now), 1500);
      assert.strictEqual(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', now), 10_000);
      assert.strictEqual(retryAfterMs('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
      assert.strictEqual(retryAfterMs('soon', now), undefined);
      assert.strictEqual(retryAfterMs(null, now), undefined);
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

    it('connection dropped mid-request → Network "connection reset"', async () => {
      const s = await serve((_req, res) => {
        res.socket?.destroy();
      });
      await rejectsWith(client(s).fetchTask(ID), 'Network', (e) => assert.match(e.message, /connection reset/));
    });

    it('connection dropped mid-body (chunked) → Network', async () => {
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"id":"17306');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      await rejectsWith(client(s).fetchTask(ID), 'Network', (e) => assert.match(e.message, /connection reset/));
    });

    it('connection dropped before the announced Content-Length → Timeout within timeoutMs', async () => {
      // node-fetch v2 does not pass this case on as an error; the request deadline still ends it.
      const s = await serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"id":"17306');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      await rejectsWith(client(s, { timeoutMs: 400 }).fetchTask(ID), 'Timeout');
    });

    it('unknown host → Network', async () => {
      await rejectsWith(client('http://mj-tasks-test.invalid').fetchTask(ID), 'Network', (e) => assert.match(e.message, /host not found|DNS lookup failed/));
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

  describe('submits', () => {
    it('submitImagine posts {prompt} as JSON and keeps every digit of a numeric result', async () => {
      const s = await serve((_req, res) =>
        send(res, 200, '{"code":1,"description":"Submit success","result":1320098173412546789,"properties":{"discordInstanceId":"1"}}'),
      );
      const r = await client(s).submitImagine('a cat --v 7');
      assert.deepStrictEqual(r, { code: 1, description: 'Submit success', taskId: '1320098173412546789', needsModal: false, properties: { discordInstanceId: '1' } });
      const req = s.requests[0];
      assert.strictEqual(req.method, 'POST');
      assert.strictEqual(req.url, '/mj/submit/imagine');
      assert.match(String(req.headers['content-type']), /application\/json/);
      assert.deepStrictEqual(JSON.parse(req.body), { prompt: 'a cat --v 7' });
    });

    it('submitAction posts {taskId, customId}; submitModal posts {taskId, prompt, maskBase64}', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1748339029401831"}'));
      await client(s).submitAction(ID, 'MJ::JOB::upsample::1::h');
      await client(s).submitModal('1748339029401829', { prompt: 'dog --zoom 2', maskBase64: 'data:image/png;base64,AAAA' });
      await client(s).submitModal('1748339029401829', {});
      assert.deepStrictEqual(
        s.requests.map((r) => [r.url, JSON.parse(r.body)]),
        [
          ['/mj/submit/action', { taskId: ID, customId: 'MJ::JOB::upsample::1::h' }],
          ['/mj/submit/modal', { taskId: '1748339029401829', prompt: 'dog --zoom 2', maskBase64: 'data:image/png;base64,AAAA' }],
          ['/mj/submit/modal', { taskId: '1748339029401829' }],
        ],
      );
    });

    it('uses the mode prefix of the base URL for submits', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1"}'));
      await client(`${s.url}/mj-relax/mj`).submitImagine('cat');
      assert.strictEqual(s.requests[0].url, '/mj-relax/mj/submit/imagine');
    });

    it('takes the first ID of a comma-joined result', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1748339029401831,1748339029401832"}'));
      assert.strictEqual((await client(s).submitAction(ID, 'MJ::Job::PicReader::all')).taskId, '1748339029401831');
    });

    for (const [code, description] of [
      [24, '可能包含敏感词'],
      [23, '队列已满，请稍后尝试'],
      [4, 'prompt不能为空'],
      [3, '无可用的账号实例'],
      [9, '提交失败，队列已满，请稍后重试'],
    ] as const) {
      it(`code ${code} on 200 → SubmitRejected with the description`, async () => {
        const s = await serve((_req, res) => send(res, 200, JSON.stringify({ code, description, result: null, properties: { promptEn: 'x' } })));
        await rejectsWith<SubmitRejectedError>(client(s).submitImagine('cat'), 'SubmitRejected', (e) => {
          assert.strictEqual(e.code, code);
          assert.strictEqual(e.description, description);
          assert.ok(e.message.includes(description));
        });
      });
    }

    it('accepted code without a result → BadResponse shape', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok"}'));
      await rejectsWith<BadResponseError>(client(s).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'shape'));
    });

    it('400 plain text → SubmitRejected quoting it', async () => {
      const s = await serve((_req, res) => send(res, 400, 'prompt too long', 'text/plain'));
      await rejectsWith<SubmitRejectedError>(client(s).submitImagine('cat'), 'SubmitRejected', (e) => assert.strictEqual(e.description, 'prompt too long'));
    });

    it('404 HTML and 405 → the endpoint is missing, not a rejection', async () => {
      const s = await serve((req, res) => (req.url.startsWith('/a') ? send(res, 404, '<html></html>', 'text/html') : send(res, 405, '')));
      await rejectsWith<BadResponseError>(client(`${s.url}/a`).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'html'));
      await rejectsWith<BadResponseError>(client(`${s.url}/b`).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'no-endpoint'));
    });

    it('an empty 200 → BadResponse empty', async () => {
      const s = await serve((_req, res) => send(res, 200, ''));
      await rejectsWith<BadResponseError>(client(s).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'empty'));
    });
  });

  describe('imageSeed and cancel', () => {
    it('imageSeed reads a numeric or string seed', async () => {
      const s = await serve((req, res) => send(res, 200, req.url.includes('1111') ? '{"code":1,"description":"成功","result":2754419917}' : '{"code":1,"result":"42"}'));
      assert.strictEqual(await client(s).imageSeed('1111'), '2754419917');
      assert.strictEqual(await client(s).imageSeed('2222'), '42');
      assert.strictEqual(s.requests[0].url, '/mj/task/1111/image-seed');
    });

    it('imageSeed of an unknown task (trueai 404 code 3, new-api 400 task_no_found) → TaskNotFound', async () => {
      const s = await serve((req, res) =>
        req.url.includes('1111')
          ? send(res, 404, '{"code":3,"description":"关联任务不存在或已失效","result":null,"properties":{}}')
          : send(res, 400, '{"description":"task_no_found ","type":"upstream_error","code":4}'),
      );
      await rejectsWith(client(s).imageSeed('1111'), 'TaskNotFound');
      await rejectsWith(client(s).imageSeed('2222'), 'TaskNotFound');
    });

    it('cancel posts to /mj/task/{id}/cancel and accepts an empty 200 or code 1', async () => {
      const s = await serve((req, res) => send(res, 200, req.url.includes('1111') ? '' : '{"code":1,"description":"ok"}', req.url.includes('1111') ? null : 'application/json'));
      await client(s).cancel('1111');
      await client(s).cancel('2222');
      assert.deepStrictEqual(s.requests.map((r) => [r.method, r.url]), [
        ['POST', '/mj/task/1111/cancel'],
        ['POST', '/mj/task/2222/cancel'],
      ]);
    });

    it('cancel on a server without the endpoint (404) → no-endpoint; code ≠ 1 → refused', async () => {
      const s = await serve((req, res) => (req.url.includes('1111') ? send(res, 404, '') : send(res, 200, '{"code":9,"description":"无法取消"}')));
      await rejectsWith<BadResponseError>(client(s).cancel('1111'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'no-endpoint'));
      await rejectsWith<BadResponseError>(client(s).cancel('2222'), 'BadResponse', (e) => assert.match(e.message, /无法取消/));
    });
  });

  describe('fetchTasks', () => {
    /** A server with list-by-condition over a fixed set of known IDs. */
    function batchServer(known: Set<string>, onList?: (ids: string[]) => void): Handler {
      return (req, res) => {
        if (req.url.endsWith('/list-by-condition')) {
          const ids = (JSON.parse(req.body) as { ids: string[] }).ids;
          onList?.(ids);
          send(res, 200, JSON.stringify(ids.filter((id) => known.has(id)).map((id) => taskJson(id))));
        } else {
          const id = decodeURIComponent(req.url.split('/')[3]);
          if (known.has(id)) send(res, 200, JSON.stringify(taskJson(id)));
          else send(res, 200, '');
        }
      };
    }

    it('returns nothing for no IDs without a request', async () => {
      const s = await serve(batchServer(new Set()));
      const r = await client(s).fetchTasks(['', '  ']);
      assert.deepStrictEqual([r.tasks.size, r.missing, r.errors.size, s.requests.length], [0, [], 0, 0]);
    });

    it('posts {"ids":[…]} in chunks of 100, deduplicated, and reports unknown IDs as missing', async () => {
      const ids = Array.from({ length: 250 }, (_, i) => String(1730621826053000 + i));
      const known = new Set(ids.filter((_, i) => i % 10 !== 0));
      const lists: string[][] = [];
      const s = await serve(batchServer(known, (l) => lists.push(l)));
      const r = await client(s).fetchTasks([...ids, ...ids.slice(0, 50), ` ${ids[1]} `]);
      assert.deepStrictEqual(lists.map((l) => l.length), [100, 100, 50]);
      assert.deepStrictEqual(lists.flat(), ids);
      assert.strictEqual(r.tasks.size, known.size);
      assert.deepStrictEqual(r.missing, ids.filter((id) => !known.has(id)));
      assert.strictEqual(r.errors.size, 0);
      assert.match(String(s.requests[0].headers['content-type']), /application\/json/);
      assert.strictEqual(s.requests[0].method, 'POST');
      assert.ok(s.requests.every((q) => q.url === '/mj/task/list-by-condition'));
    });

    it('ignores tasks the server returns but nobody asked for', async () => {
      const s = await serve((_req, res) => send(res, 200, JSON.stringify([taskJson('1111'), taskJson('9999'), { junk: true }, null])));
      const r = await client(s).fetchTasks(['1111', '2222']);
      assert.deepStrictEqual([...r.tasks.keys()], ['1111']);
      assert.deepStrictEqual(r.missing, ['2222']);
    });

    const unsupported: [string, number, string, string | null][] = [
      ['404', 404, '', null],
      ['405', 405, '{"error":"Method Not Allowed"}', 'application/json'],
      ['501', 501, '', null],
      ['an HTML page (new-api web UI)', 200, '<!doctype html><html></html>', 'text/html'],
      ['a non-array JSON body', 200, '{"code":1,"description":"ok"}', 'application/json'],
    ];
    for (const [name, status, body, type] of unsupported) {
      it(`falls back to per-ID fetches when list-by-condition answers ${name}`, async () => {
        const known = new Set(['1111', '2222']);
        const perId = batchServer(known);
        const s = await serve((req, res) => (req.url.endsWith('/list-by-condition') ? send(res, status, body, type) : perId(req, res)));
        const r = await client(s).fetchTasks(['1111', '2222', '3333']);
        assert.deepStrictEqual([...r.tasks.keys()].sort(), ['1111', '2222']);
        assert.deepStrictEqual(r.missing, ['3333']);
        assert.strictEqual(r.errors.size, 0);
      });
    }

    it('remembers per server that list-by-condition is missing, for every client sharing its quirks', async () => {
      const known = new Set(['1111']);
      const perId = batchServer(known);
      const s = await serve((req, res) => (req.url.endsWith('/list-by-condition') ? send(res, 404, '') : perId(req, res)));
      const quirks = new ServerQuirks();
      const c = client(s, { quirks });
      await c.fetchTasks(['1111']);
      await c.fetchTasks(['1111']);
      await client(`${s.url}/mj`, { quirks }).fetchTasks(['1111']);
      const lists = s.requests.filter((q) => q.url.endsWith('/list-by-condition'));
      assert.strictEqual(lists.length, 1, 'one failed list-by-condition, then straight to per-ID');
      assert.strictEqual(s.requests.length, 4);

      // Another server (another port) is judged on its own.
      const other = await serve(batchServer(known));
      await client(other, { quirks }).fetchTasks(['1111']);
      assert.strictEqual(other.requests[0].url, '/mj/task/list-by-condition');

      // A client with quirks of its own has learnt nothing yet.
      await client(s, { quirks: new ServerQuirks() }).fetchTasks(['1111']);
      assert.strictEqual(s.requests.filter((q) => q.url.endsWith('/list-by-condition')).length, 2);
    });

    it('fetches per ID with at most 4 in flight', async () => {
      let inFlight = 0;
      let maxInFlight = 0;
      const s = await serve(async (req, res) => {
        if (req.url.endsWith('/list-by-condition')) return send(res, 404, '');
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 30));
        inFlight--;
        send(res, 200, JSON.stringify(taskJson(decodeURIComponent(req.url.split('/')[3]))));
      });
      const ids = Array.from({ length: 12 }, (_, i) => `id-${i}-x`);
      const r = await client(s).fetchTasks(ids);
      assert.strictEqual(r.tasks.size, 12);
      assert.strictEqual(maxInFlight, 4);
    });

    it('per ID: not found → missing, other failures → errors', async () => {
      const s = await serve((req, res) => {
        if (req.url.endsWith('/list-by-condition')) return send(res, 404, '');
        if (req.url.includes('1111')) return send(res, 200, JSON.stringify(taskJson('1111')));
        if (req.url.includes('2222')) return send(res, 204, '', null);
        if (req.url.includes('3333')) return send(res, 500, '');
        return send(res, 200, 'garbage', 'application/json');
      });
      const r = await client(s).fetchTasks(['1111', '2222', '3333', '4444']);
      assert.deepStrictEqual([...r.tasks.keys()], ['1111']);
      assert.deepStrictEqual(r.missing, ['2222']);
      assert.deepStrictEqual([...r.errors.entries()].map(([id, e]) => [id, e.kind]).sort(), [
        ['3333', 'ServerError'],
        ['4444', 'BadResponse'],
      ]);
    });

    it('per ID: throws the one error when every ID fails with the same Unauthorized', async () => {
      const s = await serve((req, res) => (req.url.endsWith('/list-by-condition') ? send(res, 404, '') : send(res, 401, '')));
      await rejectsWith(client(s).fetchTasks(['1111', '2222']), 'Unauthorized');
    });

    it('per ID: keeps mixed failures per ID instead of throwing', async () => {
      const s = await serve((req, res) => {
        if (req.url.endsWith('/list-by-condition')) return send(res, 404, '');
        return req.url.includes('1111') ? send(res, 401, '') : send(res, 500, '');
      });
      const r = await client(s).fetchTasks(['1111', '2222']);
      assert.deepStrictEqual([r.errors.get('1111')?.kind, r.errors.get('2222')?.kind], ['Unauthorized', 'ServerError']);
    });

    const whole: [string, number, string, string][] = [
      ['401', 401, '', 'Unauthorized'],
      ['429', 429, '', 'RateLimited'],
      ['500', 500, '', 'ServerError'],
      ['400 refusal', 400, '{"code":4,"description":"无效的加速模式","type":"one_hub_error"}', 'BadResponse'],
      ['invalid JSON', 200, '[{"id":', 'BadResponse'],
      ['trueai logic exception', 200, '{"success":false,"code":-1,"message":"访客今日绘图次数已达上限"}', 'BadResponse'],
    ];
    for (const [name, status, body, kind] of whole) {
      it(`throws when the whole batch fails (${name}) without falling back`, async () => {
        const s = await serve((_req, res) => send(res, status, body));
        await rejectsWith(client(s).fetchTasks(['1111', '2222']), kind);
        assert.strictEqual(s.requests.length, 1);
      });
    }

    it('throws Network when the server is down', async () => {
      const port = await closedPort();
      await rejectsWith(client(`http://127.0.0.1:${port}`).fetchTasks(['1111']), 'Network');
    });

    it('throws Timeout when the batch request times out', async () => {
      const s = await serve(() => undefined);
      await rejectsWith(client(s, { timeoutMs: 200 }).fetchTasks(['1111']), 'Timeout');
    });
  });

  describe('constructor', () => {
    it('refuses an unusable base URL with the validation message', () => {
      assert.throws(() => new MjClient({ baseUrl: 'ftp://x', auth: 'none' }), /http:\/\/ or https:\/\//);
    });

    it('names the server by its origin only', () => {
      assert.strictEqual(new MjClient({ baseUrl: 'https://u:p@api.example.com:8443/mj-relax/mj', auth: 'none' }).server, 'https://api.example.com:8443');
    });
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
