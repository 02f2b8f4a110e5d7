// The page's clipboard (read and write permissions are granted to code-server's origin at start).
import { current } from './run';
import { waitFor } from './waitFor';

declare const navigator: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- page.evaluate() callbacks run in the browser (see quickInput.ts)

export async function readClipboard(): Promise<string> {
  const page = current().page;
  await page.bringToFront();
  return page.evaluate(() => navigator.clipboard.readText());
}

export async function writeClipboard(text: string): Promise<void> {
  const page = current().page;
  await page.bringToFront();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
}

export async function copySelection(): Promise<string> {
  const marker = `mj-e2e-clipboard-${Date.now()}`;
  await writeClipboard(marker);
  await current().page.keyboard.press('Control+C');
  return waitFor(async () => {
    const text = await readClipboard();
    return text !== marker ? text : undefined;
  }, 'the clipboard to change after Ctrl+C');
}
