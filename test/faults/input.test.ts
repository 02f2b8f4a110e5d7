// Bad input: garbage, path traversal, encoded slashes, control characters, no ID at all, and
// 100 000 IDs. Nothing that is not an ID is ever put into a URL; a huge paste stays one request
// and one line when the server refuses it.

import * as assert from 'assert';
import { faultSuite } from './suite';
import { FaultCase, fetchedId, ID, reply, taskBody, tools } from './harness';

/** A server that would answer anything, so that a request it got would show. */
const anyTask = (): ReturnType<typeof tools.http> => tools.http((req, res) => reply(res, 200, taskBody(fetchedId(req) ?? ID)));

function refused(name: string, input: string, message: RegExp): FaultCase {
  return { name, inputs: [input], start: anyTask, expect: { usage: true }, message };
}

const HUNDRED_K = Array.from({ length: 100_000 }, (_, i) => String(1730000000000000 + i * 7));

const cases: FaultCase[] = [
  refused('garbage words → exit 2, no request', 'not an id!', /^"not" is not a task ID\. Expected a task ID/),
  refused('a path traversal → exit 2, no request', '../../etc/passwd', /^"\.\.\/\.\.\/etc\/passwd" is not a task ID/),
  refused('encoded slashes → exit 2, no request', '..%2F..%2F..%2Fadmin%2Fconfig', /is not a task ID/),
  refused('a task URL whose ID decodes to a traversal → exit 2', 'http://relay.example/mj/task/..%2F..%2Fadmin/fetch', /^The URL ".*" does not hold a valid task ID/),
  refused('a task URL with an encoded slash inside the ID → exit 2', 'https://relay.example/mj/task/1730%2F621826053455/fetch', /does not hold a valid task ID/),
  refused('an ID with a query string glued on → exit 2', '1730621826053455?x=1&y=../', /is not a task ID/),
  refused('escape sequences in the input → exit 2, the echo made inert', '\u001b[2J\u001b]0;owned\u0007173062', /is not a task ID/),
  refused('an ID of 65 characters → exit 2', '1'.repeat(65), /is not a task ID/),
  refused('only separators → exit 2, "No task ID given", never an empty line', ' , ;, ', /^No task ID given\. Expected a task ID/),
  refused('a JSON literal, not an ID → exit 2', 'null', /is not a task ID/),
  {
    name: 'an ID in a console link\'s query (?taskId=) → that task',
    inputs: ['https://relay.example/console/task?taskId=1730621826053455'],
    start: anyTask,
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'an ID with URL-unsafe but valid characters (a-Z, 0-9, _ and -) → asked for by its own path',
    inputs: ['task_ID-0001'],
    start: () =>
      tools.http((req, res) => {
        assert.strictEqual(req.url, '/mj/task/task_ID-0001/fetch');
        reply(res, 200, taskBody('task_ID-0001'));
      }),
    expect: { status: 'SUCCESS' },
  },
  {
    name: '100 000 IDs on standard input, refused key → one request, exit 4, one line, all still tracked',
    stdin: HUNDRED_K.join('\n'),
    start: () => tools.http((_req, res) => reply(res, 401, JSON.stringify({ message: 'invalid key' }))),
    expect: { kind: 'Unauthorized', exit: 4 },
    plain: (r) => {
      assert.strictEqual(r.requests, 1);
      assert.strictEqual(r.stderr.split('\n').filter((l) => l !== '').length, 1, 'one line for the whole batch');
    },
    core: (tracked) => assert.strictEqual(tracked.length, 100_000),
  },
  {
    name: '10 000 IDs, each twice, comma-separated → de-duplicated, in the order given',
    stdin: [...HUNDRED_K.slice(0, 10_000), ...HUNDRED_K.slice(0, 10_000)].join(','),
    start: () => tools.http((_req, res) => reply(res, 403, JSON.stringify({ error: { message: 'quota exhausted' } }))),
    expect: { kind: 'Unauthorized', exit: 4 },
    json: (entries) => assert.deepStrictEqual(entries.map((e) => (e as { id: string }).id), HUNDRED_K.slice(0, 10_000)),
  },
];

faultSuite('faults: bad input', cases);
