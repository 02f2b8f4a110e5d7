// Task IDs where the developer meets them, in a real VS Code: a script run in the integrated
// terminal prints a submit response and Ctrl+click on its link tracks the task; Track from
// Clipboard and Track Task's input prefilled from the clipboard; the first-run walkthrough's steps
// checked off by doing them; the preview's grid copied by key (1–4, Shift+1–4) with its buttons in
// tab order, each with a visible focus ring and a name.
// Screenshots (one per test, by the harness) land in test-results/screenshots/Terminal*--*.png.
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { API_KEY, borrowWorkbench, PROVIDER, ROOT, useWorkbench, waitFor, workbench } from './harness/index';
import { demoTask, expectClipboard, pickTaskWith, previewFrame, taskJson } from './previewHelpers';

// Callbacks given to page.evaluate / frame.evaluate run in the browser; this file compiles without
// the DOM lib, so the page globals are declared here (as in previewHelpers.ts).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require(path.join(ROOT, 'scripts', 'vscode-server.js'));

/** The script a user's project would have: submits an imagine, prints the server's answer as it came. */
function submitScript(prompt: string): string {
  return [
    `const res = await fetch(${JSON.stringify(`${workbench.simulator.url}/mj/submit/imagine`)}, {`,
    "  method: 'POST',",
    `  headers: { 'Content-Type': 'application/json', Authorization: ${JSON.stringify(`Bearer ${API_KEY}`)} },`,
    `  body: JSON.stringify({ prompt: ${JSON.stringify(prompt)} }),`,
    '});',
    'console.log(await res.text());',
    '',
  ].join('\n');
}

/** The terminal's rows as text (the DOM renderer: the workspace settings turn the GPU one off). */
async function terminalText(): Promise<string> {
  return workbench.page.evaluate(() =>
    Array.from(document.querySelectorAll('.terminal-wrapper.active .xterm-rows > div'))
      .map((row: any) => row.textContent ?? '')
      .join('\n'),
  );
}

/**
 * The centre of `text` on screen in the active terminal (its first row when it wraps), at its last
 * appearance: an earlier row may hold wide characters (a relay's Chinese "in queue" description before
 * the ID in the same JSON line), which the cell arithmetic below does not place right.
 */
async function terminalTextCentre(text: string): Promise<{ x: number; y: number } | undefined> {
  return workbench.page.evaluate((wanted) => {
    for (const row of (Array.from(document.querySelectorAll('.terminal-wrapper.active .xterm-rows > div')) as any[]).reverse()) {
      const rowText: string = row.textContent ?? '';
      // The whole of it on this row, or its start at the row's end (the rest wrapped onto the next).
      let at = rowText.indexOf(wanted);
      let length = wanted.length;
      if (at < 0) {
        for (let k = wanted.length - 1; k >= 6 && at < 0; k--) {
          if (rowText.trimEnd().endsWith(wanted.slice(0, k))) {
            at = rowText.trimEnd().length - k;
            length = k;
          }
        }
      }
      if (at < 0) continue;
      // The row's cells are monospace: a character's place is its column times the cell width.
      const box = row.getBoundingClientRect();
      const cell = box.width / Math.max(1, rowText.length);
      const spans = Array.from(row.querySelectorAll('span')) as any[];
      const cellWidth = spans.length ? spans.reduce((w: number, s: any) => Math.max(w, s.getBoundingClientRect().width / Math.max(1, (s.textContent ?? '').length)), 0) : cell;
      return { x: box.left + (at + length / 2) * cellWidth, y: box.top + box.height / 2 };
    }
    return undefined;
  }, text);
}

/**
 * Hovers the link on `id` in the active terminal until its hover says it tracks that task, then
 * Ctrl+clicks it, until `tracked()`. A click that lands while the terminal is still looking for
 * links under the mouse (a slow machine) does nothing, so it is tried again, up to 3 times; a
 * second activation could do no harm anyway (Track Task keeps one row per ID, nothing is sent).
 */
