// The end-to-end harness: ONE real VS Code (code-server) + ONE Chromium page + ONE simulator for a
// whole run of the E2E suites, started lazily by the first suite that calls useWorkbench() and
// stopped by stopWorkbench() (scripts/e2e.js calls it in mocha's root afterAll, and on Ctrl-C).
//
// A suite:
//
//   import * as assert from 'assert';
//   import { useWorkbench, waitFor, workbench } from './harness';
//
//   describe('Tracking', () => {
//     useWorkbench(); // starts everything once; a screenshot after every test
//     it('shows a tracked task', async () => {
//       const id = workbench.simulator.createTask({ prompt: 'a cat' });
//       await workbench.runCommand('MJ Tasks: Track Task…');
//       ...
//       await waitFor(async () => (await workbench.treeRows()).some((r) => r.label.includes(id)), `row for ${id}`);
//     });
//   });
//
// Every wait polls a condition (waitFor, Playwright's auto-waiting locators); there are no fixed sleeps.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import type { Simulator } from '../../src/simulator/types';

// The functions passed to page.evaluate()/$$eval() run in the browser. The project compiles without
// the DOM library (it would change timer types for the whole program), so the browser globals they
// use are declared here, local to this module. Suites do the same where they evaluate in a page.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const navigator: any;
declare const window: any;
declare function getComputedStyle(element: any): any;
type HTMLElement = any;
type Element = any;

/** The repository root (this file runs from out/test/e2e/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where screenshots go: test-results/screenshots/<suite>--<test>.png (git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
/**
 * Everything of one run: user data, extensions dir, HOME, the workspace. Wiped at each start; one run
 * at a time (MJ_E2E_RUN_DIR picks another folder, e.g. for a second run in the same tree).
 */
export const RUN_DIR = process.env.MJ_E2E_RUN_DIR ? path.resolve(process.env.MJ_E2E_RUN_DIR) : path.join(ROOT, '.vscode-test', 'e2e-run');
/** The folder VS Code opens; fixtures are copied here at start. */
export const WORKSPACE = path.join(RUN_DIR, 'workspace');
/** The provider name the settings and MJ_TASKS_DEV_SETUP use. */
export const PROVIDER = 'Simulator';
export const API_KEY = 'mj-e2e-key';
/** The ID of the extension under test (publisher.name). */
export const EXTENSION_ID = 'mj-tasks.mj-tasks';

const FIRST_LOAD_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_MS = 100;

/** The bits of scripts/vscode-server.js the harness uses (a plain JS module). */
interface ServerLib {
  launchChromium(): Promise<Browser>;
  ensureInstalled(o?: { browser?: boolean }): void;
  startCodeServer(o: {
    dataDir: string;
    workspace?: string;
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    smokeTestDriver?: boolean;
    link?: boolean;
  }): Promise<RunningServer>;
  mjTasksSettings(baseUrl: string, name?: string): Record<string, unknown>;
  writeDevSetup(file: string, setup: { keys?: Record<string, string>; track?: Record<string, string[]> }): string;
  processesMentioning(needle: string): string[];
  claimRunDir(dir: string): string;
  seconds(start: number): string;
}

interface RunningServer {
  url: string;
  port: number;
  host: string;
  pid: number;
  dataDir: string;
  userDataDir: string;
  logFile: string;
  stop(): Promise<void>;
}

function serverLib(): ServerLib {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'scripts', 'vscode-server.js')) as ServerLib;
}

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Waiting

/**
 * Polls `predicate` until it returns a truthy value (which is returned), or throws after
 * `timeoutMs` with `description` and the last error the predicate threw. Never a fixed sleep.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  description: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = POLL_MS,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message.split('\n')[0]}` : `; last value: ${JSON.stringify(lastValue)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------
// What the helpers return

export interface TreeRow {
  /** The row's label (e.g. the task's title). */
  label: string;
  /** The row's description (the dimmer text after the label), '' when none. */
  description: string;
  /** label + description as shown. */
  text: string;
  /** The codicon names of the row's icon, e.g. ['sync', 'spin'] or ['pass'] (from codicon-* classes). */
  icons: string[];
  /** Tree depth, 1 for top-level rows. */
  level: number;
  /** true/false for collapsible rows, undefined for leaves. */
  expanded: boolean | undefined;
  /** The row's aria-label (what a screen reader hears; tree items' accessibilityInformation). */
  ariaLabel: string;
  selected: boolean;
}

export interface QuickInputState {
  placeholder: string;
  /** The input's aria-label (the prompt of an input box). */
  ariaLabel: string;
  /** The title bar text, '' when none. */
  title: string;
  value: string;
}

export interface Notification {
  message: string;
  /** Where it was seen: a toast, or the notification centre. */
  where: 'toast' | 'centre';
  /** 'info' | 'warning' | 'error' from the icon, '' if unknown. */
  severity: string;
  /** The button labels. */
  buttons: string[];
}

