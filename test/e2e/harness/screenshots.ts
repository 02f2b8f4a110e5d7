// Screenshots: one per test (useWorkbench takes them), and the README's images from a green run.
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, SCREENSHOT_DIR } from './constants';
import { current } from './run';

function sanitize(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'untitled';
}

export async function screenshot(suite: string, test?: string): Promise<string> {
  const page = current().page;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${sanitize(suite)}${test ? `--${sanitize(test)}` : ''}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * A compact JPEG of the workbench for the README, in test-results/readme/NAME.jpg: the README's
 * images are copied from a green run, so they show what the tests saw.
 */
export async function readmeShot(name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  const dir = path.join(ROOT, 'test-results', 'readme');
  fs.mkdirSync(dir, { recursive: true });
  // The images ship inside the .vsix (README), whose budget is 300 KB: keep them small.
  await current().page.screenshot({ path: path.join(dir, `${name}.jpg`), type: 'jpeg', quality: 55, clip });
}
