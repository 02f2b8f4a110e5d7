// Reading the reply (core/reply.ts) through MjClient over real loopback HTTP: which bodies are
// JSON whatever their label, which are refused and why, the statuses that mean the same on every
// endpoint, and Retry-After.

import * as assert from 'assert';
import { BadResponseError, RateLimitedError } from '../../src/core/errors';
import { retryAfterMs } from '../../src/core/reply';
import { client, ID, rejectsWith, taskJson } from './clientFixture';
import { loopbacks, send } from './loopback';

describe('http: reading the reply over loopback', () => {
  const serve = loopbacks();

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
});