// ---------------------------------------------------------------------------------------------
// The running pieces (one per process)

interface Running {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  simulator: Simulator | undefined;
  consoleLog: fs.WriteStream;
  startedAt: number;
}

let running: Running | undefined;
let starting: Promise<Running> | undefined;
let startError: Error | undefined; // a failed start is not retried by every later suite
let stopped = false; // after stopWorkbench() (end of run, Ctrl-C) nothing starts again

/** Test fixtures copied into the workspace at start. */
function writeWorkspace(): void {
  fs.mkdirSync(WORKSPACE, { recursive: true });
  const fixtures = path.join(ROOT, 'test', 'e2e', 'fixtures', 'workspace');
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, WORKSPACE, { recursive: true });
}

async function startSimulatorIfBuilt(): Promise<Simulator | undefined> {
  const file = path.join(ROOT, 'out', 'src', 'simulator', 'index.js');
  if (!fs.existsSync(file)) {
    log(`no simulator at ${path.relative(ROOT, file)} (run npm run compile): tests that need it will fail`);
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(file) as { startSimulator(o: Record<string, unknown>): Promise<Simulator> };
  const speed = Number(process.env.MJ_E2E_SIM_SPEED || 1);
  return mod.startSimulator({ port: 0, dialect: 'newapi', apiKey: API_KEY, speed, seedDemo: true });
}

async function start(): Promise<Running> {
  const t0 = Date.now();
  const lib = serverLib();
  lib.ensureInstalled({ browser: true });
  lib.claimRunDir(RUN_DIR);
  writeWorkspace();

  const simulator = await startSimulatorIfBuilt();
  const baseUrl = simulator ? simulator.url : 'http://127.0.0.1:9';
  const devSetup = lib.writeDevSetup(path.join(RUN_DIR, 'dev-setup.json'), {
    keys: { [PROVIDER]: simulator?.apiKey ?? API_KEY },
    track: { [PROVIDER]: simulator ? [...simulator.demoTaskIds] : [] },
  });

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await lib.startCodeServer({
      dataDir: RUN_DIR,
      workspace: WORKSPACE,
      settings: lib.mjTasksSettings(baseUrl, PROVIDER),
      env: { MJ_TASKS_DEV_SETUP: devSetup },
    });
    log(`code-server ${server.url} (log: ${path.relative(ROOT, server.logFile)})`);

    browser = await lib.launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const origin = server.url.replace(/\/$/, '');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);

    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    const consoleLog = fs.createWriteStream(path.join(ROOT, 'test-results', 'e2e-browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

    await page.goto(`${server.url}?folder=${encodeURIComponent(WORKSPACE)}`);
    await waitForWorkbench(page, FIRST_LOAD_TIMEOUT_MS);
    log(`VS Code ready in ${lib.seconds(t0)} (server, simulator, browser, first workbench load)`);
    return { server, browser, context, page, simulator, consoleLog, startedAt: t0 };
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await simulator?.close();
    throw e;
  }
}

async function waitForWorkbench(page: Page, timeoutMs: number): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  // Our view container comes from package.json: once it is in the activity bar the extension is known.
  await page.locator(ACTIVITY_ENTRY).first().waitFor({ state: 'attached', timeout: timeoutMs });
}

/** Starts (once) VS Code, the browser and the simulator. Idempotent; later calls return at once. */
export async function startWorkbench(): Promise<Workbench> {
  if (stopped) throw new Error('VS Code was stopped for this run (end of the run, or Ctrl-C)');
  if (startError) throw startError;
  if (!running) {
    starting ??= start();
    try {
      running = await starting;
    } catch (e) {
      startError = e instanceof Error ? e : new Error(String(e));
      throw startError;
    } finally {
      starting = undefined;
    }
  }
  return workbench;
}

/** Stops everything startWorkbench started, for good; checks that no process of the run is left. */
export async function stopWorkbench(): Promise<void> {
  stopped = true;
  const r = running ?? (starting ? await starting.catch(() => undefined) : undefined);
  running = undefined;
  if (!r) return;
  await r.browser.close().catch(() => undefined);
  await r.server.stop();
  await r.simulator?.close().catch(() => undefined);
  r.consoleLog.end();
  const left = serverLib().processesMentioning(RUN_DIR);
  if (left.length) log(`processes left running:\n  ${left.join('\n  ')}`);
}

/**
 * Points the `workbench` helpers at another VS Code (the one `npm start` serves, opened in a page
 * of the caller's) until the returned function is called, which restores the shared one.
 */
