// Wrong shapes and hostile text. Odd but readable shapes still give the task; unreadable ones are
// a BadResponse, never a damaged entry. Hostile text reaches the terminal inert (no escape
// sequence, no bidi control), while --json and the store keep it exact.

import { capPrompt } from '../../src/core/fieldCaps';
import * as assert from 'assert';
import { faultSuite } from './suite';
import { FaultCase, fetchedId, ID, reply, Site, taskBody, tools } from './harness';

const bad = { kind: 'BadResponse', exit: 5 } as const;
const ID2 = '1730621826053456';

/** /fetch answers `body(id)`; list-by-condition answers `list(asked)` (default: 404, so per ID). */
function server(body: (id: string) => string, list?: (asked: string[]) => string): () => Promise<Site> {
  return () =>
    tools.http((req, res) => {
      const id = fetchedId(req);
      if (id !== null) return reply(res, 200, body(id));
      if (list === undefined) return reply(res, 404, '');
      reply(res, 200, list((JSON.parse(req.body) as { ids: string[] }).ids));
    });
}

/** A case whose task carries `fields`: plain output inert, --json and the store exact. */
function hostile(name: string, fields: Record<string, string>, status: 'SUCCESS' | 'FAILURE' | 'UNKNOWN' = 'SUCCESS'): FaultCase {
  const extra = { status: status === 'UNKNOWN' ? fields.status : status, ...fields };
  return {
    name,
    start: server((id) => taskBody(id, extra)),
    expect: { status },
    json: (entries) => {
      for (const [k, v] of Object.entries(fields)) assert.strictEqual((entries[0] as Record<string, unknown>)[k === 'status' ? 'rawStatus' : k], v, k);
    },
    core: (tracked) => {
      for (const [k, v] of Object.entries(fields)) assert.strictEqual((tracked[0].task as unknown as Record<string, unknown>)[k === 'status' ? 'rawStatus' : k], v, k);
    },
  };
}

const MB_PROMPT = 'a very long prompt '.repeat(55_189).slice(0, 1024 * 1024);

