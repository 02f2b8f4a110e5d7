// Quick inputs: the palette, Quick Open and a command's own quick pick or input box. Reading their
// state, typing into them, picking a row, closing them.
import type { Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS } from './constants';
import { current } from './run';
import { exactText, PALETTE_PLACEHOLDER, QUICK_INPUT } from './selectors';
import { waitFor } from './waitFor';
import { settleWebviews } from './webviews';

// Callbacks given to page.evaluate() run in the browser; the project compiles without the DOM
// library (it would change timer types for the whole program), so the globals they use are
// declared here, local to this module.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare function getComputedStyle(element: any): any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface QuickInputState {
  placeholder: string;
  /** The input's aria-label (the prompt of an input box). */
  ariaLabel: string;
  /** The title bar text, '' when none. */
  title: string;
  value: string;
}

/** The labels of the open quick input's rows. */
export async function readQuickInputRows(page: Page): Promise<string[]> {
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
export async function closeQuickInputOn(page: Page): Promise<void> {
  if (!(await quickInputVisible(page))) return;
  await page.keyboard.press('Escape');
  await waitFor(async () => !(await quickInputVisible(page)), 'the quick input to close');
}

/**
 * A quick input, once it closes, gives the focus back to the element that had it when it opened,
 * or, when that was nothing (the page's body), to the active editor. When the active editor is a
 * webview, its own focus lands asynchronously: on a busy machine after the command's own quick
 * pick opened, which then closes on blur. So before a quick input opens from the workbench, the
 * focus moves off the webview onto its tab: that tab is what the quick input gives it back to.
 */
export async function leaveWebviewFocus(page: Page): Promise<void> {
  await settleWebviews(page);
  await page.evaluate(() => {
    const active = document.activeElement;
    const inWebview = !!active && active.tagName === 'IFRAME';
    const nothing = !active || active === document.body;
    const webviewEditor = [...document.querySelectorAll('.editor-group-container.active [id^="webview-editor-element-"]')].some(
      (e: { offsetParent: unknown }) => e.offsetParent !== null,
    );
    if (!inWebview && !(nothing && webviewEditor)) return;
    const tab = document.querySelector('.editor-group-container.active .tabs-container .tab.active');
    if (tab) tab.focus();
    if (document.activeElement === active && inWebview) active.blur();
  });
}

/** The open quick input's state, or undefined while none is open and ready (hidden, closing, inert). */
export async function readyQuickInput(page: Page): Promise<QuickInputState | undefined> {
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

/** Is `state` a command's own input (not the palette) whose placeholder, prompt or title matches? */
export function isCommandInput(state: QuickInputState, placeholder: string | RegExp | undefined): boolean {
  if (state.value.startsWith('>') || state.placeholder === PALETTE_PLACEHOLDER) return false;
  if (placeholder === undefined) return true;
  const text = `${state.placeholder}\n${state.ariaLabel}\n${state.title}`;
  return typeof placeholder === 'string' ? text.includes(placeholder) : placeholder.test(text);
}

/**
 * Types `text` into the quick input that is open now and checks it is still open with that text.
 * false when it closed meanwhile (focus moved: e.g. the extension revealed a view a moment after
 * the previous command, or a webview took the focus back).
 */
export async function typeIntoQuickInput(page: Page, text: string, isTheOne: (s: QuickInputState) => boolean): Promise<boolean> {
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

export async function waitForQuickInput(options: { placeholder?: string | RegExp; timeoutMs?: number } = {}): Promise<QuickInputState> {
  const page = current().page;
  const { placeholder, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  return waitFor(
    async () => {
      const state = await readyQuickInput(page);
      return state && isCommandInput(state, placeholder) ? state : undefined; // none, or still the palette
    },
    `a quick input${placeholder ? ` matching ${String(placeholder)}` : ''} ready for typing`,
    timeoutMs,
  );
}

export async function quickInputRows(): Promise<string[]> {
  return readQuickInputRows(current().page);
}

export async function pickQuickInputRow(label: string | RegExp): Promise<void> {
  const page = current().page;
  const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
  const found = await waitFor(async () => (await readQuickInputRows(page)).find(matches), `a quick input row ${String(label)}`);
  // Clicked by its label, found again at the click: a multi-step pick replaces its rows in the same
  // list, and a row found by its place could be another one by then.
  await page
    .locator(`${QUICK_INPUT} .monaco-list-row`)
    .filter({ has: page.locator('.label-name, .monaco-highlighted-label', { hasText: exactText(found) }) })
    .first()
    .click();
}

export async function closeQuickInput(): Promise<void> {
  await closeQuickInputOn(current().page);
}

/**
 * Types into the open quick input itself (not wherever the keyboard focus is: a webview may hold
 * it), checks the value took, and presses Enter there unless told not to.
 */
export async function answerQuickInput(text: string, options: { enter?: boolean } = {}): Promise<void> {
  const input = current().page.locator(`${QUICK_INPUT} input`).first();
  await input.fill(text);
  await waitFor(async () => (await input.inputValue()) === text, `the quick input to hold ${JSON.stringify(text)}`);
  if (options.enter !== false) {
    await input.press('Enter');
  }
}
