// What the workbench tells the user: notifications (toasts and the notification centre) and the
// status bar's items.
import { DEFAULT_TIMEOUT_MS } from './constants';
import { runCommand } from './palette';
import { current } from './run';
import { waitFor } from './waitFor';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any; // page.evaluate() callbacks run in the browser (see quickInput.ts)
type HTMLElement = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface Notification {
  message: string;
  /** Where it was seen: a toast, or the notification centre. */
  where: 'toast' | 'centre';
  /** 'info' | 'warning' | 'error' from the icon, '' if unknown. */
  severity: string;
  /** The button labels. */
  buttons: string[];
}

export async function notifications(options: { openCentre?: boolean } = {}): Promise<Notification[]> {
  const page = current().page;
  if (options.openCentre && !(await page.locator('.notifications-center.visible').isVisible().catch(() => false))) {
    await runCommand('Notifications: Show Notifications');
    await page.locator('.notifications-center.visible').waitFor({ state: 'visible' });
  }
  return page.evaluate(() => {
    const out: { message: string; where: 'toast' | 'centre'; severity: string; buttons: string[] }[] = [];
    const read = (root: string, where: 'toast' | 'centre') => {
      document.querySelectorAll(`${root} .notification-list-item`).forEach((item: HTMLElement) => {
        if (item.offsetParent === null) return; // not visible
        const icon = item.querySelector('.notification-list-item-icon');
        const cls = icon ? Array.from(icon.classList).join(' ') : '';
        const severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : /codicon-info/.test(cls) ? 'info' : '';
        out.push({
          message: (item.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
          where,
          severity,
          buttons: Array.from(item.querySelectorAll('.notification-list-item-buttons-container .monaco-button')).map((b: HTMLElement) => (b.textContent ?? '').trim()),
        });
      });
    };
    read('.notifications-toasts', 'toast');
    read('.notifications-center', 'centre');
    return out;
  });
}

export async function waitForNotification(text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Notification> {
  const matches = (m: string) => (typeof text === 'string' ? m.includes(text) : text.test(m));
  return waitFor(async () => (await notifications()).find((n) => matches(n.message)), `a notification matching ${String(text)}`, timeoutMs);
}

export async function clearNotifications(): Promise<void> {
  await runCommand('Notifications: Clear All Notifications');
  const page = current().page;
  await waitFor(async () => (await page.locator('.notifications-toasts .notification-list-item').count()) === 0, 'toasts to clear');
}

export async function statusBarItems(): Promise<string[]> {
  const page = current().page;
  return page.$$eval('.part.statusbar .statusbar-item', (items) => items.map((i) => (i.textContent ?? '').trim()).filter(Boolean));
}
