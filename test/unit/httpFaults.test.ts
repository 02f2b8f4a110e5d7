// Transport faults over loopback, each named in words of its own and with the right kind: a
// broken compressed body, a non-HTTP service on the port, oversized headers, HTTP that breaks
// the protocol, a reset, a DNS failure. The library's code goes to the log line only.

import * as assert from 'assert';
import * as zlib from 'zlib';
import { RequestEvent } from '../../src/core/client';
import { BadResponseError, MjError } from '../../src/core/errors';
import { client, ID, rejectsWith, taskJson } from './clientFixture';
import { loopbacks, send } from './loopback';
import { rawLoopbacks } from './rawLoopback';

const NO_RAW_CODE = /\b(E[A-Z]{4,}|HPE_[A-Z_]+|Z_[A-Z_]+|ERR_[A-Z_]+)\b/;

/** Fails the call through a client that logs, checks the kind and that no code shows, returns error and log. */
async function failing<T extends MjError>(url: string, kind: MjError['kind'], timeoutMs = 5_000): Promise<{ e: T; logged: string }> {
  const events: RequestEvent[] = [];
  const e = await rejectsWith<T>(client(url, { timeoutMs, onRequest: (ev) => events.push(ev) }).fetchTask(ID), kind);
  assert.doesNotMatch(e.message, NO_RAW_CODE);
  assert.doesNotMatch(e.hint, NO_RAW_CODE);
  assert.ok(e.message.includes(ID) && e.message.includes(url), e.message);
  return { e, logged: events[0]?.error ?? '' };
}

describe('http: transport faults named in words', () => {
  const serve = loopbacks();
  const raw = rawLoopbacks();
  const body = JSON.stringify(taskJson(ID));

  describe('compressed bodies', () => {
    const encoders: [string, (b: Buffer) => Buffer][] = [
      ['gzip', (b) => zlib.gzipSync(b)],
      ['deflate', (b) => zlib.deflateSync(b)],
      ['br', (b) => zlib.brotliCompressSync(b)],
    ];
    for (const [encoding, encode] of encoders) {
      it(`reads a ${encoding} body`, async () => {
        const s = await serve((_req, res) => send(res, 200, encode(Buffer.from(body)), 'application/json', { 'Content-Encoding': encoding }));
        assert.strictEqual((await client(s).fetchTask(ID)).id, ID);
        assert.match(String(s.requests[0].headers['accept-encoding']), new RegExp(encoding));
      });

      it(`a broken ${encoding} body → BadResponse bad-encoding, the code only in the log`, async () => {
        const s = await serve((_req, res) => send(res, 200, Buffer.from('this is not compressed at all'), 'application/json', { 'Content-Encoding': encoding }));
        const { e, logged } = await failing<BadResponseError>(s.url, 'BadResponse');
        assert.strictEqual(e.reason, 'bad-encoding');
        assert.match(e.message, /a compressed response that does not decompress/);
        assert.match(logged, /\[(Z_|ERR_)[A-Z_0-9]+\]$/);
      });
    }

    it('counts the cap after decompression: a small gzip body that unpacks past it is too large', async () => {
      const bomb = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
      const s = await serve((_req, res) => send(res, 200, bomb, 'application/json', { 'Content-Encoding': 'gzip' }));
      await rejectsWith<BadResponseError>(client(s, { maxBodyBytes: 1024 * 1024 }).fetchTask(ID), 'BadResponse', (e) => assert.strictEqual(e.reason, 'too-large'));
    });

    it('reads an unknown Content-Encoding as it is', async () => {
      const s = await serve((_req, res) => send(res, 200, body, 'application/json', { 'Content-Encoding': 'identity' }));
      assert.strictEqual((await client(s).fetchTask(ID)).id, ID);
    });
  });

  describe('what is not HTTP, or breaks it', () => {
    const notHttp: [string, string | Buffer][] = [
      ['an SSH banner', 'SSH-2.0-OpenSSH_9.6\r\n'],
      ['a TLS record (https on the port)', Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5])],
      ['a bare JSON body without a status line', body],
      ['a status line with a word for a status', 'HTTP/1.1 abc OK\r\n\r\n'],
    ];
    for (const [name, reply] of notHttp) {
      it(`${name} → BadResponse not-http`, async () => {
        const url = await raw(reply);
        const { e, logged } = await failing<BadResponseError>(url, 'BadResponse');
        assert.strictEqual(e.reason, 'not-http');
        assert.match(e.message, /not HTTP: something else is listening at this address/);
        assert.match(e.hint, /port/);
        assert.match(logged, /\[HPE_[A-Z_]+\]$/);
      });
    }

    it('headers beyond 16 KB → BadResponse header-overflow', async () => {
      const url = await raw(`HTTP/1.1 200 OK\r\nX-Padding: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`);
      const { e, logged } = await failing<BadResponseError>(url, 'BadResponse');
      assert.strictEqual(e.reason, 'header-overflow');
      assert.match(e.message, /response headers too large to read/);
      assert.match(logged, /\[HPE_HEADER_OVERFLOW\]$/);
    });

    it('a broken chunk size in the body → BadResponse malformed-http, not "connection closed"', async () => {
      const url = await raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabcde\r\n');
      const { e } = await failing<BadResponseError>(url, 'BadResponse');
      assert.strictEqual(e.reason, 'malformed-http');
    });

    it('two different Content-Lengths → BadResponse malformed-http', async () => {
      const url = await raw('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}');
      assert.strictEqual((await failing<BadResponseError>(url, 'BadResponse')).e.reason, 'malformed-http');
    });
  });

  describe('connections that break', () => {
    it('a reset before any answer → Network "reset the connection"', async () => {
      const url = await raw((socket) => socket.resetAndDestroy());
      const { e, logged } = await failing(url, 'Network');
      assert.match(e.message, /failed: the server reset the connection\./);
      assert.match(logged, /\[ECONNRESET\]$/);
    });

    it('a close after half the declared body → Network at once, "before the answer was complete"', async () => {
      const url = await raw((socket) => socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n${body.slice(0, 20)}`));
      const started = Date.now();
      const { e } = await failing(url, 'Network', 10_000);
      assert.match(e.message, /the server closed the connection before the answer was complete/);
      assert.ok(Date.now() - started < 5_000);
    });

    it('a reset in the middle of the body → Network "before the answer was complete"', async () => {
      const url = await raw((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n${body.slice(0, 20)}`);
        setTimeout(() => socket.resetAndDestroy(), 20);
      });
      assert.match((await failing(url, 'Network')).e.message, /before the answer was complete/);
    });

    it('a name under .invalid → Network "host name was not found", no code in the message', async () => {
      const url = 'http://mj-tasks-fault.invalid';
      const { e, logged } = await failing(url, 'Network');
      assert.match(e.message, /could not reach the server \((the host name was not found|the DNS lookup failed)\)/);
      assert.match(logged, /\[(ENOTFOUND|EAI_AGAIN)\]$/);
    });
  });
});
