// The one object suites drive VS Code through: `workbench`, its raw pieces and every helper of the
// files beside this one, documented here in one place.
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import type { Simulator } from '../../../src/simulator/types';
import { copySelection, readClipboard, writeClipboard } from './clipboard';
import { WORKSPACE } from './constants';
import { closeAllEditors, insertText, openFile, readFile, readSavedFile, save, selectAll, typeText, visibleEditorText, workspacePath, writeFile } from './editors';
import { clearNotifications, notifications, statusBarItems, waitForNotification, type Notification } from './notifications';
import { paletteCommands, runCommand, runCommandWithInput } from './palette';
import { closeQuickInput, pickQuickInputRow, quickInputRows, waitForQuickInput, type QuickInputState } from './quickInput';
import { current } from './run';
import { screenshot } from './screenshots';
import { searchSettings } from './settings';
import { hoverUntil, visibleHover, type HoverDom } from './hovers';
import { chooseMenuItem, contextMenu, contextMenuItems, openMjTasksView, treeRow, treeRows, viewWelcomeText, type TreeRow } from './tree';
import { webviewFrame, webviewFrameWithText } from './webviews';
import { dismissOverlays, reloadWindow } from './window';

export interface Workbench {
  readonly page: Page;
  readonly context: BrowserContext;
  /**
   * The simulator (newapi dialect) the "Simulator" provider points at. Frozen: its tasks move only
   * when a test moves them (setTaskProgress, completeTask), never as time passes.
   */
  readonly simulator: Simulator;
  /** code-server's address, e.g. http://127.0.0.1:41234/ */
  readonly serverUrl: string;
  /** The workspace folder VS Code has open (on disk). */
  readonly workspaceDir: string;
  /** The demo task IDs tracked through MJ_TASKS_DEV_SETUP at start. */
  readonly trackedAtStart: string[];

  // The palette and quick inputs (palette.ts, quickInput.ts)
  /** F1, `>` + title, waits for the row whose label is exactly `title`, runs it. */
  runCommand(title: string): Promise<void>;
  /** The command titles the palette offers for `query` (F1, `>` + query); then closes the palette unless keepOpen. */
  paletteCommands(query: string, options?: { keepOpen?: boolean }): Promise<string[]>;
  /**
   * Waits until a quick input other than the palette (a command's quick pick or input box) is open
   * and ready for typing; `placeholder` narrows it down. Call it after runCommand() for commands
   * that ask something: their input shows a moment after the palette closes.
   */
  waitForQuickInput(options?: { placeholder?: string | RegExp; timeoutMs?: number }): Promise<QuickInputState>;
  /**
   * runCommand(title), then types `text` into the quick pick / input box the command opens (its
   * placeholder, prompt or title matching `placeholder`, if given). When that input closes before
   * the text is in (the focus moved: something else took it), runs the command again, up to 3 times.
   * Then wait for the rows you expect and press Enter (or pickQuickInputRow).
   */
  runCommandWithInput(title: string, text: string, options?: { placeholder?: string | RegExp }): Promise<void>;
  /** The labels of the open quick input's rows. */
  quickInputRows(): Promise<string[]>;
  /** Clicks the open quick input's row whose label equals `label` (or matches it). */
  pickQuickInputRow(label: string | RegExp): Promise<void>;
  /** Escape, and wait until the quick input has gone. */
  closeQuickInput(): Promise<void>;

  // Our view (tree.ts)
  /** Shows the MJ Tasks view container (clicks the activity-bar entry unless it already shows). */
  openMjTasksView(): Promise<void>;
  /** The rows of our tree view (empty while the welcome content shows). */
  treeRows(): Promise<TreeRow[]>;
  /**
   * Right-clicks `target` (e.g. treeRow(text)) and runs the context-menu item `label`: hovers it and
   * presses Enter, since VS Code can ignore a click that lands right after its menu opened.
   */
  contextMenu(target: Locator, label: string | RegExp): Promise<void>;
  /** Right-clicks `target` and returns the context menu's item labels (leaves the menu open). */
  contextMenuItems(target: Locator): Promise<string[]>;
  /** Runs the item `label` of the context menu that is open. */
  chooseMenuItem(label: string | RegExp): Promise<void>;
  /** The welcome content of our view ('' when the tree shows). */
  viewWelcomeText(): Promise<string>;
  /** A locator for our tree's row whose text contains `text`. */
  treeRow(text: string): Locator;

  // Notifications and the status bar (notifications.ts)
  /** Texts of visible toasts and, if open, the notification centre (openCentre: open it first). */
  notifications(options?: { openCentre?: boolean }): Promise<Notification[]>;
  /** Waits for a notification whose message contains `text`; returns it. */
  waitForNotification(text: string | RegExp, timeoutMs?: number): Promise<Notification>;
  /** "Notifications: Clear All Notifications". */
  clearNotifications(): Promise<void>;
  /** The status bar's item texts. */
  statusBarItems(): Promise<string[]>;

