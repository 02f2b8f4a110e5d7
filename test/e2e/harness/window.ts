// The window as a whole: reloading it, and closing whatever overlay a test left open.
import { FIRST_LOAD_TIMEOUT_MS } from './constants';
import { runCommand } from './palette';
import { current, waitForWorkbench } from './run';
import { waitFor } from './waitFor';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any; // page.evaluate() callbacks run in the browser (see quickInput.ts)
declare const window: any;
declare function getComputedStyle(element: any): any;
type HTMLElement = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export async function reloadWindow(): Promise<void> {
  const page = current().page;
  await page.evaluate(() => ((window as unknown as { __mjE2eBeforeReload?: boolean }).__mjE2eBeforeReload = true));
  await runCommand('Developer: Reload Window');
  await waitFor(
    async () =>
      page.evaluate(
        () => !(window as unknown as { __mjE2eBeforeReload?: boolean }).__mjE2eBeforeReload && !!document.querySelector('.monaco-workbench .part.activitybar'),
      ),
    'the window to reload',
    FIRST_LOAD_TIMEOUT_MS,
  );
  await waitForWorkbench(page, FIRST_LOAD_TIMEOUT_MS);
}

export async function dismissOverlays(): Promise<void> {
  const page = current().page;
  const open = () =>
    page.evaluate(() =>
      ['.quick-input-widget', '.context-view .monaco-menu', '.monaco-hover', '.notifications-center.visible', '.modal-editor-part', '.monaco-dialog-box'].some((sel) =>
        Array.from(document.querySelectorAll(sel) as HTMLElement[]).some((e) => {
          const r = e.getBoundingClientRect(); // not offsetParent: overlays may be position: fixed
          const style = getComputedStyle(e);
          return r.width > 0 && r.height > 0 && style.display !== 'none' && style.visibility !== 'hidden';
        }),
      ),
    );
  for (let i = 0; i < 5 && (await open()); i++) await page.keyboard.press('Escape');
}
