// Every status family a relay answers with, each read as the same kind by the CLI and the core.

import * as assert from 'assert';
import { faultSuite } from './suite';
import { FaultCase, fetchedId, ID, reply, Site, taskBody, tools } from './harness';

const notFound = { kind: 'TaskNotFound', exit: 3 } as const;
const unauthorized = { kind: 'Unauthorized', exit: 4 } as const;
const bad = { kind: 'BadResponse', exit: 5 } as const;
const serverError = { kind: 'ServerError', exit: 5 } as const;
const limited = { kind: 'RateLimited', exit: 5 } as const;
const JSON_TYPE = { 'Content-Type': 'application/json' };
const HTML_TYPE = { 'Content-Type': 'text/html; charset=utf-8' };

/** The same status, body and headers for every request. */
function always(status: number, body = '', headers: Record<string, string> = JSON_TYPE): () => Promise<Site> {
  return () => tools.http((_req, res) => reply(res, status, body, headers));
}

/** A server whose redirect points at a second one, which must never be asked (the key would go along). */
async function redirectElsewhere(status: number): Promise<Site> {
  const elsewhere = await tools.http((_req, res) => reply(res, 200, taskBody(ID)));
  // Another port is another host as far as the key is concerned.
  const site = await tools.http((req, res) => reply(res, status, '', { Location: `${elsewhere.url}${req.url}` }));
  return {
    ...site,
    verify: () => assert.strictEqual(elsewhere.requests(), 0, 'the other host was never asked'),
    close: async () => {
      await site.close();
      await elsewhere.close();
    },
  };
}

