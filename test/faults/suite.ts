// Runs a table of fault cases (a few at a time, each through the CLI twice and the core once)
// and holds every result to the same bar: the exit code or error kind, a message naming the task
// and the server, the tracked list intact, the key absent from everything printed or stored,
// and no escape sequence or bidi control in the plain output.

import * as assert from 'assert';
import { plainText } from '../../src/core/inertText';
import { assertBuilt } from '../cli/cliRun';
import { assertNoKey } from '../unit/keyFixture';
import { BYSTANDER, CaseResult, CliResult, CoreResult, FaultCase, idsOf, KEY, viaCli, viaCore } from './harness';

/** Cases in flight at once; each runs two CLI processes and the core. */
const CONCURRENCY = 3;

/** What plain output must never hold: C0 controls but line feed, DEL, C1, bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function faultSuite(title: string, cases: FaultCase[]): void {
  describe(title, function () {
    // Every case runs the CLI twice and the core once, three cases at a time: generous for a busy machine.
    this.timeout(300_000);
    const results = new Map<FaultCase, CaseResult | Error>();

    before(async () => {
      assertBuilt();
      await forEachLimited(cases, CONCURRENCY, async (c) => {
        try {
          const [plain, json, core] = await Promise.all([viaCli(c, false), viaCli(c, true), viaCore(c)]);
          results.set(c, { plain, json, core });
        } catch (e) {
          results.set(c, e instanceof Error ? e : new Error(String(e)));
        }
      });
    });

    for (const c of cases) {
      it(c.name, () => {
        const r = results.get(c);
        if (r instanceof Error) throw r;
        assert.ok(r, 'the case ran');
        checkPlain(c, r.plain);
        checkJson(c, r.json);
        checkCore(c, r.core);
      });
    }
  });
}

function checkPlain(c: FaultCase, r: CliResult): void {
  const where = `plain: exit ${r.code}\n${r.stdout.slice(0, 1500)}\n${r.stderr.slice(0, 1500)}`;
  assertNoKey(r.stdout + r.stderr, KEY, 'the plain output');
  assert.doesNotMatch(r.stdout + r.stderr, UNSAFE, `a control character in the plain output:\n${where}`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const e = c.expect;
  if ('usage' in e) {
    assert.strictEqual(r.code, 2, where);
    assert.strictEqual(r.requests, 0, 'no request for input without an ID');
    assert.strictEqual(lines.length, 1, where);
    if (c.message) assert.match(lines[0], c.message);
    return;
  }
  if ('status' in e) {
    assert.strictEqual(r.code, 0, where);
    assert.strictEqual(r.stderr, '', where);
    // The status in words is the CLI's business; --json and the core are held to the exact status.
    for (const id of idsOf(c)) assert.match(r.stdout, new RegExp(`^Task ${id}\\n\\s+Status\\s+\\S`, 'm'), where);
  } else {
    assert.strictEqual(r.code, e.exit, where);
    assert.ok(lines.length >= 1, where);
    namesTaskAndServer(lines[0], c, r.stderr);
    if (c.message) assert.match(lines[0], c.message, where);
  }
  c.plain?.(r);
}

function checkJson(c: FaultCase, r: CliResult): void {
  assertNoKey(r.stdout + r.stderr, KEY, 'the --json output');
  const e = c.expect;
  if ('usage' in e) {
    assert.strictEqual(r.code, 2);
    assert.strictEqual(r.stdout, '');
    return;
  }
  assert.strictEqual(r.code, 'status' in e ? 0 : e.exit, r.stderr);
  const entries = JSON.parse(r.stdout) as Array<{ id: string; status?: string; error?: { kind: string; message: string } }>;
  assert.deepStrictEqual(
    entries.map((x) => x.id),
    idsOf(c),
  );
  for (const entry of entries) {
    if ('status' in e) assert.strictEqual(entry.status, e.status);
    else {
      assert.strictEqual(entry.error?.kind, e.kind, JSON.stringify(entry).slice(0, 500));
      namesTaskAndServer(entry.error.message, c);
    }
  }
  c.json?.(entries);
}

function checkCore(c: FaultCase, r: CoreResult): void {
  for (const text of r.texts) assertNoKey(text, KEY, 'what the core logged or stored');
  // The tracked list intact: every ID it had, the same after a reload, the bystander untouched.
  const ids = (tasks: readonly { id: string }[]): string[] => tasks.map((t) => t.id);
  assert.deepStrictEqual(ids(r.after), ids(r.before));
  assert.deepStrictEqual(ids(r.reloaded), ids(r.before));
  assert.deepStrictEqual(r.after[0], r.before[0], 'the bystander is as it was');
  assert.strictEqual(r.after[0].id, BYSTANDER);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(r.reloaded)), JSON.parse(JSON.stringify(r.after)), 'storage holds what memory holds');
  const e = c.expect;
  if ('usage' in e) {
    assert.deepStrictEqual(r.ids, []);
    assert.ok(r.problems.length > 0);
    if (c.message) assert.match(r.problems[0], c.message);
    assert.strictEqual(r.requests, 0);
    return;
  }
  const tracked = r.after.slice(1);
  assert.deepStrictEqual(ids(tracked), idsOf(c));
  for (const t of tracked) {
    if ('status' in e) {
      assert.strictEqual(t.error, null, t.error?.message);
      assert.strictEqual(t.task?.status, e.status);
    } else {
      assert.strictEqual(t.error?.kind, e.kind, t.error?.message ?? `task ${t.task?.status}`);
      namesTaskAndServer(t.error.message, c);
    }
  }
  // As the CLI's line has it: the message, then the hint. The store keeps the server's words
  // exact; every place that shows them makes them inert, as plainText does for the terminal.
  if (c.message && !('status' in e)) assert.match(plainText(`${tracked[0].error?.message} ${tracked[0].error?.hint}`).replace(/\s+/g, ' '), c.message);
  c.core?.(tracked);
}

/**
 * A single task's error names it; a whole batch's names how many. Both name the server: by its
 * origin, or (the scheduler's "not found", which knows only the provider) by the provider's name.
 */
function namesTaskAndServer(message: string, c: FaultCase, context = message): void {
  const ids = idsOf(c);
  assert.match(message, /^(Task \S+ (on|was not found on)|The request for \d+ tasks to) (http:\/\/(127\.0\.0\.1:\d+|mj-tasks-fault\.invalid)\b|relay\.$)/, context);
  if (ids.length === 1) assert.ok(message.includes(ids[0]), context);
}

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
