// Where things are in VS Code 1.139's DOM (the English UI).

/** Our view container's entry in the activity bar. */
export const ACTIVITY_ENTRY = '.part.activitybar [aria-label^="MJ Tasks"], .part.activitybar .action-label[aria-label^="MJ Tasks"]';
export const VIEW_CONTAINER_ID = 'workbench.view.extension.mjTasks';
export const VIEW = `[id="${VIEW_CONTAINER_ID}"]`;
/** The rows of our tree. */
export const TREE_ROWS = `${VIEW} .pane-body .monaco-list-row`;
export const QUICK_INPUT = '.quick-input-widget';
/** A context menu's items (Playwright locators reach into the menu's shadow root). */
export const MENU_ITEM = '.monaco-menu .action-item:not(.disabled):has(.action-label:not(.separator))';
/** The command palette's placeholder (VS Code 1.139, English). */
export const PALETTE_PLACEHOLDER = 'Type the name of a command to run.';

/** A label as Playwright's `hasText` matches it whole: a string exactly (spaces around allowed), a RegExp as given. */
export function exactText(label: string | RegExp): RegExp {
  return typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
}