const cases: FaultCase[] = [
  { name: 'the task inside a one-element array → the task', start: server((id) => `[${taskBody(id)}]`), expect: { status: 'SUCCESS' } },
  {
    name: 'two tasks in an array for one fetch → BadResponse shape',
    start: server((id) => `[${taskBody(id)},${taskBody(ID2)}]`),
    expect: bad,
    message: /JSON that is not a Midjourney-proxy task/,
  },
  { name: 'a task without an id → BadResponse shape', start: server(() => JSON.stringify({ status: 'SUCCESS', progress: '100%' })), expect: bad, message: /not a Midjourney-proxy task/ },
  { name: 'JSON null → BadResponse', start: server(() => 'null'), expect: bad },
  { name: 'a JSON string → BadResponse', start: server(() => '"SUCCESS"'), expect: bad },
  { name: 'the answer for another task → BadResponse, this task left as it was', start: server(() => taskBody(ID2)), expect: bad, message: /got the answer for another task/ },
  {
    name: 'numbers as strings and the id as a number → read as numbers, every digit of the id kept',
    start: server((id) => `{"id":${id},"status":"IN_PROGRESS","progress":"57","submitTime":"1730621826000"}`),
    expect: { status: 'IN_PROGRESS' },
    core: (tracked) => assert.deepStrictEqual([tracked[0].task?.progress, tracked[0].task?.submitTime], [57, 1730621826000]),
  },
  {
    name: 'wrappers three deep {data:{result:{task:{…}}}} → the task',
    start: server((id) => JSON.stringify({ data: { result: { task: JSON.parse(taskBody(id)) } } })),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'fields of the wrong type (buttons a string, progress "abc%") → the task, those fields empty',
    start: server((id) => taskBody(id, { buttons: 'U1,U2', progress: 'abc%', imageUrls: 42 })),
    expect: { status: 'SUCCESS' },
    core: (tracked) => assert.deepStrictEqual([tracked[0].task?.buttons, tracked[0].task?.imageUrls], [[], []]),
  },
  {
    name: 'a status word nobody knows → UNKNOWN, with the word shown',
    start: server((id) => taskBody(id, { status: 'WEIRD' })),
    expect: { status: 'UNKNOWN' },
    plain: (r) => assert.match(r.stdout, /Status\s+\S.*WEIRD/),
  },
  {
    name: 'several IDs: a list ignoring the filter with 30 000 tasks → only those asked for',
    inputs: [ID, ID2],
    start: server(
      (id) => taskBody(id),
      () => `[${Array.from({ length: 30_000 }, (_, i) => `{"id":"${1830621826000000 + i}","status":"IN_PROGRESS"}`).join(',')},${taskBody(ID)},${taskBody(ID2)}]`,
    ),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'several IDs: a list answer over 5 MB → /fetch for each instead (no verdict from the list)',
    inputs: [ID, ID2],
    start: server(
      (id) => taskBody(id),
      () => `[${Array.from({ length: 120_000 }, (_, i) => `{"id":"${1830621826000000 + i}","status":"IN_PROGRESS"}`).join(',')}]`,
    ),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'several IDs: a list that pages (one task per answer) → /fetch for the rest, none called missing',
    inputs: [ID, ID2, '1730621826053457'],
    start: server(
      (id) => taskBody(id),
      (asked) => `[${taskBody(asked[0])}]`,
    ),
    expect: { status: 'SUCCESS' },
  },
  {
    name: 'several IDs: list items without ids, nulls and junk → /fetch for the tasks it did not hold',
    inputs: [ID, ID2],
    start: server(
      (id) => taskBody(id),
      () => `[null, 42, "x", {"status":"SUCCESS"}, {"id":{"nested":true}}, ${taskBody(ID)}]`,
    ),
    expect: { status: 'SUCCESS' },
  },
  hostile('a prompt that clears the screen and fakes a SUCCESS line (CSI)', { prompt: 'cat\u001b[2J\u001b[H\u001b[32mSUCCESS\u001b[0m\u001b[1A\u001b[K dog' }),
  hostile('a failure reason that writes the clipboard (OSC 52)', { failReason: 'oops\u001b]52;c;cm0gLXJmIH4vKg==\u0007 done' }, 'FAILURE'),
  hostile('a status word that retitles the window (OSC 0, ST-terminated)', { status: '\u001b]0;owned\u001b\\RUNNING' }, 'UNKNOWN'),
  hostile('bidi overrides and isolates in the prompt', { prompt: 'safe \u202eevil.exe\u202c and \u2066isolated\u2069 \u202dltr\u202c' }),
  hostile('8-bit C1 controls, BEL, DEL and NUL in the prompt', { prompt: 'a\u009b2Jb\u0007c\u007fd\u0000e\u0090dcs\u009cf' }),
  hostile('a command link and icons in the failure reason', { failReason: '[fix it](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D) $(zap) $(alert)' }, 'FAILURE'),
  {
    name: 'a button whose label and emoji carry escapes → listed, inert',
    start: server((id) => taskBody(id, { buttons: [{ customId: 'MJ::JOB::upsample::1::abc\u001b[8m', label: '$(zap) U1\u001b]8;;http://evil\u0007', emoji: '\u202e🔄' }] })),
    expect: { status: 'SUCCESS' },
    plain: (r) => assert.match(r.stdout, /🔄 \$\(zap\) U1\s+MJ::JOB::upsample::1::abc$/m),
    json: (entries) => assert.strictEqual((entries[0] as { buttons: { label: string }[] }).buttons[0].label, '$(zap) U1\u001b]8;;http://evil\u0007'),
  },
  {
    ...hostile('a 1 MB prompt → shortened on screen, capped (and marked so) in --json and the store', { prompt: MB_PROMPT }),
    json: (entries) => assert.strictEqual((entries[0] as Record<string, unknown>).prompt, capPrompt(MB_PROMPT)),
    core: (tracked) => assert.strictEqual(tracked[0].task?.prompt, capPrompt(MB_PROMPT)),
    plain: (r) => {
      const line = r.stdout.split('\n').find((l) => l.includes('Prompt')) ?? '';
      assert.ok(line.length < 200, `${line.length} characters`);
    },
  },
  {
    name: 'an error message with escapes and bidi controls → one clean line on stderr',
    start: () => tools.http((_req, res) => reply(res, 401, JSON.stringify({ error: { message: 'denied\u001b]52;c;eA==\u0007\u001b[2J \u202egnp.exe' } }))),
    expect: { kind: 'Unauthorized', exit: 4 },
    message: /not accepted \(denied gnp\.exe\)/,
  },
  {
    name: 'a server that echoes the key into the prompt and the failure reason → masked in every output',
    start: () =>
      tools.http((req, res) => {
        const key = String(req.headers.authorization).replace('Bearer ', '');
        reply(res, 200, taskBody(fetchedId(req) ?? ID, { prompt: `your key is ${key}`, failReason: JSON.stringify({ key }), status: 'FAILURE' }));
      }),
    expect: { status: 'FAILURE' },
    core: (tracked) => assert.strictEqual(tracked[0].task?.prompt, 'your key is ***'),
  },
];

faultSuite('faults: wrong shapes and hostile text', cases);
