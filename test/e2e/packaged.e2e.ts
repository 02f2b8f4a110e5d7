// The shipped package, as a user gets it: `npm run package` builds a .vsix within budget holding
// only what runs; installed into a fresh VS Code set to Chinese, it activates and speaks Chinese.
// A VS Code of its own (not the shared one): an installed extension, another locale. As installed,
// it ignores MJ_TASKS_DEV_SETUP (set here on purpose): the key and the tasks come through its UI.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { startSimulator, type Simulator } from '../../src/simulator';
import { ROOT, SCREENSHOT_DIR, waitFor } from './harness/index';

// Plain JS build tooling, loaded at run time.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require(path.join(ROOT, 'scripts', 'vscode-server.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageVsix } = require(path.join(ROOT, 'scripts', 'package.js')) as { packageVsix(out: string): Promise<{ file: string; bytes: number }> };

const BUDGET_BYTES = 300 * 1024;
const RUN_DIR = path.join(ROOT, '.vscode-test', 'e2e-packaged');
const PROVIDER = '模拟器';
const KEY = 'mj-zh-key';
const VIEW = '[id="workbench.view.extension.mjTasks"]';

/** Entries of a zip file, read with Python's zipfile (on every machine of this kind). */
function zipEntries(file: string): string[] {
  const out = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

/** code-server's own CLI, as `code --install-extension` would be used. */
function installExtension(userDataDir: string, extensionsDir: string, vsix: string): void {
  execFileSync(server.ensureNode24(), [server.codeServerEntry(), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    env: { ...process.env, HOME: path.join(RUN_DIR, 'home') },
    stdio: 'pipe',
  });
}

describe('Packaged, in Chinese', function () {
  this.timeout(60_000);
  let vsix: { file: string; bytes: number };
  let sim: Simulator;
  let vscode: { url: string; stop(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;

  async function paletteRows(): Promise<string[]> {
    return page.$$eval('.quick-input-widget .monaco-list-row', (rows) => rows.map((r) => (r.getAttribute('aria-label') ?? '').trim()));
  }

  async function toasts(): Promise<string[]> {
    return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
  }

  /** The answer of Test Connection for the provider ("…：连接正常——…" or "…：连接失败——…"), not its progress toast. */
  async function connectionResult(): Promise<string> {
    const isResult = (t: string) => t.includes(PROVIDER) && /连接(正常|失败)/.test(t);
    // In this code-server an information toast can go straight to the notification centre when it
    // arrives while the input box or an earlier toast is closing; the user still has it behind the
    // bell, so the centre counts too.
    const fromToast = await waitFor(async () => (await toasts()).find(isResult), 'the connection result as a toast', 10_000).catch(() => undefined);
    if (fromToast) return fromToast;
    await page.locator('[id="status.notifications"]').click();
    try {
      return await waitFor(
        async () => (await page.locator('.notifications-center .notification-list-item-message').allInnerTexts()).find(isResult),
        'the connection result in the notification centre',
        10_000,
      );
    } finally {
      await page.keyboard.press('Escape');
    }
  }

  /** Shows the MJ Tasks view (a click on its activity-bar icon would hide it when it shows already). */
  async function openView(): Promise<void> {
    if (!(await page.locator(VIEW).isVisible())) await page.locator('.part.activitybar [aria-label^="MJ Tasks"]').first().click();
    await page.locator(VIEW).waitFor({ state: 'visible' });
  }

  /** The view's welcome for no tracked task; it needs the context keys set at activation. */
  async function waitForNoTasksWelcome(): Promise<void> {
    await openView();
    await waitFor(async () => /还没有跟踪任何任务/.test(await page.locator(`${VIEW} .pane-body`).innerText().catch(() => '')), 'the welcome for no tasks, in Chinese');
  }

  /** Runs `MJ Tasks: <title>` from the palette. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>MJ Tasks: ${title}`);
    await waitFor(async () => (await paletteRows())[0]?.includes(title), `"${title}" first in the palette`);
    await page.keyboard.press('Enter');
  }

  /** Types `text` into the input box whose title matches, and accepts it. */
  async function answerInput(title: RegExp, text: string): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    await waitFor(async () => {
      const shown = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      return title.test(shown) && (await input.isVisible());
    }, `the input box ${title}`);
    await input.fill(text);
    await page.keyboard.press('Enter');
  }

  async function shot(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `Packaged--${name}.png`) });
  }

  before(async function () {
    this.timeout(300_000);
    server.ensureInstalled();
    server.claimRunDir(RUN_DIR);
    for (const d of ['ud', 'ext', 'home', 'workspace']) {
      fs.rmSync(path.join(RUN_DIR, d), { recursive: true, force: true });
      fs.mkdirSync(path.join(RUN_DIR, d), { recursive: true });
    }
    fs.writeFileSync(path.join(RUN_DIR, 'workspace', 'generate.py'), '# submit prompts here\n');
    vsix = await packageVsix(path.join(RUN_DIR, 'mj-tasks.vsix'));

    const ud = path.join(RUN_DIR, 'ud');
    const ext = path.join(RUN_DIR, 'ext');
    installExtension(ud, ext, vsix.file);
    // VS Code's own Chinese language pack comes from the Marketplace, out of reach here. A locale-only
    // extension makes VS Code resolve zh-cn (its own UI stays English) so extensions load Chinese.
    const localeVsix = path.join(RUN_DIR, 'zh-cn-locale.vsix');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--allow-missing-repository', '--out', localeVsix], {
      cwd: path.join(ROOT, 'test/e2e/fixtures/zh-cn-locale'),
      stdio: 'pipe',
    });
    installExtension(ud, ext, localeVsix);
    // What VS Code writes when a language pack is chosen with "Configure Display Language".
    const locale = path.join(ext, 'mj-tasks-test.zh-cn-locale-0.0.1');
    fs.writeFileSync(
      path.join(ud, 'languagepacks.json'),
      JSON.stringify({
        'zh-cn': {
          hash: 'mj-tasks-e2e-1',
          extensions: [{ extensionIdentifier: { id: 'mj-tasks-test.zh-cn-locale', uuid: '' }, version: '0.0.1' }],
          translations: { vscode: path.join(locale, 'translations', 'main.i18n.json') },
          label: '中文(简体)',
        },
      }),
    );

    // Frozen: no demo task finishes (and pops a toast) while the suite reads its own toasts.
    sim = await startSimulator({ port: 0, dialect: 'newapi', apiKey: KEY, seedDemo: true, frozen: true });
    // What a development copy would apply at activation; the installed one must not.
    const setup = server.writeDevSetup(path.join(RUN_DIR, 'dev-setup.json'), { keys: { [PROVIDER]: KEY }, track: { [PROVIDER]: sim.demoTaskIds } });
    vscode = await server.startCodeServer({
      dataDir: RUN_DIR,
      workspace: path.join(RUN_DIR, 'workspace'),
      settings: server.mjTasksSettings(sim.url, PROVIDER),
      env: { MJ_TASKS_DEV_SETUP: setup },
      link: false,
      locale: 'zh-cn',
    });
    browser = await server.launchChromium();
    page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${vscode!.url}?folder=${encodeURIComponent(path.join(RUN_DIR, 'workspace'))}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 120_000 });
  });

  afterEach(async function () {
    if (page && this.currentTest) {
      await shot(this.currentTest.title.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)).catch(() => undefined);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await vscode?.stop();
    await sim?.close();
  });

  it('packs a .vsix within the 300 KB budget holding only what runs', () => {
    assert.ok(vsix.bytes <= BUDGET_BYTES, `${vsix.bytes} bytes is over the ${BUDGET_BYTES}-byte budget`);
    const entries = zipEntries(vsix.file)
      .filter((e) => e.startsWith('extension/'))
      .map((e) => e.slice('extension/'.length));
    for (const wanted of ['package.json', 'dist/extension.js', 'dist/webp.wasm', 'dist/webview/webview.js', 'dist/webview/preview.css', 'dist/webview/codicons/codicon.ttf', 'media/icon.png', 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json', 'readme.md', 'LICENSE.txt', 'changelog.md']) {
      assert.ok(entries.some((e) => e.toLowerCase() === wanted.toLowerCase()), `${wanted} is in the package: ${entries.join(', ')}`);
    }
    const unexpected = entries.filter((e) => !/^(dist\/extension\.js|dist\/webp\.wasm|dist\/webview\/(webview\.js|preview\.css|codicons\/.+)|media\/.+|l10n\/bundle\.l10n\.[a-z-]+\.json|package(\.nls(\.[a-z-]+)?)?\.json|readme\.md|changelog\.md|license\.txt)$/i.test(e));
    assert.deepStrictEqual(unexpected, [], 'nothing but what runs (no sources, maps, tests or node_modules)');
    const readme = execFileSync('python3', ['-c', 'import sys,zipfile;sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("extension/readme.md").decode())', vsix.file], { encoding: 'utf8' });
    assert.match(readme, /^# MJ Tasks/);
    assert.doesNotMatch(readme, /docs\/images\//, 'no screenshot links that would show broken in VS Code');
  });

  it('activates once installed, and shows its view in Chinese', async () => {
    await openView();
    const title = await waitFor(async () => {
      const t = (await page.locator(`${VIEW} .title-label, .part.sidebar .composite.title .title-label`).first().innerText().catch(() => '')).trim();
      return /任务/.test(t) ? t : undefined;
    }, 'the view title in Chinese');
    assert.match(title, /MJ Tasks: 任务/i);
    await waitForNoTasksWelcome();
  });

  // One test, not two: the tasks can only be fetched once the key is set.
  it('takes no key and no task from MJ_TASKS_DEV_SETUP: works once the key is set with Set API Key and the tasks given to Track Task…', async () => {
    await waitForNoTasksWelcome();
    await runCommand('测试连接');
    assert.match(await connectionResult(), /连接失败/, 'no key reached the installed extension');
    await page.locator('.notifications-toasts .notification-list-item').filter({ hasText: '连接失败' }).getByRole('button', { name: '设置 API 密钥' }).click();
    await answerInput(/API 密钥/, KEY);
    assert.match(await connectionResult(), /连接正常/, 'the key set through the command is used');
    await page.keyboard.press('Escape'); // hides the toasts: the palette test reads its own
    await waitFor(async () => (await toasts()).length === 0, 'the toasts to hide');

    // Long after activation: still nothing tracked, so no task came from MJ_TASKS_DEV_SETUP.
    assert.match(await page.locator(`${VIEW} .pane-body`).innerText(), /还没有跟踪任何任务/, 'no task came from MJ_TASKS_DEV_SETUP');
    await runCommand('跟踪任务…');
    await answerInput(/跟踪 Midjourney 任务/, sim.demoTaskIds.join(' '));
    const rows = await waitFor(async () => {
      const texts = await page.locator(`${VIEW} .pane-body .monaco-list-row`).allInnerTexts();
      return texts.length >= sim.demoTaskIds.length && texts.some((t) => /刚刚|分钟前/.test(t)) && texts.some((t) => /IMAGINE/.test(t)) ? texts : undefined;
    }, 'the tracked tasks, fetched, with Chinese ages', 45_000);
    assert.ok(rows.some((t) => /IMAGINE/.test(t)), rows.join('\n'));
    const status = await waitFor(async () => (await page.locator('.part.statusbar').innerText()).match(/\d+ 个运行中|\d+ 个已完成|运行中|已完成/)?.[0], 'the status bar summary in Chinese');
    assert.ok(status);
  });

  it('lists its commands in the palette in Chinese and answers in Chinese', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>MJ Tasks: ');
    // The rendered rows (the list is virtual): every MJ Tasks command shows its Chinese title.
    const shown = await waitFor(async () => {
      const l = (await paletteRows()).filter((x) => x.startsWith('MJ Tasks:') && !/Focus on/.test(x));
      return l.length >= 5 ? l : undefined;
    }, 'MJ Tasks commands in the palette');
    assert.deepStrictEqual(shown.filter((l) => !/^MJ Tasks: [^A-Za-z]*[\u4e00-\u9fa5]/.test(l)), [], 'titles in Chinese');
    for (const title of ['跟踪任务…', '添加服务商…', '设置 API 密钥…']) {
      await input.fill(`>MJ Tasks: ${title}`);
      await waitFor(async () => (await paletteRows()).some((l) => l.startsWith(`MJ Tasks: ${title}`)), `"${title}" in the palette`);
    }
    await input.fill('>MJ Tasks: 测试连接');
    await waitFor(async () => (await paletteRows())[0]?.includes('测试连接'), 'Test Connection in Chinese, first');
    await page.keyboard.press('Enter');
    const message = await connectionResult();
    assert.match(message, /模拟器/);
    assert.match(message, /[\u4e00-\u9fa5]{2,}/, 'the message itself is Chinese');
    assert.doesNotMatch(message, /reachable|accepted the key/, 'no English left in it');
  });
});
