// The CLI's pieces in-process: argument parsing, exit codes, rendering, the watch view and
// locale loading. The CLI as a process is covered in test/cli/.

import * as l10n from '@vscode/l10n';
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_BASE_URL, parseArgs, RunOptions, UsageError } from '../../src/cli/args';
import { report } from '../../src/cli/commands';
import { loadLocale, packageRoot, packageVersion, requestedLocale } from '../../src/cli/locale';
import { exitCodeOf, Outcome } from '../../src/cli/outcome';
import { ProgressView, progressMode } from '../../src/cli/progressView';
import { displayWidth, progressLine, renderTask } from '../../src/cli/render';
import { NetworkError, TaskNotFoundError, UnauthorizedError } from '../../src/core/errors';
import { normalizeTask } from '../../src/core/task';
import { Task } from '../../src/core/types';

function options(argv: string[], env: Record<string, string> = {}): RunOptions {
  const parsed = parseArgs(argv, env);
  assert.strictEqual(parsed.kind, 'run');
  return parsed.options;
}

function usage(argv: string[], env: Record<string, string> = {}): string {
  try {
    parseArgs(argv, env);
  } catch (e) {
    assert.ok(e instanceof UsageError, String(e));
    return e.message;
  }
  assert.fail(`expected a usage error for ${argv.join(' ')}`);
}

function task(raw: Record<string, unknown>): Task {
  const t = normalizeTask({ id: '1730621826053455', ...raw });
  assert.ok(t);
  return t;
}