export function borrowWorkbench(other: { url: string; browser: Browser; context: BrowserContext; page: Page }): () => void {
  if (starting && !running) throw new Error('the shared VS Code is starting: borrow before or after, not during');
  const saved = running;
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(ROOT, 'test-results', 'demo-browser-console.log'));
  other.page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  running = {
    // Only its URL is read while borrowed; stopping it is the lender's business.
    server: { url: other.url } as RunningServer,
    browser: other.browser,
    context: other.context,
    page: other.page,
    simulator: undefined,
    consoleLog,
    startedAt: Date.now(),
  };
  return () => {
    consoleLog.end();
    running = saved;
  };
}

function current(): Running {
  if (!running) throw new Error('VS Code is not running: call useWorkbench() in the suite (or await startWorkbench()).');
  return running;
}

// ---------------------------------------------------------------------------------------------
// Mocha wiring

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'untitled';
}

/**
 * For a `describe` block: starts VS Code once (first suite only; generous timeout), and after every
 * test, pass or fail, keeps a screenshot, then closes any quick input or menu left open and clears
 * the notifications. Editors stay as the test left them (the screenshot shows them): a test that
 * needs an empty editor area calls closeAllEditors() first.
 */
export function useWorkbench(): Workbench {
  before(async function () {
    this.timeout(FIRST_LOAD_TIMEOUT_MS + 300_000); // the first run may install code-server (about 2 min)
    await startWorkbench();
  });
  afterEach(async function () {
    this.timeout(30_000);
    if (!running || !this.currentTest) return;
    const t = this.currentTest;
    const file = await workbench.screenshot(t.titlePath().slice(0, -1).join(' '), t.title).catch((e: Error) => {
      log(`screenshot failed: ${e.message}`);
      return undefined;
    });
    if (file && t.state === 'failed') log(`screenshot of the failure: ${path.relative(ROOT, file)}`);
    await workbench.dismissOverlays().catch(() => undefined);
    if ((await workbench.notifications().catch(() => [])).length > 0) await workbench.clearNotifications().catch(() => undefined);
  });
  return workbench;
}

// ---------------------------------------------------------------------------------------------
// The workbench API for suites