async function followTaskLink(id: string, tracked: () => Promise<boolean>, screenshot?: [string, string]): Promise<void> {
  const page = workbench.page;
  for (let attempt = 1; ; attempt++) {
    const at = await waitFor(() => terminalTextCentre(id), `task ID ${id} drawn in the terminal`);
    await page.mouse.move(at.x, at.y);
    const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: `Track task ${id} in MJ Tasks` });
    await waitFor(async () => {
      if (await hover.first().isVisible().catch(() => false)) return true;
      // Links are looked for when the mouse moves over a line: move again until the hover shows.
      await page.mouse.move(at.x + 1, at.y);
      await page.mouse.move(at.x, at.y);
      return false;
    }, 'the link hover "Track task … in MJ Tasks"');
    if (screenshot && attempt === 1) await workbench.screenshot(...screenshot);
    await page.keyboard.down('Control');
    await page.mouse.click(at.x, at.y);
    await page.keyboard.up('Control');
    try {
      await answerProviderPickIfAsked(tracked, 10_000);
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.mouse.move(0, 0);
    }
  }
}

/** After a track: Track Task asks for the provider only when another suite added a second one. */
async function answerProviderPickIfAsked(isDone: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const page = workbench.page;
  await waitFor(async () => {
    if (await isDone()) return true;
    const rows = await page.locator('.quick-input-widget .monaco-list-row').allInnerTexts().catch((): string[] => []);
    if ((await page.locator('.quick-input-widget').isVisible()) && rows.some((r) => r.startsWith(PROVIDER))) {
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: PROVIDER }).first().click();
    }
    return false;
  }, 'the task to be tracked (answering the provider pick if asked)', timeoutMs);
}

function rowWith(text: string) {
  return workbench.page.locator('[id="workbench.view.extension.mjTasks"] .pane-body .monaco-list-row', { hasText: text });
}

/** The walkthrough's step buttons: `{ id, checked }` in order. */
async function walkthroughSteps(): Promise<{ id: string; checked: boolean }[]> {
  return workbench.page.evaluate(() =>
    (Array.from(document.querySelectorAll('.gettingStartedContainer button.getting-started-step')) as any[]).map((b) => ({
      id: String(b.getAttribute('data-step-id') ?? ''),
      checked: b.getAttribute('aria-checked') === 'true',
    })),
  );
}

async function stepChecked(step: string): Promise<boolean> {
  return (await walkthroughSteps()).some((s) => s.id.endsWith(step) && s.checked);
}