  // The clipboard (clipboard.ts)
  /** The page's clipboard text (permissions granted to code-server's origin). */
  readClipboard(): Promise<string>;
  writeClipboard(text: string): Promise<void>;
  /** Copy (Ctrl+C) and wait until the clipboard changed; returns its text. */
  copySelection(): Promise<string>;

  // Webviews (webviews.ts)
  /** The (inner) frame of a webview for which `predicate` holds; polls page.frames(). */
  webviewFrame(predicate: (frame: Frame) => boolean | Promise<boolean>, description?: string, timeoutMs?: number): Promise<Frame>;
  /** The webview frame whose body text contains `text`. */
  webviewFrameWithText(text: string | RegExp, timeoutMs?: number): Promise<Frame>;

  // The window and screenshots (window.ts, screenshots.ts)
  /** "Developer: Reload Window", then waits for the new workbench. */
  reloadWindow(): Promise<void>;
  /** Writes `test-results/screenshots/<suite>--<test>.png`; returns its path. */
  screenshot(suite: string, test?: string): Promise<string>;
  /** Escape until no quick input, menu, hover, notification centre, modal editor or dialog is open. */
  dismissOverlays(): Promise<void>;

  // Workspace and editors (editors.ts)
  /** Absolute path of a workspace file. */
  workspacePath(relative: string): string;
  /** Writes a workspace file on disk. An open editor picks the change up through VS Code's file
   * watcher, which can lag under load: to change an open file, edit it in the editor instead. */
  writeFile(relative: string, content: string): Promise<void>;
  readFile(relative: string): Promise<string>;
  /**
   * The file's text once it equals `expected` (after save(): the write can reach the disk a moment
   * after the tab turns clean), else its text when the wait runs out; compare it with assert.
   */
  readSavedFile(relative: string, expected: string): Promise<string>;
  /** Opens a workspace file in an editor (Quick Open) and waits until its editor has focus. */
  openFile(relative: string): Promise<void>;
  /** Types into the focused editor (key by key: auto-closing and indentation apply). */
  typeText(text: string): Promise<void>;
  /** Inserts text into the focused editor as one input (no auto-closing). */
  insertText(text: string): Promise<void>;
  /** Select all (Ctrl+A) in the focused editor. */
  selectAll(): Promise<void>;
  /** Ctrl+S and wait until the active tab is no longer dirty. */
  save(): Promise<void>;
  /** The text lines the active editor shows (what is rendered; long files: only the visible part). */
  visibleEditorText(): Promise<string>;
  /** "View: Close All Editors"; unsaved changes are discarded ("Don't Save"). */
  closeAllEditors(): Promise<void>;

  // Hovers (hovers.ts)
  /** The hover on screen (text, links, images, loaded images, icons, faded in), or undefined. */
  visibleHover(): Promise<HoverDom | undefined>;
  /** Points at a target with `point` (again, at most every 1.5 s, while no hover shows) until its hover satisfies `accept`. */
  hoverUntil(point: () => Promise<void>, accept: (hover: HoverDom) => boolean, description: string, timeoutMs?: number): Promise<HoverDom>;

  // The Settings editor (settings.ts)
  /** Runs a command that opens the Settings editor and types `query` into its search box; its body. */
  searchSettings(command: string, query: string): Promise<Locator>;
}

export const workbench: Workbench = {
  get page() {
    return current().page;
  },
  get context() {
    return current().context;
  },
  get simulator() {
    const s = current().simulator;
    if (!s) throw new Error('The simulator is not built (out/src/simulator/index.js): run npm run compile.');
    return s;
  },
  get serverUrl() {
    return current().server.url;
  },
  get workspaceDir() {
    return WORKSPACE;
  },
  get trackedAtStart() {
    return [...(current().simulator?.demoTaskIds ?? [])];
  },
  runCommand,
  paletteCommands,
  waitForQuickInput,
  runCommandWithInput,
  quickInputRows,
  pickQuickInputRow,
  closeQuickInput,
  openMjTasksView,
  treeRows,
  contextMenu,
  contextMenuItems,
  chooseMenuItem,
  viewWelcomeText,
  treeRow,
  notifications,
  waitForNotification,
  clearNotifications,
  statusBarItems,
  readClipboard,
  writeClipboard,
  copySelection,
  webviewFrame,
  webviewFrameWithText,
  reloadWindow,
  screenshot,
  dismissOverlays,
  workspacePath,
  writeFile,
  readFile,
  readSavedFile,
  openFile,
  typeText,
  insertText,
  selectAll,
  save,
  visibleEditorText,
  closeAllEditors,
  visibleHover,
  hoverUntil,
  searchSettings,
};