const ACTIVITY_ENTRY = '.part.activitybar [aria-label^="MJ Tasks"], .part.activitybar .action-label[aria-label^="MJ Tasks"]';
const VIEW_CONTAINER_ID = 'workbench.view.extension.mjTasks';
const VIEW = `[id="${VIEW_CONTAINER_ID}"]`;
const QUICK_INPUT = '.quick-input-widget';
/** A context menu's items (Playwright locators reach into the menu's shadow root). */
const MENU_ITEM = '.monaco-menu .action-item:not(.disabled):has(.action-label:not(.separator))';
/** The command palette's placeholder (VS Code 1.139, English). */
const PALETTE_PLACEHOLDER = 'Type the name of a command to run.';

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  /** The simulator (newapi dialect) the "Simulator" provider points at. */
  readonly simulator: Simulator;
  /** code-server's address, e.g. http://127.0.0.1:41234/ */
  readonly serverUrl: string;
  /** The workspace folder VS Code has open (on disk). */
  readonly workspaceDir: string;
  /** The demo task IDs tracked through MJ_TASKS_DEV_SETUP at start. */
  readonly trackedAtStart: string[];

  /** F1, `>` + title, waits for the row whose label is exactly `title`, runs it. */
  runCommand(title: string): Promise<void>;
  /** The command titles the palette offers for `query` (F1, `>` + query); then closes the palette unless keepOpen. */
  paletteCommands(query: string, options?: { keepOpen?: boolean }): Promise<string[]>;
  /**
   * Waits until a quick input other than the palette (a command's quick pick or input box) is open
   * and ready for typing; `placeholder` narrows it down. Call it after runCommand() for commands
   * that ask something: their input shows a moment after the palette closes.
   */
  waitForQuickInput(options?: { placeholder?: string | RegExp; timeoutMs?: number }): Promise<QuickInputState>;
  /**
   * runCommand(title), then types `text` into the quick pick / input box the command opens (its
   * placeholder, prompt or title matching `placeholder`, if given). When that input closes before
   * the text is in (the focus moved: something else took it), runs the command again, up to 3 times.
   * Then wait for the rows you expect and press Enter (or pickQuickInputRow).
   */
  runCommandWithInput(title: string, text: string, options?: { placeholder?: string | RegExp }): Promise<void>;
  /** The labels of the open quick input's rows. */
  quickInputRows(): Promise<string[]>;
  /** Clicks the open quick input's row whose label equals `label` (or matches it). */
  pickQuickInputRow(label: string | RegExp): Promise<void>;
  /** Escape, and wait until the quick input has gone. */
  closeQuickInput(): Promise<void>;
  /** Shows the MJ Tasks view container (clicks the activity-bar entry unless it already shows). */
  openMjTasksView(): Promise<void>;
  /** The rows of our tree view (empty while the welcome content shows). */
  treeRows(): Promise<TreeRow[]>;
  /**
   * Right-clicks `target` (e.g. treeRow(text)) and runs the context-menu item `label`: hovers it and
   * presses Enter, since VS Code can ignore a click that lands right after its menu opened.
   */
  contextMenu(target: Locator, label: string | RegExp): Promise<void>;
  /** Right-clicks `target` and returns the context menu's item labels (leaves the menu open). */
  contextMenuItems(target: Locator): Promise<string[]>;
  /** The welcome content of our view ('' when the tree shows). */
  viewWelcomeText(): Promise<string>;
  /** A locator for our tree's row whose text contains `text`. */
  treeRow(text: string): Locator;
  /** Texts of visible toasts and, if open, the notification centre (openCentre: open it first). */
  notifications(options?: { openCentre?: boolean }): Promise<Notification[]>;
  /** Waits for a notification whose message contains `text`; returns it. */
  waitForNotification(text: string | RegExp, timeoutMs?: number): Promise<Notification>;
  /** "Notifications: Clear All Notifications". */
  clearNotifications(): Promise<void>;
  /** The status bar's item texts. */
  statusBarItems(): Promise<string[]>;
  /** The page's clipboard text (permissions granted to code-server's origin). */
  readClipboard(): Promise<string>;
  writeClipboard(text: string): Promise<void>;
  /** The (inner) frame of a webview for which `predicate` holds; polls page.frames(). */
  webviewFrame(predicate: (frame: Frame) => boolean | Promise<boolean>, description?: string, timeoutMs?: number): Promise<Frame>;
  /** The webview frame whose body text contains `text`. */
  webviewFrameWithText(text: string | RegExp, timeoutMs?: number): Promise<Frame>;
  /** "Developer: Reload Window", then waits for the new workbench. */
  reloadWindow(): Promise<void>;
  /** Writes `test-results/screenshots/<suite>--<test>.png`; returns its path. */
  screenshot(suite: string, test?: string): Promise<string>;
  /** Escape until no quick input, menu, hover, notification centre, modal editor or dialog is open. */
  dismissOverlays(): Promise<void>;

  // Workspace and editors
  /** Absolute path of a workspace file. */
  workspacePath(relative: string): string;
  /** Writes a workspace file on disk. An open editor picks the change up through VS Code's file
   * watcher, which can lag under load: to change an open file, edit it in the editor instead. */
  writeFile(relative: string, content: string): Promise<void>;
  readFile(relative: string): Promise<string>;
  /** Opens a workspace file in an editor (Quick Open) and waits until its editor has focus. */
  openFile(relative: string): Promise<void>;
  /** Types into the focused editor (key by key: auto-closing and indentation apply). */
  typeText(text: string): Promise<void>;
  /** Inserts text into the focused editor as one input (no auto-closing). */
  insertText(text: string): Promise<void>;
  /** Select all (Ctrl+A) in the focused editor. */
  selectAll(): Promise<void>;
  /** Copy (Ctrl+C) and wait until the clipboard changed; returns its text. */
  copySelection(): Promise<string>;
  /** Ctrl+S and wait until the active tab is no longer dirty. */
  save(): Promise<void>;
  /** The text lines the active editor shows (what is rendered; long files: only the visible part). */
  visibleEditorText(): Promise<string>;
  /** "View: Close All Editors"; unsaved changes are discarded ("Don't Save"). */
  closeAllEditors(): Promise<void>;
}

async function quickInputRows(page: Page): Promise<string[]> {
  return page.$$eval(`${QUICK_INPUT} .monaco-list-row`, (rows) =>
    rows.map((r) => {
      const label = r.querySelector('.label-name, .monaco-highlighted-label');
      return (label?.textContent ?? r.getAttribute('aria-label') ?? '').trim();
    }),
  );
}

/** Is the quick input (palette, Quick Open, a command's input box) showing? */
async function quickInputVisible(page: Page): Promise<boolean> {
  return page
    .evaluate(() => {
      const w = document.querySelector('.quick-input-widget');
      return !!w && w.offsetParent !== null && getComputedStyle(w).display !== 'none';
    })
    .catch(() => false);
}

/** Escape, and wait until the quick input is gone (not caught mid-fade by the next screenshot). */
async function closeQuickInput(page: Page): Promise<void> {
  if (!(await quickInputVisible(page))) return;
  await page.keyboard.press('Escape');
  await waitFor(async () => !(await quickInputVisible(page)), 'the quick input to close');
}

/**
 * A focused webview (an iframe) gets the focus back when a quick input closes, asynchronously; on a
 * busy machine that can land after a command's own quick pick opened, which then closes on blur.
 * Quick inputs are therefore opened from the workbench, not from inside a webview.
 */
async function leaveWebviewFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active && active.tagName === 'IFRAME') active.blur();
  });
}