describe('Terminal links, clipboard, walkthrough and keys', function () {
  this.timeout(180_000);
  useWorkbench();

  it('tracks the task of a submit response printed in the terminal by Ctrl+click on its link', async () => {
    const page = workbench.page;
    const prompt = `terminal link ${Date.now()}`;
    await workbench.closeAllEditors();
    // The DOM renderer, so the test can read the rows and find where the ID is drawn.
    await workbench.writeFile('.vscode/settings.json', JSON.stringify({ 'terminal.integrated.gpuAcceleration': 'off' }, null, 2));
    await workbench.writeFile('submit.mjs', submitScript(prompt));
    await workbench.runCommand('Terminal: Create New Terminal');
    // The first terminal of a window starts VS Code's pty host: slow on a busy machine.
    await waitFor(async () => (await page.locator('.terminal-wrapper.active .xterm-rows').count()) > 0, 'the terminal', 90_000);
    // A webview or editor restored by an earlier suite can take the focus back: click into the terminal until it has it.
    await waitFor(async () => {
      if (await page.locator('.terminal-wrapper.active .xterm-helper-textarea').evaluate((el: any) => el === document.activeElement)) return true;
      await page.locator('.terminal-wrapper.active .xterm-screen').click();
      return false;
    }, 'the terminal to take the keyboard');
    const imagines = () => workbench.simulator.requestCounts()['POST /mj/submit/imagine'] ?? 0;
    const imaginesBefore = imagines();
    await page.keyboard.type('node submit.mjs\n');

    const id = await waitFor(async () => /"result":"?(\d{16,19})/.exec((await terminalText()).replace(/\n/g, ''))?.[1], 'the submit response in the terminal', 60_000);
    assert.ok(workbench.simulator.getTaskJson(id), `the simulator made task ${id}`);
    assert.strictEqual(await rowWith(prompt).count(), 0, 'not tracked before the click');

    // Hovering the ID shows the link's hover (what a click will do); Ctrl+click follows it.
    await followTaskLink(id, async () => (await rowWith(prompt).count()) === 1, ['Terminal links, clipboard, walkthrough and keys', 'the link hover on the submit response']);
    // Revealed: the view shows and the new row is selected.
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt) && r.selected), 'the new row selected in the MJ Tasks view');
    // Terminal text is inert: it was only read for the ID (the script ran once, by the user's Enter).
    assert.strictEqual(imagines() - imaginesBefore, 1, 'exactly one submit, the one the user ran');
    await workbench.screenshot('Terminal links, clipboard, walkthrough and keys', 'the terminal task tracked and selected');
    await workbench.runCommand('Terminal: Kill All Terminals');
  });

  it('tracks from the clipboard, says why when the clipboard holds no task ID, and prefills Track Task', async () => {
    const page = workbench.page;
    await workbench.openMjTasksView();
    await workbench.closeAllEditors();

    await workbench.writeClipboard('just some words, no ID here');
    await workbench.runCommand('MJ Tasks: Track from Clipboard');
    await workbench.waitForNotification(/clipboard holds no task ID: "just" is not a task ID/);
    await workbench.screenshot('Terminal links, clipboard, walkthrough and keys', 'Track from Clipboard with no task ID on it');
    await workbench.clearNotifications();

    const prompt = `from the clipboard ${Date.now()}`;
    const id = workbench.simulator.createTask({ prompt, frozen: true });
    await workbench.writeClipboard(`{"code":1,"description":"Submit success","result":"${id}"}`);
    await workbench.runCommand('MJ Tasks: Track from Clipboard');
    await answerProviderPickIfAsked(async () => (await rowWith(prompt).count()) === 1);
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt) && r.selected), 'the clipboard task selected in the view');

    // Track Task (by its key, Ctrl+Alt+M then T) starts with the clipboard's IDs when no editor selection holds any.
    const prompt2 = `prefilled ${Date.now()}`;
    const id2 = workbench.simulator.createTask({ prompt: prompt2, frozen: true });
    await workbench.writeClipboard(`INFO submitted task ID: ${id2} (queued)`);
    await workbench.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
    await page.keyboard.press('Control+Alt+KeyM');
    await page.keyboard.press('KeyT');
    const input = await workbench.waitForQuickInput();
    assert.strictEqual(input.value, id2, 'the input starts with the ID read from the clipboard');
    await workbench.screenshot('Terminal links, clipboard, walkthrough and keys', 'Track Task prefilled from the clipboard');
    await page.locator('.quick-input-widget input').first().press('Enter');
    await answerProviderPickIfAsked(async () => (await rowWith(prompt2).count()) === 1);
  });

  it('checks the walkthrough steps off as they are done', async () => {
    // A fresh start: progress is kept per profile, and other suites have opened previews.
    await workbench.closeAllEditors();
    await workbench.runCommand('Developer: Reset Welcome Page Walkthrough Progress');
    await workbench.runCommand('MJ Tasks: Get Started with MJ Tasks');
    await waitFor(async () => (await walkthroughSteps()).length === 4, 'the four steps of the MJ Tasks walkthrough');
    assert.deepStrictEqual(
      (await walkthroughSteps()).map((s) => s.id.replace(/^.*#/, '')),
      ['addProvider', 'testConnection', 'trackTask', 'openPreview'],
    );
    assert.deepStrictEqual((await walkthroughSteps()).filter((s) => s.checked), [], 'nothing checked after the reset');
    await workbench.screenshot('Terminal links, clipboard, walkthrough and keys', 'the walkthrough, nothing done yet');

    // Each step's own button runs its command; the walkthrough stays open beside what it opens.
    const stepButton = (label: string) => workbench.page.locator('.gettingStartedContainer .getting-started-step .button-container .monaco-button', { hasText: label });
    await workbench.page.locator('.gettingStartedContainer button.getting-started-step', { hasText: 'Add your server or relay' }).click();
    await stepButton('Add Provider').click();
    await workbench.waitForQuickInput();
    await workbench.closeQuickInput();
    await waitFor(() => stepChecked('addProvider'), 'the Add Provider step checked');

    await workbench.page.locator('.gettingStartedContainer button.getting-started-step', { hasText: 'Test the connection' }).click();
    await stepButton('Test Connection').click();
    await answerProviderPickIfAsked(async () => (await workbench.notifications()).some((n) => /: OK/.test(n.message)));
    await waitFor(() => stepChecked('testConnection'), 'the Test Connection step checked');

    const prompt = `walkthrough ${Date.now()}`;
    await workbench.writeClipboard(workbench.simulator.createTask({ prompt, frozen: true }));
    await workbench.page.locator('.gettingStartedContainer button.getting-started-step', { hasText: 'Track a task' }).click();
    await stepButton('Track from Clipboard').click();
    await answerProviderPickIfAsked(async () => (await rowWith(prompt).count()) === 1);
    await waitFor(() => stepChecked('trackTask'), 'the Track a task step checked');

    await workbench.openMjTasksView();
    await rowWith(prompt).click();
    await previewFrame(prompt);
    await workbench.runCommand('MJ Tasks: Get Started with MJ Tasks');
    await waitFor(() => stepChecked('openPreview'), 'the Open the preview step checked');
    assert.ok((await walkthroughSteps()).every((s) => s.checked), 'every step checked');
  });

  it('copies U3 and V3 by key in the preview; its buttons are in tab order with a focus ring and a name', async () => {
    const page = workbench.page;
    const id = demoTask(/finished IMAGINE grid/);
    const json = taskJson(id);
    const customId = (label: string) => json.buttons!.find((b) => b.label === label)!.customId;
    await workbench.closeAllEditors();
    // From the palette by ID: by now the earlier suites' tasks can push the grid's row out of the
    // tree's rendered rows.
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame: Frame = await previewFrame('Upscale image 2');
    assert.match(await frame.locator('.grid-keys').innerText(), /1–4.*U1–U4.*Shift\+1–4.*V1–V4/);

    // Into the webview by keyboard, as a person would: a click on its title, then keys only.
    await frame.locator('h1.title').click();
    await workbench.writeClipboard('before');
    await page.keyboard.press('Digit3');
    await expectClipboard(customId('U3'));
    await waitFor(async () => /U3/.test(await frame.locator('.toast').innerText()), 'the toast naming U3');
    await page.keyboard.press('Shift+Digit3');
    await expectClipboard(customId('V3'));

    // Tab walks the buttons in order; each has a name and a visible focus ring.
    const focused = async () =>
      frame.evaluate(() => {
        const el = document.activeElement;
        const style = window.getComputedStyle(el);
        return { tag: el.tagName, name: el.getAttribute('aria-label') ?? '', outline: `${style.outlineStyle} ${style.outlineWidth}`, id: el.dataset?.actionId ?? '' };
      });
    // Tab until the last quadrant: the title row's buttons come first, and each quadrant has its
    // press controls (U, V) after it.
    const seen: { tag: string; name: string; outline: string; id: string }[] = [];
    while (!seen.some((f) => f.id === 'quadrant:4')) {
      assert.ok(seen.length < 20, `quadrant 4 within 20 tabs: ${JSON.stringify(seen.map((f) => f.id))}`);
      await page.keyboard.press('Tab');
      seen.push(await focused());
    }
    for (const f of seen) {
      assert.strictEqual(f.tag, 'BUTTON', JSON.stringify(f));
      assert.ok(f.name.trim().length > 0, `a name for ${f.id}`);
      assert.ok(!/^none/.test(f.outline) && !/ 0px$/.test(f.outline), `a focus ring on ${f.id}: ${f.outline}`);
    }
    assert.strictEqual(seen[0].id, 'refresh', 'the refresh button first');
    assert.deepStrictEqual(
      seen.map((f) => f.id).filter((id) => /^quadrant:\d$/.test(id)),
      ['quadrant:1', 'quadrant:2', 'quadrant:3', 'quadrant:4'],
      'the quadrants in reading order',
    );
    // Enter on a focused quadrant copies its U: back from the fourth quadrant to the second.
    const back = seen.length - 1 - seen.findIndex((f) => f.id === 'quadrant:2');
    for (let i = 0; i < back; i++) {
      await page.keyboard.press('Shift+Tab');
    }
    assert.strictEqual((await focused()).id, 'quadrant:2');
    await page.keyboard.press('Enter');
    await expectClipboard(customId('U2'));
  });
});

