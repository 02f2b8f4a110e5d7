// Mocha wiring: a suite's useWorkbench() starts the shared VS Code once and, after every test,
// keeps a screenshot and leaves the workbench clean for the next one.
import * as path from 'path';
import { FIRST_LOAD_TIMEOUT_MS, ROOT, log } from './constants';
import { closeAllEditors } from './editors';
import { clearNotifications, notifications } from './notifications';
import { isRunning, startRun } from './run';
import { screenshot } from './screenshots';
import { dismissOverlays } from './window';
import { workbench, type Workbench } from './workbench';

/** Starts (once) VS Code, the browser and the simulator. Idempotent; later calls return at once. */
export async function startWorkbench(): Promise<Workbench> {
  await startRun();
  return workbench;
}

/**
 * For a `describe` block: starts VS Code once (first suite only; generous timeout), and after every
 * test, pass or fail, keeps a screenshot, then closes any quick input or menu left open and clears
 * the notifications. The suite starts with no editor open; between its tests, editors stay as the
 * test left them (the screenshot shows them): a test that needs an empty editor area calls
 * closeAllEditors() first.
 */
export function useWorkbench(): Workbench {
  before(async function () {
    this.timeout(FIRST_LOAD_TIMEOUT_MS + 300_000); // the first run may install code-server (about 2 min)
    await startWorkbench();
    // Each suite starts with no editor open: a webview left by the previous file (a preview, the
    // Markdown preview) takes the focus back when the editor area gets it, closing quick inputs.
    await closeAllEditors();
  });
  afterEach(async function () {
    this.timeout(30_000);
    if (!isRunning() || !this.currentTest) return;
    const t = this.currentTest;
    const file = await screenshot(t.titlePath().slice(0, -1).join(' '), t.title).catch((e: Error) => {
      log(`screenshot failed: ${e.message}`);
      return undefined;
    });
    if (file && t.state === 'failed') log(`screenshot of the failure: ${path.relative(ROOT, file)}`);
    await dismissOverlays().catch(() => undefined);
    if ((await notifications().catch(() => [])).length > 0) await clearNotifications().catch(() => undefined);
  });
  return workbench;
}
