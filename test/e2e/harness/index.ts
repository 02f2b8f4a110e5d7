// The end-to-end harness: ONE real VS Code (code-server) + ONE Chromium page + ONE simulator for a
// whole run of the E2E suites, started lazily by the first suite that calls useWorkbench() and
// stopped by stopWorkbench() (scripts/e2e.js calls it in mocha's root afterAll, and on Ctrl-C).
//
// A suite:
//
//   import * as assert from 'assert';
//   import { useWorkbench, waitFor, workbench } from './harness/index';
//
//   describe('Tracking', () => {
//     useWorkbench(); // starts everything once; a screenshot after every test
//     it('shows a tracked task', async () => {
//       const id = workbench.simulator.createTask({ prompt: 'a cat' });
//       await workbench.runCommand('MJ Tasks: Track Task…');
//       ...
//       await waitFor(async () => (await workbench.treeRows()).some((r) => r.label.includes(id)), `row for ${id}`);
//     });
//   });
//
// Every wait polls a condition (waitFor, Playwright's auto-waiting locators); there are no fixed
// sleeps. The helpers live by concern beside this file: run.ts (starting and stopping the run),
// palette.ts and quickInput.ts, tree.ts, notifications.ts, editors.ts, clipboard.ts, webviews.ts,
// window.ts, screenshots.ts, secondWindow.ts (a second window on the same profile), trackTasks.ts;
// workbench.ts gathers them on `workbench` and documents each.
export { API_KEY, EXTENSION_ID, PROVIDER, ROOT, RUN_DIR, SCREENSHOT_DIR, WORKSPACE } from './constants';
export type { Notification } from './notifications';
export { answerQuickInput, readyQuickInput, type QuickInputState } from './quickInput';
export { borrowWorkbench, stopWorkbench } from './run';
export type { HoverDom } from './hovers';
export { readmeShot } from './screenshots';
export { focusOnly, openSecondWindow, readGlobalStorageFile, restoreFocus, type SecondWindow } from './secondWindow';
export { trackTasks } from './trackTasks';
export type { TreeRow } from './tree';
export { startWorkbench, useWorkbench } from './useWorkbench';
export { waitFor } from './waitFor';
export { workbench, type Workbench } from './workbench';