// The issue's "done when", as a user meets it: `npm start`, Terminal → Run Task… → the demo's
// "Submit an imagine" prints the submit response, and one Ctrl+click on its ID tracks the task.
// A VS Code of its own (the one the demo script starts), as in demo.e2e.ts.
describe('npm start: the demo script in the terminal, tracked by one click', function () {
  this.timeout(120_000);
  let child: ChildProcess | undefined;
  let output = '';
  let exited: Promise<number | null> | undefined;
  let browser: Browser | undefined;
  let release: (() => void) | undefined;
  const settingsFile = path.join(ROOT, '.vscode-test', 'demo-workspace', '.vscode', 'settings.json');

  before(async function () {
    this.timeout(300_000);
    server.ensureInstalled();
    const [port, simPort] = [await server.freePort(), await server.freePort()];
    child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), '--no-build', '--port', String(port), '--sim-port', String(simPort)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
    const address = await waitFor(async () => {
      if (child!.exitCode !== null) throw new Error(`npm start exited (${child!.exitCode}):\n${output}`);
      return /Open VS Code:\s+(http\S+)/.exec(output)?.[1];
    }, 'the address npm start prints', 180_000);
    // The DOM renderer, so the test can find where the ID is drawn (removed again in after()).
    fs.writeFileSync(settingsFile, JSON.stringify({ 'terminal.integrated.gpuAcceleration': 'off' }));
    browser = await server.launchChromium();
    const context: BrowserContext = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(address, { timeout: 120_000 });
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 120_000 });
    release = borrowWorkbench({ url: address, browser: browser!, context, page });
  });

  after(async () => {
    if (workbench.page && !workbench.page.isClosed()) {
      await workbench.screenshot('npm start', 'the demo script in the terminal, tracked by one click').catch(() => undefined);
    }
    release?.();
    await browser?.close().catch(() => undefined);
    fs.rmSync(settingsFile, { force: true });
    if (child && child.exitCode === null) {
      child.kill('SIGINT');
      await exited;
    }
  });

  it('runs "Submit an imagine" from Terminal → Run Task… and tracks its task by Ctrl+click on the printed ID', async () => {
    const page = workbench.page;
    // The demo's VS Code has just started on a busy machine: MJ Tasks may still be activating.
    await waitFor(async () => {
      await workbench.openMjTasksView();
      return (await workbench.treeRows()).length > 0;
    }, 'the demo tasks in the view', 120_000);
    const before = (await workbench.treeRows()).length;
    await workbench.runCommandWithInput('Tasks: Run Task', 'Submit an imagine (node generate.mjs)');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Submit an imagine (node generate.mjs)' }).first().click();
    const id = await waitFor(async () => /"result":"?(\d{16,19})/.exec((await terminalText()).replace(/\n/g, ''))?.[1], 'the submit response in the terminal', 60_000);
    await followTaskLink(id, async () => (await workbench.treeRows()).length === before + 1);
    // generate.mjs's default prompt.
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.selected && r.text.includes('an astronaut reading')), 'the new task selected');
  });
});
