// The Settings editor: opened by one of its commands, its search box filled as a person types it.
import type { Locator } from 'playwright-core';
import { runCommand } from './palette';
import { current } from './run';

/**
 * Runs `command` (Preferences: Open User Settings, … Workspace Settings, … Settings (UI)) and types
 * `query` into the Settings editor's search box (a small editor, replacing what it held). Returns
 * the editor's body, where the matching settings show.
 */
export async function searchSettings(command: string, query: string): Promise<Locator> {
  const page = current().page;
  await runCommand(command);
  const search = page.locator('.settings-editor .search-container');
  await search.waitFor({ state: 'visible' });
  await search.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(query);
  return page.locator('.settings-editor .settings-body');
}
