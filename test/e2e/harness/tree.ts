// Our view: showing it, reading its rows (label, description, codicons, level), a row as a
// locator, its welcome content, and a row's context menu.
import type { Locator } from 'playwright-core';
import { current } from './run';
import { ACTIVITY_ENTRY, exactText, MENU_ITEM, TREE_ROWS, VIEW, VIEW_CONTAINER_ID } from './selectors';
import { waitFor } from './waitFor';
import { settleWebviews } from './webviews';

type Element = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- $$eval callbacks run in the browser (see quickInput.ts)

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

export async function openMjTasksView(): Promise<void> {
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
}

export async function treeRows(): Promise<TreeRow[]> {
  const page = current().page;
  return page.$$eval(TREE_ROWS, (rows) =>
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
}

export function treeRow(text: string): Locator {
  return current().page.locator(TREE_ROWS, { hasText: text }).first();
}

export async function viewWelcomeText(): Promise<string> {
  const page = current().page;
  const welcome = page.locator(`${VIEW} .welcome-view-content`);
  if (!(await welcome.first().isVisible().catch(() => false))) return '';
  return (await welcome.first().innerText()).trim();
}

/**
 * Right-clicks `target` and reads its menu. A menu closes when the focus leaves it, and a right-click
 * that lands while the tree replaces the row (a refresh after a poll) opens none, as it would for a
 * person: so it first lets loading webviews take the focus they were promised, and clicks again
 * when no menu shows. (Not Escape in between: in a list, Escape clears the selection.)
 */
export async function contextMenuItems(target: Locator): Promise<string[]> {
  const page = current().page;
  const items = page.locator(MENU_ITEM);
  await settleWebviews(page);
  for (let attempt = 1; ; attempt++) {
    await target.click({ button: 'right' });
    const shown = await items
      .first()
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    if (attempt === 3) throw new Error('no context menu opened after three right-clicks');
  }
  return (await page.locator(`${MENU_ITEM} .action-label`).allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/** Runs the item `label` of the context menu that is open: hovers it and presses Enter. */
export async function chooseMenuItem(label: string | RegExp): Promise<void> {
  const page = current().page;
  const item = page.locator(MENU_ITEM).filter({ has: page.locator('.action-label', { hasText: exactText(label) }) }).first();
  await item.hover();
  await waitFor(async () => /\bfocused\b/.test((await item.getAttribute('class')) ?? ''), `the menu item ${String(label)} to take the focus`);
  await page.keyboard.press('Enter');
  await page.locator('.monaco-menu').first().waitFor({ state: 'hidden' });
}

export async function contextMenu(target: Locator, label: string | RegExp): Promise<void> {
  const labels = await contextMenuItems(target);
  const matches = (l: string) => (typeof label === 'string' ? l === label : label.test(l));
  if (!labels.some(matches)) throw new Error(`no context-menu item ${String(label)}; the menu has: ${JSON.stringify(labels)}`);
  await chooseMenuItem(label);
}
