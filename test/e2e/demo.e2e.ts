// `npm start` as a user runs it: it prints an address, that page is VS Code with the MJ Tasks view
// tracking the demo tasks, a running one finishes by itself with a notification, a finished grid
// opens in the preview where U2's customId and the finalPrompt go into the user's code, and Ctrl-C
// leaves nothing running. A VS Code of its own: the one the demo script starts.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { borrowWorkbench, ROOT, SCREENSHOT_DIR, waitFor, workbench, type Notification, type TreeRow } from './harness/index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require(path.join(ROOT, 'scripts', 'vscode-server.js'));

// Callbacks given to frame.evaluate run in the webview; this file compiles without the DOM lib.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

const DEMO_DIR = path.join(ROOT, '.vscode-test', 'demo');
const VIEW_ROWS = '[id="workbench.view.extension.mjTasks"] .pane-body .monaco-list-row';

describe('npm start (the demo)', function () {
  this.timeout(60_000);
  let child: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null> | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let release: (() => void) | undefined;
  let address = '';
  let demoCount = 0;

  async function shot(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `Demo--${name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}.png`) });
  }

  before(async function () {
    this.timeout(240_000);
    server.ensureInstalled();
    const [port, simPort] = [await server.freePort(), await server.freePort()];
    // As `npm start` runs it (the build is done by the test run), on free ports, a little faster.
    child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-build', '--port', String(port), '--sim-port', String(simPort), '--speed', '2'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    address = await waitFor(async () => {
      if (child!.exitCode !== null) throw new Error(`npm start exited (${child!.exitCode}):\n${output}`);
      return /Open VS Code:\s+(http\S+)/.exec(output)?.[1];
    }, 'the address npm start prints', 180_000);
    demoCount = Number(/Tracking:\s+(\d+) demo tasks/.exec(output)?.[1] ?? 0);

    browser = await server.launchChromium();
    context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(address).origin });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(address);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 120_000 });
    release = borrowWorkbench({ url: address, browser: browser!, context, page });
  });

  afterEach(async function () {
    if (page && this.currentTest && !page.isClosed()) await shot(this.currentTest.title).catch(() => undefined);
  });

  after(async () => {
    release?.();
    await browser?.close().catch(() => undefined);
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('prints an address whose page is VS Code with the MJ Tasks view tracking the demo tasks', async () => {
    assert.match(address, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/);
    assert.ok(demoCount >= 5, `npm start names its demo tasks:\n${output}`);
    await workbench.openMjTasksView();
    await waitFor(async () => (await page.locator(VIEW_ROWS).count()) === demoCount, `${demoCount} demo tasks in the tree`, 60_000);
    // Each row gets its status icon with the first answer from the simulator.
    await waitFor(async () => {
      const rows = await workbench.treeRows();
      return rows.some((r) => r.icons.includes('pass')) && rows.some((r) => r.icons.includes('error'));
    }, 'finished and failed demo tasks with their icons', 30_000);
  });

  it('follows a running demo task to the end by itself, then says so once', async function () {
    this.timeout(150_000);
    // Nothing is touched from here on: the demo's moving tasks (the VARIATION, the Chinese IMAGINE)
    // finish by themselves. Follow the ones running now; the first to end is the one followed.
    const key = (r: TreeRow) => `${r.label} · ${r.description.split(' · ')[0]}`; // its title and action
    const running = await waitFor(async () => {
      const rows = (await workbench.treeRows()).filter((r) => r.icons.includes('sync'));
      return rows.length > 0 ? rows : undefined;
    }, 'a demo task running, with a spinning icon', 30_000);
    for (const r of running) assert.match(r.description, /\d+%/, `its progress shows while it runs: ${r.text}`);
    const done = await waitFor(
      async () => (await workbench.treeRows()).find((r) => r.icons.includes('pass') && running.some((was) => key(was) === key(r))),
      'a running demo task to finish',
      100_000,
    );
    assert.doesNotMatch(done.description, /%/, 'a finished task shows no progress');

    // Told exactly once: one notification naming it, or one summary (more than two finished in the
    // same poll round). The centre keeps every notification, toasts that have hidden included.
    const title = done.label.slice(0, 30);
    const aboutIt = (n: Notification) => (n.message.startsWith('Midjourney task finished: ') && n.message.includes(title)) || / Midjourney tasks finished: /.test(n.message);
    const seen = await waitFor(async () => {
      const all = await workbench.notifications({ openCentre: true });
      return all.some(aboutIt) ? all : undefined;
    }, `the notification for "${title}"`, 20_000);
    const told = seen.filter((n) => n.where === 'centre' && aboutIt(n));
    assert.strictEqual(told.length, 1, `one notification for "${title}": ${JSON.stringify(seen.map((n) => n.message))}`);
    await workbench.dismissOverlays();
  });

  it('opens a finished grid in the preview: U2 and the finalPrompt go into the code with Insert', async () => {
    await workbench.runCommand('Notifications: Clear All Notifications');
    // The user's code: a new file they type into, the cursor after "custom_id = ".
    await workbench.runCommand('File: New Untitled Text File');
    await page.locator('.editor-instance .monaco-editor textarea').first().waitFor({ state: 'attached' });
    await page.keyboard.insertText('custom_id = ');

    const grid = page.locator(VIEW_ROWS).filter({ hasText: 'lighthouse' }).filter({ hasText: /IMAGINE ·/ });
    await grid.click();
    const frame: Frame = await workbench.webviewFrame(
      (f) => f.evaluate(() => document.title === 'MJ Tasks' && (document.querySelector('main#app')?.textContent ?? '').includes('Upscale image 2')),
      'the preview of the grid',
      30_000,
    );
    await waitFor(
      () => frame.evaluate(() => { const img = document.querySelector('.main-image img'); return !!img && img.complete && img.naturalWidth > 0; }),
      'the grid image to load',
      30_000,
    );
    assert.strictEqual(await frame.locator('.quadrant').count(), 4);
    const u2 = (await frame.locator('li.button-row', { hasText: 'Upscale image 2' }).locator('code.custom-id').innerText()).replace(/\s+/g, '');
    assert.match(u2, /^MJ::JOB::upsample::2::[0-9a-f-]+$/);

    await frame.locator('li.button-row', { hasText: 'Upscale image 2' }).locator('[data-action="insert"]').click();
    await waitFor(async () => (await workbench.visibleEditorText()).includes(`custom_id = ${u2}`), 'U2 inserted into the editor');
    await frame.locator('.value-card[data-key="finalPrompt"] [data-action="insert"]').click();
    await waitFor(async () => /--v 7/.test(await workbench.visibleEditorText()), 'the finalPrompt inserted into the editor');
  });

  it('stops everything on Ctrl-C', async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    browser = undefined;
    child!.kill('SIGINT');
    const code = await exited;
    assert.strictEqual(code, 0, output);
    assert.match(output, /Stopped; nothing left running\./);
    assert.deepStrictEqual(server.processesMentioning(DEMO_DIR), []);
  });
});
