// Webviews: VS Code nests an outer and an inner iframe per webview; these find the inner one.
import type { Frame } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS } from './constants';
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
