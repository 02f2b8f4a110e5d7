// What the preview's E2E tests share: the demo tasks as the simulator serves them, the preview's
// webview frame, the clipboard, the palette's task pick, and a recorder for the buttons' flashes.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { waitFor, workbench } from './harness/index';

// Callbacks given to frame.evaluate run in the webview; this file compiles without the DOM lib
// (adding it would change timer types for the whole project), so the page globals are declared here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

/** What the newapi dialect answers for a task (the fields the preview shows). */
export interface TaskJson {
  id: string;
  status: string;
  prompt: string;
  imageUrl: string;
  failReason: string;
  buttons: Array<{ customId: string; label: string; emoji: string }> | null;
  properties: { finalPrompt?: string } | null;
}

export function taskJson(id: string): TaskJson {
  const json = workbench.simulator.getTaskJson(id) as TaskJson | undefined;
  assert.ok(json, `the simulator does not know task ${id}`);
  return json;
}

export function demoTask(role: RegExp): string {
  const t = workbench.simulator.demoTasks().find((d) => role.test(d.role));
  assert.ok(t, `no demo task matching ${role}`);
  return t.id;
}

/** The preview's frame once it shows `text` (the panel is reused, so this is one frame per load). */
export async function previewFrame(text: string | RegExp, timeoutMs = 30_000): Promise<Frame> {
  return workbench.webviewFrame(
    async (frame) =>
      frame.evaluate((t) => {
        const app = document.querySelector('main#app');
        if (!app || document.title !== 'MJ Tasks') return false;
        const body = app.textContent ?? '';
        return t.regex ? new RegExp(t.source, t.flags).test(body) : body.includes(t.source);
      }, typeof text === 'string' ? { regex: false, source: text, flags: '' } : { regex: true, source: text.source, flags: text.flags }),
    `the MJ Tasks preview showing ${String(text)}`,
    timeoutMs,
  );
}

/** Waits for the clipboard to hold exactly `expected` (VS Code writes it asynchronously). */
export async function expectClipboard(expected: string): Promise<void> {
  let last = '';
  await waitFor(async () => (last = await workbench.readClipboard()) === expected, `the clipboard to hold ${JSON.stringify(expected.slice(0, 80))}`).catch((e: Error) => {
    throw new Error(`${e.message}; it holds ${JSON.stringify(last.slice(0, 200))}`);
  });
}

/** Runs a palette command whose quick pick lists tracked tasks, and picks the one with `id`. */
export async function pickTaskWith(command: string, id: string): Promise<void> {
  // Retries the command if its quick pick closes before the ID is in (a restored webview may take focus).
  await workbench.runCommandWithInput(command, id);
  const page = workbench.page;
  await waitFor(async () => (await page.locator('.quick-input-widget .monaco-list-row').count()) === 1, `one task matching ${id}`);
  await page.locator('.quick-input-widget input').first().press('Enter');
}

/** "Track Task…" with the ID typed into its input box (one provider: no provider pick). */
export async function trackTask(id: string): Promise<void> {
  // Its row is known by its prompt: counting rows would take the demo's rows, still arriving in a
  // workbench that has just started, for this one.
  const prompt = taskJson(id).prompt.slice(0, 20);
  await workbench.openMjTasksView();
  await workbench.runCommandWithInput('MJ Tasks: Track Task…', id);
  await workbench.page.keyboard.press('Enter');
  // Tracking focuses the task list once it is added; wait for that before opening the next picker.
  await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt)), `task ${id} ("${prompt}…") in the tree`);
}

/** The grid task's row: its prompt is shared with its VARIATION and ZOOM children, the description names the action. */
export function gridRow() {
  return workbench.page
    .locator('[id="workbench.view.extension.mjTasks"] .pane-body .monaco-list-row')
    .filter({ hasText: 'lighthouse' })
    .filter({ hasText: /IMAGINE ·/ });
}

/**
 * Records every text the preview's buttons show from now on (a flash lasts a moment; a recorder
 * does not miss it): `[data-action-id, text]` pairs, read back with buttonTexts().
 */
export async function recordButtonTexts(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    window.__mjButtonTexts = [];
    new window.MutationObserver((mutations: any[]) => {
      for (const m of mutations) {
        const label = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        const button = label?.closest?.('[data-action-id]');
        if (label?.classList?.contains('action-text') && button) window.__mjButtonTexts.push([button.dataset.actionId, label.textContent]);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export async function buttonTexts(frame: Frame): Promise<Array<[string, string]>> {
  return frame.evaluate(() => window.__mjButtonTexts as Array<[string, string]>);
}

export async function imageLoaded(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => {
    const img = document.querySelector('.main-image img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
}
