// `npm start` as a user runs it: it prints an address, that page is VS Code with the MJ Tasks view
// tracking the demo tasks, a running one moves and finishes with a notification, a finished grid
// opens in the preview where U2's customId and the finalPrompt go into the user's code, and Ctrl-C
// leaves nothing running. A VS Code of its own: the one the demo script starts, with --control so
// the demo's moving tasks wait for the test (through the simulator's control routes) instead of
// the test waiting for them.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { borrowWorkbench, ROOT, SCREENSHOT_DIR, waitFor, workbench, type Notification } from './harness/index';

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
  let control = { url: '', token: '' };

  /** Moves a demo task through the simulator's control route; returns its state afterwards. */
  async function move(id: string, action: 'progress' | 'complete', body: Record<string, unknown> = {}): Promise<{ status: string; progress: number | null }> {
    const res = await fetch(`${control.url}tasks/${id}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sim-control': control.token },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    assert.strictEqual(res.status, 200, `${action} of ${id}: ${text}`);
    return JSON.parse(text) as { status: string; progress: number | null };
  }

  async function shot(name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `Demo--${name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}.png`) });
  }

  before(async function () {
    this.timeout(240_000);
    server.ensureInstalled();
    const [port, simPort] = [await server.freePort(), await server.freePort()];
    // As `npm start` runs it (the build is done by the test run), on free ports, under the test's control.
    child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-build', '--port', String(port), '--sim-port', String(simPort), '--control'], {
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
    const ctl = /Control:\s+(http\S+\/_sim\/)\s+\(X-Sim-Control: ([0-9a-f]+);/.exec(output);
    assert.ok(ctl, `npm start --control prints its control route:\n${output}`);
    control = { url: ctl[1], token: ctl[2] };

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

  it('follows a running demo task as it moves and ends, then says so once', async () => {
    // The demo's VARIATION (at 62 %, as npm start lists it) is moved by the test, and the view's
    // Refresh All asks for it at once, as a user can, instead of waiting for the next poll.
    const id = /^\s+(\d+)\s+IN_PROGRESS\s+VARIATION at 62 %/m.exec(output)?.[1];
    assert.ok(id, `npm start lists the VARIATION in progress:\n${output}`);
    const variation = async () => (await workbench.treeRows()).find((r) => r.description.startsWith('VARIATION'));
    const running = await waitFor(async () => {
      const rows = (await workbench.treeRows()).filter((r) => r.icons.includes('sync'));
      return rows.some((r) => r.description.startsWith('VARIATION · 62%')) ? rows : undefined;
    }, 'the demo tasks running with a spinning icon, the VARIATION at 62 %');
    for (const r of running) assert.match(r.description, /\d+%/, `its progress shows while it runs: ${r.text}`);

    assert.deepStrictEqual(await move(id, 'progress', { progress: 93 }), { id, status: 'IN_PROGRESS', progress: 93 });
    await workbench.runCommand('MJ Tasks: Refresh All');
    await waitFor(async () => (await variation())?.description.startsWith('VARIATION · 93%'), 'the VARIATION at 93 % in the tree');

    assert.strictEqual((await move(id, 'complete')).status, 'SUCCESS');
    await workbench.runCommand('MJ Tasks: Refresh All');
    const done = await waitFor(async () => {
      const r = await variation();
      return r?.icons.includes('pass') ? r : undefined;
    }, 'the VARIATION to finish');
    assert.doesNotMatch(done.description, /%/, 'a finished task shows no progress');

    // Told exactly once, by a notification naming it: it alone finished in that poll round (the
    // other moving tasks wait). The centre keeps every notification, toasts that have hidden too.
    const title = done.label.slice(0, 30);
    const aboutIt = (n: Notification) => n.message.startsWith('Midjourney task finished: ') && n.message.includes(title);
    const seen = await waitFor(async () => {
      const all = await workbench.notifications({ openCentre: true });
      return all.some(aboutIt) ? all : undefined;
    }, `the notification for "${title}"`);
    const centre = seen.filter((n) => n.where === 'centre');
    assert.strictEqual(centre.filter(aboutIt).length, 1, `one notification for "${title}": ${JSON.stringify(seen.map((n) => n.message))}`);
    assert.deepStrictEqual(centre.filter((n) => /Midjourney tasks? (finished|failed|cancelled)/.test(n.message) && !aboutIt(n)), [], 'nothing else finished');
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
