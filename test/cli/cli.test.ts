// `mj-tasks` as users run it: `node dist/cli.js` in a child process against the simulator
// (each dialect) and a few hand-made servers. Needs `npm run build` first (npm test does it).

import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import { AddressInfo } from 'net';
import * as path from 'path';
import { startSimulator } from '../../src/simulator';
import type { Dialect, Simulator } from '../../src/simulator';
import type { Task } from '../../src/core/types';
import { MjClient } from '../../src/core/client';
import { runWatch } from '../../src/cli/watch';
import { assertBuilt, cli, oneLine, root, run } from './cliRun';

const KEY = 'sim-key-0123456789';

const AUTH: Record<Dialect, string> = { novicezk: 'mj-api-secret', trueai: 'raw', newapi: 'bearer' };

describe('cli: mj-tasks as a process', function () {
  this.timeout(60_000);
  let sims: Simulator[] = [];

  before(assertBuilt);
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });

  async function sim(dialect: Dialect, speed = 1): Promise<Simulator> {
    const s = await startSimulator({ port: 0, dialect, apiKey: KEY, speed });
    sims.push(s);
    return s;
  }

  function envFor(s: Simulator, extra: Record<string, string> = {}): Record<string, string> {
    return { MJ_BASE_URL: s.url, MJ_API_KEY: KEY, MJ_AUTH: AUTH[s.dialect], ...extra };
  }

  for (const dialect of ['novicezk', 'trueai', 'newapi'] as const) {
    describe(`${dialect} dialect`, () => {
      it('fetch prints a block per task and exits 0', async () => {
        const s = await sim(dialect);
        const done = s.createTask({ prompt: 'a red fox in snow', status: 'SUCCESS' });
        const failed = s.createTask({ prompt: 'fail this one', outcome: 'FAILURE', failReason: '[Invalid parameter] Invalid value', status: 'FAILURE' });
        const r = await run(['fetch', done, failed], envFor(s));
        assert.strictEqual(r.code, 0, r.stderr);
        assert.strictEqual(r.stderr, '');
        assert.match(r.stdout, new RegExp(`Task ${done}\\n\\s+Status\\s+Succeeded`));
        assert.match(r.stdout, /Prompt\s+a red fox in snow/);
        assert.match(r.stdout, /Image\s+http/);
        assert.match(r.stdout, new RegExp(`Task ${failed}\\n\\s+Status\\s+Failed`));
        assert.match(r.stdout, /Failure reason\s+\[Invalid parameter\] Invalid value/);
        assert.ok(r.stdout.indexOf(done) < r.stdout.indexOf(failed), 'tasks in the order asked');
      });

      it('fetch --json prints one normalized task per ID', async () => {
        const s = await sim(dialect);
        const id = s.createTask({ prompt: 'a lighthouse', status: 'SUCCESS' });
        const r = await run(['fetch', id, '--json'], envFor(s));
        assert.strictEqual(r.code, 0, r.stderr);
        const out = JSON.parse(r.stdout) as Task[];
        assert.strictEqual(out.length, 1);
        const t = out[0];
        assert.strictEqual(t.id, id);
        assert.strictEqual(t.status, 'SUCCESS');
        assert.strictEqual(t.terminal, true);
        assert.strictEqual(t.progress, 100);
        assert.ok(Array.isArray(t.buttons) && Array.isArray(t.imageUrls) && Array.isArray(t.videoUrls));
        assert.deepStrictEqual(
          Object.keys(t).sort(),
          [
            'action', 'buttons', 'description', 'failReason', 'finalPrompt', 'finalZhPrompt', 'finishTime', 'id', 'imageUrl',
            'imageUrls', 'mode', 'parentId', 'progress', 'prompt', 'promptEn', 'rawStatus', 'seed', 'startTime', 'status',
            'submitTime', 'terminal', 'videoUrls',
          ],
        );
      });

      it('a wrong key exits 4 with one line on stderr', async () => {
        const s = await sim(dialect);
        const id = s.createTask({ status: 'SUCCESS' });
        const r = await run(['fetch', id], envFor(s, { MJ_API_KEY: 'wrong-key-000000' }));
        assert.strictEqual(r.code, 4, r.stderr);
        assert.match(oneLine(r), /API key was not accepted.*Check the API key and the auth scheme/);
        assert.ok(!r.stderr.includes('wrong-key-000000') && !r.stdout.includes('wrong-key-000000'));
      });

      it('an unknown ID exits 3; --json gives {id, error}', async () => {
        const s = await sim(dialect);
        const known = s.createTask({ status: 'SUCCESS' });
        const unknown = '1111111111111111';
        const r = await run(['fetch', known, unknown, '--json'], envFor(s));
        assert.strictEqual(r.code, 3, r.stderr);
        const out = JSON.parse(r.stdout) as Array<Task | { id: string; error: { kind: string; message: string } }>;
        assert.strictEqual((out[0] as Task).status, 'SUCCESS');
        const missing = out[1] as { id: string; error: { kind: string; message: string } };
        assert.strictEqual(missing.id, unknown);
        assert.strictEqual(missing.error.kind, 'TaskNotFound');
        assert.match(missing.error.message, new RegExp(`Task ${unknown} was not found on ${s.url.replace(/\./g, '\\.')}`));
        assert.match(oneLine(r), /was not found/);
      });
    });
  }

  it('watch follows a running task until SUCCESS, printing changes, and exits 0', async () => {
    const s = await sim('newapi', 20);
    const id = s.createTask({ prompt: 'a slow sunrise', durationMs: 2500 });
    const r = await run(['watch', id, '--interval', '0.2'], envFor(s));
    assert.strictEqual(r.code, 0, r.stderr);
    const changes = r.stdout.split('\n').filter((l) => l.startsWith(`${id}  `));
    assert.ok(changes.length >= 2, `expected several change lines:\n${r.stdout}`);
    assert.match(changes[changes.length - 1], /Succeeded\s+100%/);
    assert.ok(changes.some((l) => /Queued|Running|Not started/.test(l)), 'saw it before it finished');
    // newapi goes "" (read as SUBMITTED) → NOT_START → SUBMITTED, so a line may come back later;
    // what must not happen is a line that repeats the one before it.
    assert.ok(changes.every((l, i) => i === 0 || l !== changes[i - 1]), `a line only when something changed:\n${changes.join('\n')}`);
    assert.match(r.stdout, new RegExp(`Task ${id}\\n\\s+Status\\s+Succeeded`));
    // One task is asked for on its own endpoint; the batch call is for several.
    assert.ok((s.requestCounts()['GET /mj/task/:id/fetch'] ?? 0) >= 2, 'polls the task');
    assert.strictEqual(s.requestCounts()['POST /mj/task/list-by-condition'] ?? 0, 0);
  });

  it('watch --json ends with the final tasks as JSON and nothing else on stdout', async () => {
    const s = await sim('trueai', 20);
    const a = s.createTask({ durationMs: 1200 });
    const b = s.createTask({ durationMs: 1500, outcome: 'FAILURE', failReason: 'x' });
    const r = await run(['watch', a, b, '--interval', '0.2', '--json'], envFor(s));
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Task[];
    assert.deepStrictEqual(out.map((t) => [t.id, t.status]), [
      [a, 'SUCCESS'],
      [b, 'FAILURE'],
    ]);
    assert.ok((s.requestCounts()['POST /mj/task/list-by-condition'] ?? 0) >= 2, 'polls both with the batch call');
  });

  it('watch gives up on an unknown ID with exit 3', async () => {
    const s = await sim('novicezk');
    const r = await run(['watch', '2222222222222222', '--interval', '0.2'], envFor(s));
    assert.strictEqual(r.code, 3, r.stderr);
    assert.match(oneLine(r), /was not found/);
  });

  it('watch stops at a task waiting for input (MODAL), says how to continue it, and exits 0', async () => {
    const s = await sim('trueai');
    const id = s.createTask({ status: 'MODAL' });
    const r = await run(['watch', id, '--interval', '0.2'], envFor(s));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /Status\s+Waiting for input/);
    assert.match(oneLine(r), new RegExp(`Task ${id} is waiting for input \\(MODAL\\): continue it with /mj/submit/modal`));
  });

  it('watch waits as long as a 429 says (Retry-After), then carries on', async () => {
    const s = await sim('newapi');
    const id = s.createTask({ status: 'SUCCESS' });
    s.setFaults([{ kind: 'status429', retryAfterSec: 1, path: 'GET /mj/task/:id/fetch', times: 1 }]);
    const started = Date.now();
    const r = await run(['watch', id, '--interval', '0.1'], envFor(s));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Task ${id}\\n\\s+Status\\s+Succeeded`));
    assert.strictEqual(s.requestCounts()['GET /mj/task/:id/fetch'], 2, 'one 429, then the answer');
    assert.ok(Date.now() - started >= 1000, 'the second request waited for Retry-After');
  });

  it('watch retries server errors a few times, then gives up with exit 5', async () => {
    const s = await sim('newapi');
    const id = s.createTask({ durationMs: 60_000 });
    s.setFaults([{ kind: 'status5xx', status: 502, path: 'GET /mj/task/:id/fetch' }]);
    const r = await run(['watch', id, '--interval', '0.1'], envFor(s));
    assert.strictEqual(r.code, 5, r.stderr);
    assert.match(oneLine(r), /server error \(HTTP 502\)/);
    assert.strictEqual(s.requestCounts()['GET /mj/task/:id/fetch'], 5);
  });

  it('watch gives up at once on a wrong key with exit 4', async () => {
    const s = await sim('trueai');
    const id = s.createTask({ durationMs: 60_000 });
    const r = await run(['watch', id, '--interval', '0.1'], envFor(s, { MJ_API_KEY: 'wrong-key-000000' }));
    assert.strictEqual(r.code, 4, r.stderr);
    assert.match(oneLine(r), /API key was not accepted/);
    assert.strictEqual(s.totalRequests(), 1);
  });

  describe('watch on a terminal (in process: a pipe is never a TTY)', () => {
    it('shows a note on the bar while it retries', async () => {
      const s = await sim('novicezk');
      const id = s.createTask({ status: 'SUCCESS' });
      s.setFaults([{ kind: 'status5xx', status: 503, path: 'GET /mj/task/:id/fetch', times: 2 }]);
      const client = new MjClient({ baseUrl: s.url, auth: 'mj-api-secret', apiKey: KEY });
      const tty = { text: '', isTTY: true, columns: 100, write(t: string) { this.text += t; } };
      const stderr = { text: '', write(t: string) { this.text += t; } };
      const code = await runWatch(client, [id], false, 100, { stdout: tty, stderr });
      assert.strictEqual(code, 0, stderr.text);
      const frames = tty.text.split('\r\x1b[2K').map((f) => f.trim()).filter((f) => f.startsWith(id));
      assert.ok(frames.some((f) => f.includes('retrying (ServerError)')), frames.join('\n'));
      assert.match(frames.at(-1)!, /Succeeded/);
      assert.ok(!frames.at(-1)!.includes('retrying'), 'the note goes with the answer');
    });
  });

  it('accepts a URL, a submit response and task JSON on standard input', async () => {
    const s = await sim('newapi');
    const a = s.createTask({ status: 'SUCCESS' });
    const b = s.createTask({ status: 'SUCCESS' });
    const c = s.createTask({ status: 'SUCCESS' });
    const stdin = `${s.url}/mj/task/${a}/fetch\n{"code":1,"description":"Submit success","result":${b}}\n[{"id":"${c}","status":""}]`;
    const r = await run(['fetch', '-', '--json'], envFor(s), stdin);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual((JSON.parse(r.stdout) as Task[]).map((t) => t.id), [a, b, c]);
  });

  describe('failures', () => {
    it('nothing listening at the base URL exits 5', async () => {
      const port = await freePort();
      const r = await run(['fetch', '1730621826053455', '--base-url', `http://127.0.0.1:${port}`]);
      assert.strictEqual(r.code, 5);
      assert.match(oneLine(r), /could not reach the server \(connection refused\)\. Check the base URL/);
    });

    it('an HTML page at the base URL exits 5', async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><body>new-api</body></html>');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const r = await run(['fetch', '1730621826053455', '--base-url', url]);
        assert.strictEqual(r.code, 5);
        assert.match(oneLine(r), /HTML page instead of JSON\. The base URL is probably wrong/);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });

    it('a wrong path on a trueai server (a bare 404) exits 5 and points at the base URL', async () => {
      const s = await sim('trueai');
      const r = await run(['fetch', '1730621826053455', '--base-url', `${s.url}/not/the/api`], envFor(s));
      assert.strictEqual(r.code, 5, r.stderr);
      assert.match(oneLine(r), /got HTTP 404 with nothing to say what was not found\. The base URL is probably wrong/);
    });

    it('server errors exit 5', async () => {
      const s = await sim('newapi');
      const id = s.createTask({ status: 'SUCCESS' });
      s.setFaults([{ kind: 'status5xx', status: 502 }]);
      const r = await run(['fetch', id], envFor(s));
      assert.strictEqual(r.code, 5);
      assert.match(oneLine(r), /server error \(HTTP 502\)/);
    });

    it('a request timeout exits 5', async () => {
      const s = await sim('newapi');
      const id = s.createTask({ status: 'SUCCESS' });
      s.setFaults([{ kind: 'latency', ms: 3000 }]);
      const r = await run(['fetch', id, '--timeout', '0.5'], envFor(s));
      assert.strictEqual(r.code, 5);
      assert.match(oneLine(r), /timed out after 0\.5 s/);
    });

    it('a garbage ID exits 2 without asking the server', async () => {
      const s = await sim('newapi');
      const r = await run(['fetch', 'not an id!'], envFor(s));
      assert.strictEqual(r.code, 2);
      assert.match(oneLine(r), /^"not" is not a task ID\. Expected a task ID.*\(Inputs not read besides this one: 2\.\)$/);
      assert.strictEqual(s.totalRequests(), 0);
    });

    it('usage errors exit 2 with one line', async () => {
      for (const args of [['fetch'], ['frobnicate', '1730621826053455'], ['fetch', '1730621826053455', '--auth', 'basic'], ['fetch', '1730621826053455', '--bogus'], ['fetch', '1730621826053455', '--base-url', 'ftp://x'], ['watch', '1730621826053455', '--interval', 'soon']]) {
        const r = await run(args);
        assert.strictEqual(r.code, 2, args.join(' '));
        oneLine(r);
        assert.strictEqual(r.stdout, '');
      }
    });
  });

  it('--help and --version exit 0', async () => {
    const help = await run(['--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /mj-tasks fetch <id\.\.\.>/);
    assert.match(help.stdout, /Exit codes/);
    const version = await run(['--version']);
    assert.strictEqual(version.code, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.strictEqual(version.stdout.trim(), pkg.version);
  });

  it('speaks Chinese when LANG asks for it, from the bundle next to the package', async () => {
    // A copy of the bundled CLI in a package of its own, so the test does not depend on how
    // far the real translation is.
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-tasks-cli-'));
    try {
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'mj-tasks', version: '0.0.1' }));
      fs.mkdirSync(path.join(pkg, 'dist'));
      fs.copyFileSync(cli, path.join(pkg, 'dist/cli.js'));
      fs.mkdirSync(path.join(pkg, 'l10n'));
      fs.writeFileSync(path.join(pkg, 'l10n/bundle.l10n.zh-cn.json'), JSON.stringify({ 'No task ID given. {0}': '没有任务 ID。{0}' }));
      const copy = path.join(pkg, 'dist/cli.js');
      const zh = await run(['fetch', '  '], { LANG: 'zh_CN.UTF-8' }, undefined, copy);
      const en = await run(['fetch', '  '], { LANG: 'en_US.UTF-8' }, undefined, copy);
      assert.strictEqual(zh.code, 2);
      assert.match(oneLine(zh), /^没有任务 ID。Expected a task ID/);
      assert.match(oneLine(en), /^No task ID given\. Expected a task ID/);
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