/** The open quick input's state, or undefined while none is open and ready (hidden, closing, inert). */
async function readyQuickInput(page: Page): Promise<QuickInputState | undefined> {
  return page
    .evaluate(() => {
      const w = document.querySelector('.quick-input-widget');
      const input = w?.querySelector('input');
      if (!w || !input || getComputedStyle(w).display === 'none' || w.offsetParent === null) return undefined;
      if (w.classList.contains('quick-input-widget-closing') || input.closest('[inert]')) return undefined;
      return {
        placeholder: input.placeholder ?? '',
        ariaLabel: input.getAttribute('aria-label') ?? '',
        title: (w.querySelector('.quick-input-title')?.textContent ?? '').trim(),
        value: input.value,
      };
    })
    .catch(() => undefined);
}

/**
 * Types `text` into the quick input that is open now and checks it is still open with that text.
 * false when it closed meanwhile (focus moved: e.g. the extension revealed a view a moment after
 * the previous command, or a webview took the focus back).
 */
async function typeIntoQuickInput(page: Page, text: string, isTheOne: (s: QuickInputState) => boolean): Promise<boolean> {
  const ready = await waitFor(async () => {
    const s = await readyQuickInput(page);
    return s && isTheOne(s) ? s : undefined;
  }, 'a quick input ready for typing', 5_000).catch(() => undefined);
  if (!ready) return false;
  const ok = await page
    .locator(`${QUICK_INPUT} input`)
    .fill(text, { timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (!ok) return false;
  const after = await readyQuickInput(page);
  return !!after && after.value === text && isTheOne(after);
}

async function openPalette(page: Page, query: string): Promise<Locator> {
  const input = page.locator(`${QUICK_INPUT} input`);
  for (let attempt = 1; ; attempt++) {
    await closeQuickInput(page);
    await leaveWebviewFocus(page);
    await page.keyboard.press('F1');
    if (await typeIntoQuickInput(page, `>${query}`, (s) => s.placeholder === PALETTE_PLACEHOLDER || s.value.startsWith('>'))) return input;
    // The palette closed under us (something took the focus): open it again.
    if (attempt === 3) throw new Error(`the command palette kept closing before ">${query}" could be typed`);
  }
}

export const workbench: Workbench = {
  get page() {
    return current().page;
  },
  get context() {
    return current().context;
  },
  get simulator() {
    const s = current().simulator;
    if (!s) throw new Error('The simulator is not built (out/src/simulator/index.js): run npm run compile.');
    return s;
  },
  get serverUrl() {
    return current().server.url;
  },
  get workspaceDir() {
    return WORKSPACE;
  },
  get trackedAtStart() {
    return [...(current().simulator?.demoTaskIds ?? [])];
  },

  async runCommand(title) {
    const page = current().page;
    let row: { index: number } | undefined;
    for (let attempt = 1; !row; attempt++) {
      await openPalette(page, title);
      row = await waitFor(
        async () => {
          const labels = await quickInputRows(page);
          const index = labels.findIndex((l) => l === title);
          if (index >= 0) return { index };
          const state = await readyQuickInput(page);
          return state && state.value === `>${title}` ? undefined : { index: -1 }; // -1: the palette closed under us
        },
        `command "${title}" in the palette`,
      ).catch(async (e: Error) => {
        throw new Error(`${e.message}; rows: ${JSON.stringify(await quickInputRows(page).catch(() => []))}`);
      });
      if (row.index < 0) {
        if (attempt === 3) throw new Error(`the command palette kept closing before "${title}" could be run`);
        row = undefined;
      }
    }
    if (row.index === 0) {
      await page.keyboard.press('Enter');
    } else {
      await page.locator(`${QUICK_INPUT} .monaco-list-row`).nth(row.index).click();
    }
    // Accepted once the palette is gone, or shows something else (the command's own input box), or
    // the page went away (Reload Window).
    await waitFor(
      async () =>
        page
          .evaluate((expected: string) => {
            const widget = document.querySelector('.quick-input-widget');
            const el = widget?.querySelector('input');
            const visible = !!widget && !!el && el.offsetParent !== null && getComputedStyle(widget).display !== 'none';
            return !visible || el.value !== expected;
          }, `>${title}`)
          .catch(() => true),
      `the palette to accept "${title}"`,
    );
  },

  async paletteCommands(query, options = {}) {
    const page = current().page;
    await openPalette(page, query);
    // The list settles after filtering; wait until two reads agree and something (or "No matching") shows.
    let previous = '';
    const rows = await waitFor(
      async () => {
        const labels = await quickInputRows(page);
        const empty = await page.locator(`${QUICK_INPUT} .quick-input-message`).isVisible().catch(() => false);
        const key = JSON.stringify(labels);
        const stable = key === previous && (labels.length > 0 || empty);
        previous = key;
        return stable ? labels : undefined;
      },
      `the palette's rows for "${query}"`,
    );
    if (!options.keepOpen) await closeQuickInput(page);
    return rows;
  },

  async waitForQuickInput(options = {}) {
    const page = current().page;
    const { placeholder, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
    return waitFor(
      async () => {
        const state = await readyQuickInput(page);
        if (!state || state.value.startsWith('>') || state.placeholder === PALETTE_PLACEHOLDER) return undefined; // none, or still the palette
        if (placeholder === undefined) return state;
        const text = `${state.placeholder}\n${state.ariaLabel}\n${state.title}`;
        return (typeof placeholder === 'string' ? text.includes(placeholder) : placeholder.test(text)) ? state : undefined;
      },
      `a quick input${placeholder ? ` matching ${String(placeholder)}` : ''} ready for typing`,
      timeoutMs,
    );
  },

  async runCommandWithInput(title, text, options = {}) {
    const page = current().page;
    const matches = (s: QuickInputState) => {
      if (s.value.startsWith('>') || s.placeholder === PALETTE_PLACEHOLDER) return false;
      if (options.placeholder === undefined) return true;
      const t = `${s.placeholder}\n${s.ariaLabel}\n${s.title}`;
      return typeof options.placeholder === 'string' ? t.includes(options.placeholder) : options.placeholder.test(t);
    };
    for (let attempt = 1; ; attempt++) {
      await workbench.runCommand(title);
      // A webview that takes the focus (one restored after a reload) closes a quick pick at once,
      // sometimes before it is ever seen: that counts as a closed input, and the command runs again.
      const shown = await workbench.waitForQuickInput({ ...options, timeoutMs: 8000 }).then(
        () => true,
        () => false,
      );
      if (shown && (await typeIntoQuickInput(page, text, matches))) return;
      if (attempt === 3) throw new Error(`the input of "${title}" kept closing before ${JSON.stringify(text)} could be typed`);
    }
  },

  async quickInputRows() {
    return quickInputRows(current().page);
  },

  async pickQuickInputRow(label) {
    const page = current().page;
    const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    const index = await waitFor(
      async () => {
        const i = (await quickInputRows(page)).findIndex(matches);
        return i >= 0 ? i + 1 : undefined; // +1: 0 is falsy
      },
      `a quick input row ${String(label)}`,
    );
    await page.locator(`${QUICK_INPUT} .monaco-list-row`).nth(index - 1).click();
  },

  async closeQuickInput() {
    await closeQuickInput(current().page);
  },

  async openMjTasksView() {
    const page = current().page;
    const shown = async () =>
      (await page.locator(`.part.sidebar[data-active-composite="${VIEW_CONTAINER_ID}"]`).isVisible()) &&
      (await page.locator(`${VIEW} .pane-body`).first().isVisible());
    // Clicking the entry of the container that is already open closes the side bar, and after a
    // reload the side bar may restore our view a moment later: click only while another container
    // (or none) is active, and at most once a second.
    let lastClick = 0;
    await waitFor(async () => {
      if (await shown()) return true;
      const ours = await page.locator(`.part.sidebar[data-active-composite="${VIEW_CONTAINER_ID}"]`).isVisible();
      if (!ours && Date.now() - lastClick > 1000) {
        lastClick = Date.now();
        await page.locator(ACTIVITY_ENTRY).first().click();
        await page.mouse.move(700, 600); // no hover tooltip left over the activity bar
      }
      return false;
    }, 'the MJ Tasks view to show');
  },

  async treeRows() {
    const page = current().page;
    return page.$$eval(`${VIEW} .pane-body .monaco-list-row`, (rows) =>
      rows.map((r) => {
        const text = (sel: string) => (r.querySelector(sel)?.textContent ?? '').trim();
        const iconEl = r.querySelector('.custom-view-tree-node-item-icon, .monaco-icon-label');
        const icons: string[] = [];
        const collect = (el: Element | null) => {
          if (!el) return;
          for (const c of Array.from(el.classList) as string[]) if (c.startsWith('codicon-')) icons.push(c.slice('codicon-'.length));
        };
        collect(iconEl);
        if (icons.length === 0) r.querySelectorAll('.codicon:not(.monaco-tl-twistie)').forEach((el: Element) => collect(el));
        const label = text('.label-name') || text('.monaco-icon-label-container');
        const description = text('.label-description');
        const expanded = r.getAttribute('aria-expanded');
        return {
          label,
          description,
          text: [label, description].filter(Boolean).join(' '),
          icons: icons.filter((i) => i !== 'tree-item-expanded' && i !== 'chevron-right' && i !== 'chevron-down'),
          level: Number(r.getAttribute('aria-level') || 1),
          expanded: expanded === null ? undefined : expanded === 'true',
          ariaLabel: r.getAttribute('aria-label') ?? '',
          selected: r.classList.contains('selected'),
        };
      }),
    );
  },

  async contextMenuItems(target) {
    const page = current().page;
    await target.click({ button: 'right' });
    const items = page.locator(MENU_ITEM);
    await items.first().waitFor({ state: 'visible' });
    return (await page.locator(`${MENU_ITEM} .action-label`).allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  },

  async contextMenu(target, label) {
    const page = current().page;
    const labels = await workbench.contextMenuItems(target);
    const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
    if (!labels.some(matches)) throw new Error(`no context-menu item ${String(label)}; the menu has: ${JSON.stringify(labels)}`);
    const exact = typeof label === 'string' ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : label;
    const item = page.locator(MENU_ITEM).filter({ has: page.locator('.action-label', { hasText: exact }) }).first();
    await item.hover();
    await waitFor(async () => /\bfocused\b/.test((await item.getAttribute('class')) ?? ''), `the menu item ${String(label)} to take the focus`);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-menu').first().waitFor({ state: 'hidden' });
  },

  async viewWelcomeText() {
    const page = current().page;
    const welcome = page.locator(`${VIEW} .welcome-view-content`);
    if (!(await welcome.first().isVisible().catch(() => false))) return '';
    return (await welcome.first().innerText()).trim();
  },

  treeRow(text) {
    return current().page.locator(`${VIEW} .pane-body .monaco-list-row`, { hasText: text }).first();
  },

  async notifications(options = {}) {
    const page = current().page;
    if (options.openCentre && !(await page.locator('.notifications-center.visible').isVisible().catch(() => false))) {
      await workbench.runCommand('Notifications: Show Notifications');
      await page.locator('.notifications-center.visible').waitFor({ state: 'visible' });
    }
    return page.evaluate(() => {
      const out: { message: string; where: 'toast' | 'centre'; severity: string; buttons: string[] }[] = [];
      const read = (root: string, where: 'toast' | 'centre') => {
        document.querySelectorAll(`${root} .notification-list-item`).forEach((item: HTMLElement) => {
          if (item.offsetParent === null) return; // not visible
          const icon = item.querySelector('.notification-list-item-icon');
          const cls = icon ? Array.from(icon.classList).join(' ') : '';
          const severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : /codicon-info/.test(cls) ? 'info' : '';
          out.push({
            message: (item.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
            where,
            severity,
            buttons: Array.from(item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((b: HTMLElement) => (b.textContent ?? '').trim()),
          });
        });
      };
      read('.notifications-toasts', 'toast');
      read('.notifications-center', 'centre');
      return out;
    });
  },

  async waitForNotification(text, timeoutMs = DEFAULT_TIMEOUT_MS) {
    const matches = (m: string) => (typeof text === 'string' ? m.includes(text) : text.test(m));
    return waitFor(
      async () => (await workbench.notifications()).find((n) => matches(n.message)),
      `a notification matching ${String(text)}`,
      timeoutMs,
    );
  },

  async clearNotifications() {
    await workbench.runCommand('Notifications: Clear All Notifications');
    const page = current().page;
    await waitFor(async () => (await page.locator('.notifications-toasts .notification-list-item').count()) === 0, 'toasts to clear');
  },

  async statusBarItems() {
    const page = current().page;
    return page.$$eval('.part.statusbar .statusbar-item', (items) =>
      items.map((i) => (i.textContent ?? '').trim()).filter(Boolean),
    );
  },

  async readClipboard() {
    const page = current().page;
    await page.bringToFront();
    return page.evaluate(() => navigator.clipboard.readText());
  },

  async writeClipboard(text) {
    const page = current().page;
    await page.bringToFront();
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  },

  async webviewFrame(predicate, description = 'a webview frame', timeoutMs = DEFAULT_TIMEOUT_MS) {
    const page = current().page;
    return waitFor(
      async () => {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame() || frame.isDetached()) continue;
          try {
            if (await predicate(frame)) return frame;
          } catch {
            // a frame that navigates or goes away while we look: try the others, then again
          }
        }
        return undefined;
      },
      description,
      timeoutMs,
    );
  },

  async webviewFrameWithText(text, timeoutMs = DEFAULT_TIMEOUT_MS) {
    return workbench.webviewFrame(
      async (frame) => {
        const body = await frame.evaluate(() => document.body?.innerText ?? '');
        return typeof text === 'string' ? body.includes(text) : text.test(body);
      },
      `a webview showing ${String(text)}`,
      timeoutMs,
    );
  },

  async reloadWindow() {
    const page = current().page;
    await page.evaluate(() => ((window as unknown as { __mjE2eBeforeReload?: boolean }).__mjE2eBeforeReload = true));
    await workbench.runCommand('Developer: Reload Window');
    await waitFor(
      async () =>
        page.evaluate(
          () =>
            !(window as unknown as { __mjE2eBeforeReload?: boolean }).__mjE2eBeforeReload &&
            !!document.querySelector('.monaco-workbench .part.activitybar'),
        ),
      'the window to reload',
      FIRST_LOAD_TIMEOUT_MS,
    );
    await waitForWorkbench(page, FIRST_LOAD_TIMEOUT_MS);
  },

  async screenshot(suite, test) {
    const page = current().page;
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${sanitize(suite)}${test ? `--${sanitize(test)}` : ''}.png`);
    await page.screenshot({ path: file });
    return file;
  },

  async dismissOverlays() {
    const page = current().page;
    const open = () =>
      page.evaluate(() =>
        ['.quick-input-widget', '.context-view .monaco-menu', '.monaco-hover', '.notifications-center.visible', '.modal-editor-part', '.monaco-dialog-box'].some((sel) =>
          Array.from(document.querySelectorAll(sel) as HTMLElement[]).some((e) => {
            const r = e.getBoundingClientRect(); // not offsetParent: overlays may be position: fixed
            const style = getComputedStyle(e);
            return r.width > 0 && r.height > 0 && style.display !== 'none' && style.visibility !== 'hidden';
          }),
        ),
      );
    for (let i = 0; i < 5 && (await open()); i++) await page.keyboard.press('Escape');
  },

  workspacePath(relative) {
    return path.join(WORKSPACE, relative);
  },

  async writeFile(relative, content) {
    const file = path.join(WORKSPACE, relative);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(file, content);
  },

  async readFile(relative) {
    return fs.promises.readFile(path.join(WORKSPACE, relative), 'utf8');
  },

  async openFile(relative) {
    const page = current().page;
    const input = page.locator(`${QUICK_INPUT} input`);
    await closeQuickInput(page);
    await leaveWebviewFocus(page);
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    // An absolute path opens the file even before the search index knows it.
    await input.fill(path.join(WORKSPACE, relative));
    const name = path.basename(relative);
    await waitFor(async () => (await quickInputRows(page)).some((l) => l === name), `"${name}" in Quick Open`);
    await page.keyboard.press('Enter');
    await waitFor(
      async () =>
        page.evaluate((n) => {
          const tab = document.querySelector('.tabs-container .tab.active');
          const focused = document.activeElement?.closest('.editor-instance .monaco-editor');
          return tab?.getAttribute('data-resource-name') === n && !!focused;
        }, name),
      `an editor for ${relative} with focus`,
    );
  },

  async typeText(text) {
    await current().page.keyboard.type(text);
  },

  async insertText(text) {
    await current().page.keyboard.insertText(text);
  },

  async selectAll() {
    await current().page.keyboard.press('Control+A');
  },

  async copySelection() {
    const marker = `mj-e2e-clipboard-${Date.now()}`;
    await workbench.writeClipboard(marker);
    await current().page.keyboard.press('Control+C');
    return waitFor(async () => {
      const text = await workbench.readClipboard();
      return text !== marker ? text : undefined;
    }, 'the clipboard to change after Ctrl+C');
  },

  async save() {
    const page = current().page;
    const dirty = page.locator('.tabs-container .tab.active.dirty');
    // An edit just made may not show on the tab yet: give it a moment to, then save.
    await waitFor(async () => (await dirty.count()) > 0, 'the active editor to have unsaved changes', 3_000).catch(() => undefined);
    await page.keyboard.press('Control+S');
    // The tab turns clean once the write reached the server's disk.
    await waitFor(async () => (await dirty.count()) === 0, 'the active editor to be saved');
  },

  async visibleEditorText() {
    const page = current().page;
    return page.evaluate(() => {
      const lines = Array.from(document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) as HTMLElement[];
      return lines
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n');
    });
  },

  async closeAllEditors() {
    const page = current().page;
    if ((await page.locator('.tabs-container .tab').count()) === 0) return;
    await workbench.runCommand('View: Close All Editors');
    await waitFor(
      async () => {
        // Unsaved changes bring a "save?" dialog: discard them.
        const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ });
        if (await dontSave.isVisible().catch(() => false)) await dontSave.click();
        return (await page.locator('.tabs-container .tab').count()) === 0;
      },
      'all editors to close',
    );
  },
};

/**
 * A compact JPEG of the workbench for the README, in test-results/readme/NAME.jpg: the README's
 * images are copied from a green run, so they show what the tests saw.
 */
export async function readmeShot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  const dir = path.join(ROOT, 'test-results', 'readme');
  fs.mkdirSync(dir, { recursive: true });
  // The images ship inside the .vsix (README), whose budget is 300 KB: keep them small.
  await workbench.page.screenshot({ path: path.join(dir, `${name}.jpg`), type: 'jpeg', quality: 55, clip });
}

/**
 * Types into the open quick input itself (not wherever the keyboard focus is: a webview may hold
 * it), checks the value took, and presses Enter there unless told not to.
 */
export async function answerQuickInput(text: string, options: { enter?: boolean } = {}): Promise<void> {
  const input = workbench.page.locator('.quick-input-widget input').first();
  await input.fill(text);
  await waitFor(async () => (await input.inputValue()) === text, `the quick input to hold ${JSON.stringify(text)}`);
  if (options.enter !== false) {
    await input.press('Enter');
  }
}