class Sink {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('cli: parseArgs', () => {
  it('defaults: simulator URL, bearer, no key, human output', () => {
    const o = options(['fetch', '1730621826053455']);
    assert.deepStrictEqual(o, {
      command: 'fetch',
      inputs: ['1730621826053455'],
      baseUrl: DEFAULT_BASE_URL,
      auth: 'bearer',
      apiKey: undefined,
      json: false,
      intervalMs: 3000,
      timeoutMs: undefined,
    });
    assert.strictEqual(DEFAULT_BASE_URL, 'http://127.0.0.1:8787');
  });

  it('reads MJ_BASE_URL, MJ_API_KEY and MJ_AUTH; flags win over the environment', () => {
    const env = { MJ_BASE_URL: 'https://env.example', MJ_API_KEY: 'sk-env', MJ_AUTH: 'raw' };
    const fromEnv = options(['fetch', 'abcd'], env);
    assert.deepStrictEqual([fromEnv.baseUrl, fromEnv.apiKey, fromEnv.auth], ['https://env.example', 'sk-env', 'raw']);
    const fromFlags = options(['fetch', 'abcd', '--base-url', 'https://flag.example/mj', '--auth=mj-api-secret'], env);
    assert.deepStrictEqual([fromFlags.baseUrl, fromFlags.auth], ['https://flag.example/mj', 'mj-api-secret']);
  });

  it('reads watch options and keeps every ID argument', () => {
    const o = options(['watch', 'a1234', '--json', 'b1234', '--interval', '0.5', '--timeout=2', '-']);
    assert.deepStrictEqual([o.command, o.inputs, o.json, o.intervalMs, o.timeoutMs], ['watch', ['a1234', 'b1234', '-'], true, 500, 2000]);
  });

  it('treats everything after -- as IDs', () => {
    assert.deepStrictEqual(options(['fetch', '--', '--json']).inputs, ['--json']);
  });

  it('asks for help and the version', () => {
    assert.deepStrictEqual(parseArgs([], {}), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['fetch', '--help'], {}), { kind: 'help' });
    assert.deepStrictEqual(parseArgs(['-V'], {}), { kind: 'version' });
  });

  it('explains usage errors', () => {
    assert.match(usage(['fetch']), /at least one task ID/);
    assert.match(usage(['get', '1']), /Unknown command "get"/);
    assert.match(usage(['fetch', '1', '--nope']), /Unknown option --nope/);
    assert.match(usage(['fetch', '1', '-x']), /Unknown option -x/);
    assert.match(usage(['fetch', '1', '--base-url']), /--base-url needs a value/);
    assert.match(usage(['fetch', '1', '--base-url', 'example.com']), /is not a URL/);
    assert.match(usage(['fetch', '1'], { MJ_BASE_URL: 'ftp://x' }), /http:\/\/ or https:\/\//);
    assert.match(usage(['fetch', '1', '--auth', 'basic']), /Unknown auth scheme "basic".*bearer, raw, mj-api-secret, none/);
    assert.match(usage(['watch', '1', '--interval', '0']), /--interval takes a number of seconds/);
    assert.match(usage(['fetch', '1', '--interval', '1']), /only applies to mj-tasks watch/);
  });
});

describe('cli: exit codes', () => {
  const ctx = { server: 'http://s', taskId: '1' };
  const ok: Outcome = { id: '1', task: task({}) };
  it('0 when every ID has its task, else the most severe failure', () => {
    assert.strictEqual(exitCodeOf([ok]), 0);
    assert.strictEqual(exitCodeOf([ok, { id: '2', error: new TaskNotFoundError(ctx) }]), 3);
    assert.strictEqual(exitCodeOf([{ id: '2', error: new UnauthorizedError(ctx) }, { id: '3', error: new TaskNotFoundError(ctx) }]), 4);
    assert.strictEqual(exitCodeOf([{ id: '2', error: new UnauthorizedError(ctx) }, { id: '3', error: new NetworkError(ctx, 'x') }]), 5);
  });
});

describe('cli: report', () => {
  it('prints a shared error once and per-ID errors each on one stderr line', () => {
    const shared = new UnauthorizedError({ server: 'http://s' });
    const io = { stdout: new Sink(), stderr: new Sink() };
    report(
      [
        { id: '1', error: shared },
        { id: '2', error: shared },
        { id: '3', error: new TaskNotFoundError({ server: 'http://s', taskId: '3' }) },
      ],
      false,
      io,
    );
    assert.strictEqual(io.stdout.text, '');
    const lines = io.stderr.text.trimEnd().split('\n');
    assert.strictEqual(lines.length, 2);
    assert.match(lines[0], /API key was not accepted\. Check the API key/);
    assert.match(lines[1], /Task 3 was not found on http:\/\/s\. Check the ID/);
  });

  it('--json: an array with tasks and {id, error}', () => {
    const io = { stdout: new Sink(), stderr: new Sink() };
    report([{ id: '1730621826053455', task: task({ status: 'SUCCESS' }) }, { id: '2', error: new TaskNotFoundError({ server: 'http://s', taskId: '2' }) }], true, io);
    const out = JSON.parse(io.stdout.text) as [Task, { id: string; error: { kind: string; message: string; hint: string } }];
    assert.strictEqual(out[0].status, 'SUCCESS');
    assert.strictEqual(out[1].id, '2');
    assert.strictEqual(out[1].error.kind, 'TaskNotFound');
    assert.match(out[1].error.message, /not found/);
  });
});

describe('cli: renderTask', () => {
  it('shows id, status, progress, action, prompt, image, failure, final prompt and buttons', () => {
    const text = renderTask(
      task({
        action: 'IMAGINE',
        status: 'FAILURE',
        progress: '',
        prompt: 'x'.repeat(300),
        imageUrl: 'https://cdn/x.png',
        imageUrls: ['https://cdn/x.png', { url: 'https://cdn/1.png' }],
        failReason: '[Banned prompt detected] nope',
        properties: { finalPrompt: 'final --v 7' },
        buttons: [
          { customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '' },
          { customId: 'MJ::JOB::reroll::0::h::SOLO', label: '', emoji: '🔄' },
          { customId: 'MJ::Job::PicReader::all', label: 'Imagine all', emoji: '🎉' },
        ],
      }),
    );
    const lines = text.split('\n');
    assert.strictEqual(lines[0], 'Task 1730621826053455');
    assert.match(text, /Status {10}Failed/);
    assert.ok(!/Progress/.test(text), 'no progress line when there is none');
    assert.match(text, /Action\s+IMAGINE/);
    assert.match(text, /Prompt\s+x{119}…\n/);
    assert.match(text, /Image\s+https:\/\/cdn\/x\.png/);
    assert.match(text, /Image 1\s+https:\/\/cdn\/1\.png/);
    assert.match(text, /Failure reason\s+\[Banned prompt detected\] nope/);
    assert.match(text, /Final prompt\s+final --v 7/);
    assert.match(text, /\n {4}U1 {14}MJ::JOB::upsample::1::h/);
    assert.match(text, /\n {4}🔄 {14}MJ::JOB::reroll::0::h::SOLO/);
    assert.match(text, /\n {4}🎉 Imagine all {2}MJ::Job::PicReader::all/);
  });

  it('shows the raw text of an UNKNOWN status', () => {
    assert.match(renderTask(task({ status: 'WEIRD' })), /Status {2}Unknown \(WEIRD\)/);
  });

  it('counts CJK and emoji as two columns', () => {
    assert.strictEqual(displayWidth('abc'), 3);
    assert.strictEqual(displayWidth('提示词'), 6);
    assert.strictEqual(displayWidth('🔄'), 2);
    assert.strictEqual(displayWidth('1️⃣'), 2);
  });
});

describe('cli: watch view', () => {
  it('progress lines show the status label and a bar, aligned, and fit the terminal width', () => {
    const line = progressLine('1730621826053455', task({ status: 'IN_PROGRESS', progress: '50%' }), undefined);
    // "Running" padded to the widest label ("Waiting for input"), so every bar starts in one column.
    assert.match(line, /^1730621826053455 {2}Running {12}\[█{10}░{10}\] {2}50%$/);
    const modal = progressLine('1730621826053455', task({ status: 'MODAL' }), undefined);
    assert.strictEqual(modal.indexOf('['), line.indexOf('['));
    assert.ok(displayWidth(progressLine('1730621826053455', task({ status: 'IN_PROGRESS' }), undefined, 30)) < 30);
    assert.match(progressLine('1', undefined, undefined), /waiting/);
  });

  it('bars mode redraws in place', () => {
    const out = new Sink(true, 120);
    const view = new ProgressView(['a', 'b'], out, 'bars');
    view.render();
    view.update('a', task({ id: 'a', status: 'IN_PROGRESS', progress: '10%' }));
    view.render();
    const frames = out.text.split('\x1b[2A');
    assert.strictEqual(frames.length, 2, 'second frame moves up over the first');
    assert.match(frames[1], /a {2}Running/);
  });

  it('lines mode prints a line only when something changed', () => {
    const out = new Sink();
    const view = new ProgressView(['a'], out, 'lines');
    const t = (p: string): Task => task({ id: 'a', status: 'IN_PROGRESS', progress: p });
    view.update('a', t('10%'));
    view.update('a', t('10%'));
    view.update('a', t('20%'));
    view.render();
    assert.strictEqual(out.text, 'a  Running  10%\na  Running  20%\n');
  });

  it('with --json the bars go to a terminal on stderr, or nowhere', () => {
    const tty = new Sink(true);
    const pipe = new Sink(false);
    assert.deepStrictEqual(progressMode(true, tty, tty).mode, 'bars');
    assert.strictEqual(progressMode(true, tty, tty).out, tty);
    assert.strictEqual(progressMode(true, tty, pipe).mode, 'off');
    assert.strictEqual(progressMode(false, tty, pipe).mode, 'bars');
    assert.strictEqual(progressMode(false, pipe, tty).mode, 'lines');
  });
});

describe('cli: locale', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-tasks-l10n-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'mj-tasks', version: '9.8.7' }));
    fs.mkdirSync(path.join(dir, 'l10n'));
    fs.writeFileSync(path.join(dir, 'l10n', 'bundle.l10n.zh-cn.json'), JSON.stringify({ 'Task {0}': '任务 {0}' }));
    fs.mkdirSync(path.join(dir, 'dist'));
  });
  after(() => {
    // Back to the English source strings for the other suites in this process.
    l10n.config({ contents: {} });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the package root from dist/ and from the tsc output', () => {
    assert.strictEqual(packageRoot(path.join(dir, 'dist')), dir);
    const repo = packageRoot();
    assert.ok(repo && fs.existsSync(path.join(repo, 'src/cli/main.ts')));
    assert.strictEqual(packageVersion(dir), '9.8.7');
    assert.strictEqual(packageVersion(undefined), '0.0.0');
  });

  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.strictEqual(requestedLocale({ LANG: 'en_US', LC_ALL: 'zh_CN' }), 'zh_CN');
    assert.strictEqual(requestedLocale({ LANG: 'zh_CN', LC_MESSAGES: 'de_DE' }), 'de_DE');
    assert.strictEqual(requestedLocale({ LANG: 'zh_TW.UTF-8' }), 'zh_TW.UTF-8');
    assert.strictEqual(requestedLocale({}), '');
  });

  it('loads the Chinese bundle only for a zh locale', () => {
    assert.strictEqual(loadLocale({ LANG: 'en_US.UTF-8' }, dir), undefined);
    assert.strictEqual(l10n.t('Task {0}', '1'), 'Task 1');
    assert.strictEqual(loadLocale({ LANG: 'zh_CN.UTF-8' }, dir), path.join(dir, 'l10n', 'bundle.l10n.zh-cn.json'));
    assert.strictEqual(l10n.t('Task {0}', '1'), '任务 1');
    l10n.config({ contents: {} });
  });

  it('stays English when the bundle is missing or broken', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-tasks-l10n-none-'));
    try {
      assert.strictEqual(loadLocale({ LANG: 'zh_CN' }, empty), undefined);
      fs.mkdirSync(path.join(empty, 'l10n'));
      fs.writeFileSync(path.join(empty, 'l10n', 'bundle.l10n.zh-cn.json'), '{broken');
      assert.strictEqual(loadLocale({ LANG: 'zh_CN' }, empty), undefined);
      assert.strictEqual(l10n.t('Task {0}', '1'), 'Task 1');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
