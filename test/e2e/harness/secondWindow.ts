// A second VS Code window on the shared code-server: another page of the same browser context,
// so another extension host on the same profile (the same global storage folder, the same
// globalState and secrets). With it, which window has the focus, and the files the windows of the
// profile share.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, EXTENSION_ID, FIRST_LOAD_TIMEOUT_MS } from './constants';
import { borrowWorkbench, current, waitForWorkbench } from './run';

export interface SecondWindow {
  readonly page: Page;
  /** Runs `fn` with every `workbench` helper pointed at this window, then points them back. */
  use<T>(fn: () => Promise<T>): Promise<T>;
  /** Closes the page (the window), as a user closes a browser tab. */
  close(): Promise<void>;
}

/** Opens `?<query>` (e.g. `workspace=<file>`) of the shared code-server in a new page and waits for its workbench. */
export async function openSecondWindow(query: string): Promise<SecondWindow> {
  const r = current();
  const page = await r.context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  await page.goto(`${r.server.url}?${query}`);
  await waitForWorkbench(page, FIRST_LOAD_TIMEOUT_MS);
  return {
    page,
    async use(fn) {
      const restore = borrowWorkbench({ url: r.server.url, browser: r.browser, context: r.context, page, simulator: r.simulator }, 'e2e-second-window-console.log');
      try {
        return await fn();
      } finally {
        restore();
      }
    },
    close: () => page.close(),
  };
}

/**
 * Gives the focus to `page` alone. Playwright lets every page of a headless browser believe it
 * has the focus; this turns that off for `pages` and brings `page` to the front, so the others
 * see a real blur (VS Code's window focus follows it). restoreFocus() undoes it.
 */
export async function focusOnly(page: Page, pages: readonly Page[]): Promise<void> {
  for (const p of pages) {
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
    await cdp.detach();
  }
  await page.bringToFront();
}

/** Every page of `pages` believes it has the focus again (what the other suites expect). */
export async function restoreFocus(pages: readonly Page[]): Promise<void> {
  for (const p of pages) {
    if (p.isClosed()) continue;
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await cdp.detach();
  }
  await current().page.bringToFront();
}

/** A file of MJ Tasks' global storage folder, which every window of the profile shares; undefined when absent. */
export function readGlobalStorageFile(name: string): string | undefined {
  const file = path.join(current().server.userDataDir, 'User', 'globalStorage', EXTENSION_ID, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