const cases: FaultCase[] = [
  { name: '200 with the task → the task', start: always(200, taskBody(ID)), expect: { status: 'SUCCESS' } },
  { name: '201 with the task → the task', start: always(201, taskBody(ID)), expect: { status: 'SUCCESS' } },
  { name: '200 with the task labelled text/plain → the task', start: always(200, taskBody(ID), { 'Content-Type': 'text/plain' }), expect: { status: 'SUCCESS' } },
  {
    name: '200 with the task in a relay envelope {code:0, data:{…}} → the task',
    start: always(200, JSON.stringify({ code: 0, msg: 'ok', data: JSON.parse(taskBody(ID, { status: 'IN_PROGRESS', progress: '30%' })) })),
    expect: { status: 'IN_PROGRESS' },
  },
  { name: '200 empty (novicezk\'s "no such task") → TaskNotFound', start: always(200, ''), expect: notFound, message: /Task \d+ was not found on/ },
  { name: '202 with nothing → TaskNotFound', start: always(202, ''), expect: notFound },
  { name: '204 → TaskNotFound', start: always(204, '', {}), expect: notFound },
  {
    name: '301 to another host → BadResponse "redirect to another server", not followed',
    start: () => redirectElsewhere(301),
    expect: bad,
    message: /got a redirect to another server \(http:\/\/127\.0\.0\.1:\d+\)\./,
  },
  { name: '307 to another host → BadResponse, not followed', start: () => redirectElsewhere(307), expect: bad, message: /redirect to another server/ },
  {
    name: '302 to itself, forever → BadResponse redirect, given up',
    start: () => tools.http((req, res) => reply(res, 302, '', { Location: req.url })),
    expect: bad,
    message: /redirect/,
  },
  {
    name: '400 "task_no_found " (new-api) → TaskNotFound',
    start: always(400, JSON.stringify({ description: 'task_no_found ', type: 'upstream_error', code: 4 })),
    expect: notFound,
  },
  {
    name: '400 with another reason → BadResponse naming it',
    start: always(400, JSON.stringify({ code: 4, description: 'invalid mode: turbo' })),
    expect: bad,
    message: /got an error answer: invalid mode: turbo\./,
  },
  { name: '400 as an nginx HTML page → BadResponse html', start: always(400, '<html><body><h1>400 Bad Request</h1></body></html>', HTML_TYPE), expect: bad, message: /an HTML page instead of JSON/ },
  {
    name: '401 → Unauthorized (exit 4), the server\'s words kept',
    start: always(401, JSON.stringify({ error: { message: 'invalid token', type: 'new_api_error' } })),
    expect: unauthorized,
    message: /was refused: the API key was not accepted \(invalid token\)\. Check the API key/,
  },
  {
    name: '401 that echoes the Authorization header → Unauthorized, the key masked',
    start: () => tools.http((req, res) => reply(res, 401, JSON.stringify({ message: `bad credentials: ${String(req.headers.authorization)}` }))),
    expect: unauthorized,
    message: /bad credentials: Bearer \*\*\*/,
  },
  { name: '403 JSON → Unauthorized', start: always(403, JSON.stringify({ message: '令牌已过期' })), expect: unauthorized, message: /令牌已过期/ },
  {
    name: '403 with a Cloudflare challenge page → BadResponse html, "a firewall", not the key',
    start: always(403, '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>', HTML_TYPE),
    expect: bad,
    message: /HTML page instead of JSON\. A firewall or a Cloudflare challenge page blocked the request/,
  },
  { name: '404 bare → BadResponse "nothing to say what was not found"', start: always(404, '', {}), expect: bad, message: /HTTP 404 with nothing to say what was not found\. The base URL is probably wrong/ },
  { name: '404 "Task not found" → TaskNotFound', start: always(404, 'Task not found', { 'Content-Type': 'text/plain' }), expect: notFound },
  { name: '404 {code:3} (trueai) → TaskNotFound', start: always(404, JSON.stringify({ code: 3, description: '关联任务不存在或已失效' })), expect: notFound },
  { name: '405 → BadResponse "no such endpoint"', start: always(405, JSON.stringify({ error: 'Method Not Allowed' })), expect: bad, message: /no such endpoint/ },
  {
    name: '429 with Retry-After: 7 → RateLimited, saying how long to wait',
    start: always(429, '', { 'Retry-After': '7' }),
    expect: limited,
    message: /was rate-limited \(HTTP 429\)\. The server asks to wait 7 s/,
  },
  { name: '429 without Retry-After → RateLimited', start: always(429, JSON.stringify({ error: { message: 'too many requests' } })), expect: limited, message: /Wait a little/ },
  { name: '200 with new-api code 30 (rate limit in the body) → RateLimited', start: always(200, JSON.stringify({ code: 30, description: '请求过于频繁' })), expect: limited },
  { name: '500 → ServerError', start: always(500, JSON.stringify({ message: 'NullPointerException' })), expect: serverError, message: /failed with a server error \(HTTP 500\)/ },
  { name: '502 with an HTML page → ServerError', start: always(502, '<html><body>502 Bad Gateway</body></html>', HTML_TYPE), expect: serverError, message: /HTTP 502/ },
  { name: '503 → ServerError', start: always(503, '', { 'Retry-After': '120' }), expect: serverError, message: /HTTP 503/ },
  { name: '504 → ServerError', start: always(504, ''), expect: serverError, message: /HTTP 504/ },
  {
    name: 'several IDs: list-by-condition answers 500, /fetch answers → the tasks (the batch endpoint is no verdict)',
    inputs: [ID, '1730621826053456'],
    start: () =>
      tools.http((req, res) => {
        const id = fetchedId(req);
        return id === null ? reply(res, 500, '') : reply(res, 200, taskBody(id));
      }),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'several IDs: list-by-condition answers 401 → Unauthorized for all, no per-ID fetches',
    inputs: [ID, '1730621826053456'],
    start: () => tools.http((req, res) => reply(res, fetchedId(req) === null ? 401 : 200, fetchedId(req) === null ? '' : taskBody(ID))),
    expect: unauthorized,
    plain: (r) => assert.strictEqual(r.requests, 1),
  },
];

faultSuite('faults: status families', cases);
