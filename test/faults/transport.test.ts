// Faults below HTTP, and bodies HTTP delivers broken: each named in plain words, none as a code.

import * as assert from 'assert';
import * as zlib from 'zlib';
import { faultSuite } from './suite';
import { FaultCase, ID, reply, taskBody, tools } from './harness';

const NO_CODE = /\b(E[A-Z]{4,}|HPE_[A-Z_]+|Z_[A-Z_]+|ERR_[A-Z_]+)\b/;
const network = { kind: 'Network', exit: 5 } as const;
const timeout = { kind: 'Timeout', exit: 5 } as const;
const bad = { kind: 'BadResponse', exit: 5 } as const;

/** Answers with `body` under `headers`, whatever was asked. */
function answering(body: string | Buffer, headers: Record<string, string>, status = 200): () => ReturnType<typeof tools.http> {
  return () => tools.http((_req, res) => reply(res, status, body, headers));
}

const cases: FaultCase[] = [
  {
    name: 'nothing listens on the port → Network "connection refused"',
    start: () => tools.refused(),
    expect: network,
    message: /could not reach the server \(connection refused\)\. Check the base URL/,
  },
  {
    name: 'a reset before any answer → Network "the server reset the connection"',
    start: () => tools.raw((socket) => socket.resetAndDestroy()),
    expect: network,
    message: /failed: the server reset the connection\./,
  },
  {
    name: 'the connection closed without a word → Network "closed the connection without answering"',
    start: () => tools.raw((socket) => socket.end()),
    expect: network,
    message: /the server closed the connection without answering/,
  },
  {
    name: 'a silent server → Timeout after the request timeout',
    start: () => tools.http(() => undefined),
    timeoutMs: 300,
    expect: timeout,
    message: /timed out after 0\.3 s\./,
  },
  {
    name: 'headers, then a body that stalls → Timeout (the limit covers the body)',
    start: () =>
      tools.http((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"id":"173');
      }),
    timeoutMs: 300,
    expect: timeout,
  },
  {
    name: 'a drip-feed slower than the timeout → Timeout, not waiting for the last byte',
    start: () =>
      tools.http((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
        const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 40);
        res.on('close', () => clearInterval(drip));
      }),
    timeoutMs: 300,
    expect: timeout,
    plain: (r) => assert.ok(r.ms < 5000, `${r.ms} ms`),
  },
  {
    name: 'closed after half the declared Content-Length → Network at once, "before the answer was complete"',
    start: () => tools.raw((socket) => socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n${taskBody(ID).slice(0, 30)}`)),
    timeoutMs: 10_000,
    expect: network,
    message: /failed: the server closed the connection before the answer was complete\./,
    plain: (r) => assert.ok(r.ms < 5000, `reported after ${r.ms} ms: at once, not at the 10 s limit`),
  },
  {
    name: 'a chunked body cut off → Network "before the answer was complete"',
    start: () =>
      tools.raw((socket) => {
        const part = '{"id":"17306218';
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${part.length.toString(16)}\r\n${part}\r\n`);
        setTimeout(() => socket.destroy(), 20);
      }),
    expect: network,
    message: /before the answer was complete/,
  },
  {
    name: 'truncated JSON, whole as far as HTTP goes → BadResponse "not valid JSON"',
    start: answering(taskBody(ID).slice(0, 40), { 'Content-Type': 'application/json' }),
    expect: bad,
    message: /got a response that is not valid JSON\./,
  },
  {
    name: 'an endless body → BadResponse "larger than 5 MB", the stream cut',
    start: () =>
      tools.http((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
      }),
    expect: bad,
    message: /got a response larger than 5 MB\./,
  },
  {
    name: 'a declared Content-Length of 50 MB → BadResponse "larger than 5 MB" without reading it',
    start: () => tools.raw((socket) => socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{"id":')),
    expect: bad,
    message: /larger than 5 MB/,
  },
  {
    name: 'a gzip bomb (8 MB of spaces in 8 KB) → BadResponse "larger than 5 MB", counted unpacked',
    start: answering(zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
    expect: bad,
    message: /larger than 5 MB/,
  },
  {
    name: 'a broken gzip body → BadResponse in words, no Z_DATA_ERROR',
    start: answering(Buffer.from('plainly not gzip'), { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
    expect: bad,
    message: /a compressed response that does not decompress \(a broken gzip, deflate or br body\)/,
  },
  {
    name: 'a broken br body → BadResponse in words',
    start: answering(Buffer.from('plainly not brotli'), { 'Content-Type': 'application/json', 'Content-Encoding': 'br' }),
    expect: bad,
    message: /does not decompress/,
  },
  {
    name: 'a valid deflate body → the task',
    start: answering(zlib.deflateSync(Buffer.from(taskBody(ID))), { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' }),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'an SSH server on the port → BadResponse "not HTTP", no HPE_INVALID_CONSTANT',
    start: () => tools.raw('SSH-2.0-OpenSSH_9.6\r\n'),
    expect: bad,
    message: /an answer that is not HTTP: something else is listening at this address\. Check the host, the port/,
  },
  {
    name: 'binary garbage on the port → BadResponse "not HTTP"',
    start: () => tools.raw(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x1b, 0x5b])),
    expect: bad,
    message: /not HTTP/,
  },
  {
    name: 'response headers of 20 KB → BadResponse "headers too large", no HPE_HEADER_OVERFLOW',
    start: () => tools.raw(`HTTP/1.1 200 OK\r\nSet-Cookie: ${'x'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`),
    expect: bad,
    message: /got response headers too large to read\./,
  },
  {
    name: 'a chunk size that is not hex → BadResponse "breaks the HTTP protocol"',
    start: () => tools.raw('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'),
    expect: bad,
    message: /an answer that breaks the HTTP protocol/,
  },
  {
    name: 'a host name that does not resolve (.invalid) → Network "host name was not found"',
    start: () => tools.unresolvable(),
    expect: network,
    message: /could not reach the server \((the host name was not found|the DNS lookup failed)\)/,
  },
];

for (const c of cases) {
  const message = c.message;
  // No raw library code ever stands in for words, wherever the message goes.
  c.message = message ? new RegExp(`^(?!.*${NO_CODE.source}).*${message.source}`) : new RegExp(`^(?!.*${NO_CODE.source})`);
}

faultSuite('faults: transport', cases);
