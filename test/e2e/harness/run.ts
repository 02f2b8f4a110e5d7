// The running pieces of one E2E run: ONE code-server, ONE Chromium page and ONE simulator, started
// once by the first suite that asks (startRun) and stopped for good by stopWorkbench()
// (scripts/e2e.js calls it in mocha's root afterAll, and on Ctrl-C). borrowWorkbench() points the
// helpers at another VS Code for a while (the demo's).
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Simulator } from '../../../src/simulator/types';
import { API_KEY, DEFAULT_TIMEOUT_MS, FIRST_LOAD_TIMEOUT_MS, PROVIDER, ROOT, RUN_DIR, WORKSPACE, log } from './constants';
import { ACTIVITY_ENTRY } from './selectors';
import { serverLib, type RunningServer } from './serverLib';

export interface Running {
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

/** What the helpers drive now; throws when nothing runs. */
export function current(): Running {
  if (!running) throw new Error('VS Code is not running: call useWorkbench() in the suite (or await startWorkbench()).');
  return running;
}

export function isRunning(): boolean {
  return running !== undefined;
}

/**
 * Polling stays brisk while nothing moves: a change a test makes on the simulator reaches the tree
 * within one quiet-cycle interval of at most 5 s, not after the 30 s a quiet user's poll backs off to.
 */
const POLL_SETTINGS = { 'mjTasks.maxPollIntervalSeconds': 5 };

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
  // Frozen: no task of the run moves by itself (the demo's running ones included), so no test waits
  // for time to pass and nothing finishes unasked; tests move tasks with setTaskProgress/completeTask.
  return mod.startSimulator({ port: 0, dialect: 'newapi', apiKey: API_KEY, seedDemo: true, frozen: true });
}

/** Waits until the workbench shows and knows our view container (the extension is installed). */
export async function waitForWorkbench(page: Page, timeoutMs: number): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  // Our view container comes from package.json: once it is in the activity bar the extension is known.
  await page.locator(ACTIVITY_ENTRY).first().waitFor({ state: 'attached', timeout: timeoutMs });
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
      settings: { ...lib.mjTasksSettings(baseUrl, PROVIDER), ...POLL_SETTINGS },
      env: { MJ_TASKS_DEV_SETUP: devSetup },
    });
    log(`code-server ${server.url} (log: ${path.relative(ROOT, server.logFile)})`);

    browser = await lib.launchChromium();
    // Tall enough that the tree's rows stay rendered (the list is virtual) once the suites before a
    // test have tracked tasks of their own: about 50 rows.
    const context = await browser.newContext({ viewport: { width: 1280, height: 1200 } });
    const origin = server.url.replace(/\/$/, '');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);

    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    const consoleLog = fs.createWriteStream(path.join(ROOT, 'test-results', 'e2e-browser-console.log'));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

    // The first load of the workbench on a busy machine takes longer than an ordinary step.
    await page.goto(`${server.url}?folder=${encodeURIComponent(WORKSPACE)}`, { timeout: FIRST_LOAD_TIMEOUT_MS });
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

/** Starts (once) VS Code, the browser and the simulator. Idempotent; later calls return at once. */
export async function startRun(): Promise<void> {
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
 * of the caller's), or at another window of the shared one (secondWindow.ts), until the returned
 * function is called, which restores the shared one.
 */
export function borrowWorkbench(
  other: { url: string; browser: Browser; context: BrowserContext; page: Page; simulator?: Simulator },
  consoleLogName = 'demo-browser-console.log',
): () => void {
  if (starting && !running) throw new Error('the shared VS Code is starting: borrow before or after, not during');
  const saved = running;
  fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  const consoleLog = fs.createWriteStream(path.join(ROOT, 'test-results', consoleLogName));
  other.page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  running = {
    // Only its URL is read while borrowed; stopping it is the lender's business.
    server: { url: other.url } as RunningServer,
    browser: other.browser,
    context: other.context,
    page: other.page,
    simulator: other.simulator,
    consoleLog,
    startedAt: Date.now(),
  };
  return () => {
    consoleLog.end();
    running = saved;
  };
}
