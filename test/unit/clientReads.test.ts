// MjClient's reads over real loopback HTTP: fetchTask with each dialect's "not found", fetchTasks
// (list-by-condition in chunks, the per-ID fallback, what is learnt per server), imageSeed, and
// the constructor's checks.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { BadResponseError, MjErrorKind } from '../../src/core/errors';
import { ServerQuirks } from '../../src/core/serverQuirks';
import { client, ID, rejectsWith, taskJson } from './clientFixture';
import { closedPort, Handler, loopbacks, send } from './loopback';

describe('client reads over loopback', () => {
  const serve = loopbacks();

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
      // A list answer alone never calls a task missing: each absent ID was asked for with /fetch.
      const fetched = s.requests.filter((q) => q.url !== '/mj/task/list-by-condition').map((q) => q.url);
      assert.deepStrictEqual(fetched.sort(), r.missing.map((id) => `/mj/task/${id}/fetch`).sort());
    });

    it('asks /fetch for an ID a list answer left out before calling it missing (a relay that pages)', async () => {
      const known = new Set(['1111', '2222', '3333']);
      const perId = batchServer(known);
      // Lists only the first task asked for, as a relay with a page size of one would.
      const s = await serve((req, res) => {
        if (!req.url.endsWith('/list-by-condition')) return perId(req, res);
        const ids = (JSON.parse(req.body) as { ids: string[] }).ids;
        send(res, 200, JSON.stringify([taskJson(ids[0])]));
      });
      const r = await client(s).fetchTasks(['1111', '2222', '3333', '4444']);
      assert.deepStrictEqual([...r.tasks.keys()].sort(), ['1111', '2222', '3333']);
      assert.deepStrictEqual(r.missing, ['4444']);
      assert.deepStrictEqual(s.requests.map((q) => q.url).slice(1).sort(), ['2222', '3333', '4444'].map((id) => `/mj/task/${id}/fetch`));
    });

    it('asks /fetch, not list-by-condition, for a single ID', async () => {
      const s = await serve(batchServer(new Set(['1111'])));
      const r = await client(s).fetchTasks(['1111', ' 1111 ']);
      assert.deepStrictEqual([...r.tasks.keys()], ['1111']);
      assert.deepStrictEqual(s.requests.map((q) => q.url), ['/mj/task/1111/fetch']);
    });

    it('ignores tasks the server returns but nobody asked for', async () => {
      const s = await serve((req, res) =>
        req.url.endsWith('/list-by-condition') ? send(res, 200, JSON.stringify([taskJson('1111'), taskJson('9999'), { junk: true }, null])) : send(res, 204, '', null),
      );
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
      const two = ['1111', '2222'];
      await c.fetchTasks(two);
      await c.fetchTasks(two);
      await client(`${s.url}/mj`, { quirks }).fetchTasks(two);
      const lists = s.requests.filter((q) => q.url.endsWith('/list-by-condition'));
      assert.strictEqual(lists.length, 1, 'one failed list-by-condition, then straight to per-ID');
      assert.strictEqual(s.requests.length, 7);

      // Another server (another port) is judged on its own.
      const other = await serve(batchServer(known));
      await client(other, { quirks }).fetchTasks(two);
      assert.strictEqual(other.requests[0].url, '/mj/task/list-by-condition');

      // A client with quirks of its own has learnt nothing yet.
      await client(s, { quirks: new ServerQuirks() }).fetchTasks(two);
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

    const verdicts: [string, number, MjErrorKind][] = [
      ['401', 401, 'Unauthorized'],
      ['429', 429, 'RateLimited'],
    ];
    for (const [name, status, kind] of verdicts) {
      it(`throws when list-by-condition answers ${name}: a verdict on the whole batch, no per-ID fetches`, async () => {
        const s = await serve((_req, res) => send(res, status, ''));
        await rejectsWith(client(s).fetchTasks(['1111', '2222']), kind);
        assert.strictEqual(s.requests.length, 1);
      });
    }

    const notVerdicts: [string, number, string][] = [
      ['500', 500, ''],
      ['400 refusal', 400, '{"code":4,"description":"无效的加速模式","type":"one_hub_error"}'],
      ['invalid JSON', 200, '[{"id":'],
      ['trueai logic exception', 200, '{"success":false,"code":-1,"message":"访客今日绘图次数已达上限"}'],
      ['403 HTML challenge', 403, '<html><title>Just a moment...</title></html>'],
    ];
    for (const [name, status, body] of notVerdicts) {
      it(`falls back to /fetch for that call when list-by-condition fails (${name}), and tries the list again next time`, async () => {
        const perId = batchServer(new Set(['1111', '2222']));
        const s = await serve((req, res) => (req.url.endsWith('/list-by-condition') ? send(res, status, body, body.startsWith('<') ? 'text/html' : 'application/json') : perId(req, res)));
        const c = client(s);
        const r = await c.fetchTasks(['1111', '2222', '3333']);
        assert.deepStrictEqual([...r.tasks.keys()].sort(), ['1111', '2222']);
        assert.deepStrictEqual(r.missing, ['3333']);
        assert.strictEqual(r.errors.size, 0);
        await c.fetchTasks(['1111', '2222']);
        assert.strictEqual(s.requests.filter((q) => q.url.endsWith('/list-by-condition')).length, 2, 'not learnt as missing');
      });
    }

    it('after a list-by-condition error, stops asking per ID once the server rate-limits', async () => {
      const s = await serve((req, res) => (req.url.endsWith('/list-by-condition') ? send(res, 500, '') : send(res, 429, '', null, { 'Retry-After': '7' })));
      const ids = Array.from({ length: 40 }, (_, i) => String(1111 + i));
      await rejectsWith(client(s).fetchTasks(ids), 'RateLimited');
      assert.ok(s.requests.length <= 1 + 4, `${s.requests.length} requests`);
    });

    it('throws Network when the server is down, without asking per ID', async () => {
      const port = await closedPort();
      await rejectsWith(client(`http://127.0.0.1:${port}`).fetchTasks(['1111']), 'Network');
      await rejectsWith(client(`http://127.0.0.1:${port}`).fetchTasks(['1111', '2222']), 'Network');
    });

    it('throws Timeout when the batch request times out', async () => {
      const s = await serve(() => undefined);
      await rejectsWith(client(s, { timeoutMs: 200 }).fetchTasks(['1111']), 'Timeout');
    });
  });

  describe('imageSeed', () => {
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
