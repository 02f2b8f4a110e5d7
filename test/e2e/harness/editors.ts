// The workspace on disk and its editors: write and read files, open one, type, select, save, read
// what the editor shows, close them all.
import * as fs from 'fs';
import * as path from 'path';
import { WORKSPACE } from './constants';
import { closeQuickInputOn, leaveWebviewFocus, readQuickInputRows } from './quickInput';
import { runCommand } from './palette';
import { current } from './run';
import { QUICK_INPUT } from './selectors';
import { waitFor } from './waitFor';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any; // page.evaluate() callbacks run in the browser (see quickInput.ts)
type HTMLElement = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export function workspacePath(relative: string): string {
  return path.join(WORKSPACE, relative);
}

export async function writeFile(relative: string, content: string): Promise<void> {
  const file = workspacePath(relative);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, content);
}

export async function readFile(relative: string): Promise<string> {
  return fs.promises.readFile(workspacePath(relative), 'utf8');
}

export async function readSavedFile(relative: string, expected: string): Promise<string> {
  // On a busy machine the tab can turn clean (or never show dirty) before the write is on disk.
  return waitFor(async () => {
    const text = await readFile(relative);
    return text === expected ? text : undefined;
  }, `${relative} on disk to hold the saved text`).catch(() => readFile(relative));
}

export async function openFile(relative: string): Promise<void> {
  const page = current().page;
  const input = page.locator(`${QUICK_INPUT} input`);
  await closeQuickInputOn(page);
  await leaveWebviewFocus(page);
  await page.keyboard.press('Control+P');
  await input.waitFor({ state: 'visible' });
  // An absolute path opens the file even before the search index knows it.
  await input.fill(workspacePath(relative));
  const name = path.basename(relative);
  await waitFor(async () => (await readQuickInputRows(page)).some((l) => l === name), `"${name}" in Quick Open`);
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
}

export async function typeText(text: string): Promise<void> {
  await current().page.keyboard.type(text);
}

export async function insertText(text: string): Promise<void> {
  await current().page.keyboard.insertText(text);
}

export async function selectAll(): Promise<void> {
  await current().page.keyboard.press('Control+A');
}

export async function save(): Promise<void> {
  const page = current().page;
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  // An edit just made may not show on the tab yet: give it a moment to, then save.
  await waitFor(async () => (await dirty.count()) > 0, 'the active editor to have unsaved changes', 3_000).catch(() => undefined);
  await page.keyboard.press('Control+S');
  // The tab turns clean once the write reached the server's disk.
  await waitFor(async () => (await dirty.count()) === 0, 'the active editor to be saved');
}

export async function visibleEditorText(): Promise<string> {
  const page = current().page;
  return page.evaluate(() => {
    const lines = Array.from(document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) as HTMLElement[];
    return lines
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
      .join('\n');
  });
}

export async function closeAllEditors(): Promise<void> {
  const page = current().page;
  if ((await page.locator('.tabs-container .tab').count()) === 0) return;
  await runCommand('View: Close All Editors');
  let ranAt = Date.now();
  await waitFor(async () => {
    // Unsaved changes bring a "save?" dialog: discard them.
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Don't Save$/ });
    if (await dontSave.isVisible().catch(() => false)) {
      await dontSave.click();
      ranAt = Date.now();
    }
    if ((await page.locator('.tabs-container .tab').count()) === 0) return true;
    // A webview that takes the focus as it finishes loading closes the palette before its Enter
    // lands, which looks like an accepted command: when the editors stay, the command runs again.
    if (Date.now() - ranAt > 4000) {
      await runCommand('View: Close All Editors');
      ranAt = Date.now();
    }
    return false;
  }, 'all editors to close');
}
