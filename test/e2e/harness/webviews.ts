// Webviews: VS Code nests an outer and an inner iframe per webview; these find the inner one, and
// wait for the webviews still loading, which take the focus once they are ready.
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, log } from './constants';
import { current } from './run';
import { waitFor } from './waitFor';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- frame.evaluate() callbacks run in the webview (see quickInput.ts)

export async function webviewFrame(
  predicate: (frame: Frame) => boolean | Promise<boolean>,
  description = 'a webview frame',
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Frame> {
  const page = current().page;
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame() || frame.isDetached()) continue;
        try {
          if (await predicate(frame)) return frame;
        } catch {
          // a frame that navigates or goes away while we look: try the others, then again
        }
      }
      return undefined;
    },
    description,
    timeoutMs,
  );
}

export async function webviewFrameWithText(text: string | RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Frame> {
  return webviewFrame(
    async (frame) => {
      const body = await frame.evaluate(() => document.body?.innerText ?? '');
      return typeof text === 'string' ? body.includes(text) : text.test(body);
    },
    `a webview showing ${String(text)}`,
    timeoutMs,
  );
}

/**
 * A webview still loading holds back the focus it was asked for (opened without preserveFocus, or
 * the active editor when a notification or menu closed) and takes it once it is ready, closing a
 * quick input or menu opened meanwhile: this lets that happen first. VS Code marks a webview's
 * frame "ready" as it sends what it held back.
 */
export async function settleWebviews(page: Page): Promise<void> {
  await waitFor(
    async () => page.evaluate(() => [...document.querySelectorAll('iframe.webview')].every((f: { classList: { contains(c: string): boolean } }) => f.classList.contains('ready'))).catch(() => true),
    'the webviews to finish loading',
    10_000,
  ).catch(() => log('a webview is still loading after 10 s; going on')); // it holds nothing back worth waiting longer for
}
