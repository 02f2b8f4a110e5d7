// The command palette: run a command by its title, list what a query offers, run a command that
// asks something and type the answer. Each reopens the palette when something closes it under us.
import type { Locator, Page } from 'playwright-core';
import { closeQuickInputOn, isCommandInput, leaveWebviewFocus, readQuickInputRows, readyQuickInput, typeIntoQuickInput, waitForQuickInput } from './quickInput';
import { current } from './run';
import { PALETTE_PLACEHOLDER, QUICK_INPUT } from './selectors';
import { waitFor } from './waitFor';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any; // page.evaluate() callbacks run in the browser (see quickInput.ts)
declare function getComputedStyle(element: any): any;
/* eslint-enable @typescript-eslint/no-explicit-any */

async function openPalette(page: Page, query: string): Promise<Locator> {
  const input = page.locator(`${QUICK_INPUT} input`);
  for (let attempt = 1; ; attempt++) {
    await closeQuickInputOn(page);
    await leaveWebviewFocus(page);
    await page.keyboard.press('F1');
    if (await typeIntoQuickInput(page, `>${query}`, (s) => s.placeholder === PALETTE_PLACEHOLDER || s.value.startsWith('>'))) return input;
    // The palette closed under us (something took the focus): open it again.
    if (attempt === 3) throw new Error(`the command palette kept closing before ">${query}" could be typed`);
  }
}

export async function runCommand(title: string): Promise<void> {
  const page = current().page;
  let row: { index: number } | undefined;
  for (let attempt = 1; !row; attempt++) {
    await openPalette(page, title);
    row = await waitFor(
      async () => {
        const labels = await readQuickInputRows(page);
        const index = labels.findIndex((l) => l === title);
        if (index >= 0) return { index };
        const state = await readyQuickInput(page);
        return state && state.value === `>${title}` ? undefined : { index: -1 }; // -1: the palette closed under us
      },
      `command "${title}" in the palette`,
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}; rows: ${JSON.stringify(await readQuickInputRows(page).catch(() => []))}`);
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
}

export async function paletteCommands(query: string, options: { keepOpen?: boolean } = {}): Promise<string[]> {
  const page = current().page;
  await openPalette(page, query);
  // The list settles after filtering; wait until two reads agree and something (or "No matching") shows.
  let previous = '';
  const rows = await waitFor(
    async () => {
      const labels = await readQuickInputRows(page);
      const empty = await page.locator(`${QUICK_INPUT} .quick-input-message`).isVisible().catch(() => false);
      const key = JSON.stringify(labels);
      const stable = key === previous && (labels.length > 0 || empty);
      previous = key;
      return stable ? labels : undefined;
    },
    `the palette's rows for "${query}"`,
  );
  if (!options.keepOpen) await closeQuickInputOn(page);
  return rows;
}

export async function runCommandWithInput(title: string, text: string, options: { placeholder?: string | RegExp } = {}): Promise<void> {
  const page = current().page;
  for (let attempt = 1; ; attempt++) {
    await runCommand(title);
    // A webview that takes the focus (one restored after a reload) closes a quick pick at once,
    // sometimes before it is ever seen: that counts as a closed input, and the command runs again.
    const shown = await waitForQuickInput({ ...options, timeoutMs: 8000 }).then(
      () => true,
      () => false,
    );
    if (shown && (await typeIntoQuickInput(page, text, (s) => isCommandInput(s, options.placeholder)))) return;
    if (attempt === 3) throw new Error(`the input of "${title}" kept closing before ${JSON.stringify(text)} could be typed`);
  }
}
