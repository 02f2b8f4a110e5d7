// Running `mj-tasks` as users do: `node dist/cli.js` in a child process with a clean
// environment. Needs `npm run build` first (npm test does it).

import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const root = path.join(__dirname, '../../..');
export const cli = path.join(root, 'dist/cli.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails early, with the fix, when the bundle is missing. */
export function assertBuilt(): void {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
}

export function run(args: string[], env: Record<string, string> = {}, stdin?: string, script = cli): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      // A clean environment: no inherited MJ_* or locale from the developer's shell.
      { env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env }, timeout: 120_000, maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? -1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

/** stderr is exactly one line (the error and its hint). */
export function oneLine(r: Run): string {
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  assert.strictEqual(lines.length, 1, `expected one stderr line, got:\n${r.stderr}`);
  return lines[0];
}
