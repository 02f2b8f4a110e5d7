// Runs inside the extension host (code-server's in the browser-driven runs, Electron's under
// @vscode/test-electron): VS Code loads this module as `extensionTestsPath` and awaits `run()`.
//
// Mocha's output does not reach the runner's terminal from here, so it goes to the file named by
// MJ_INTEGRATION_OUT (the runner prints it), ending with a `N passed, N failed, N skipped` line.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.js') ? [path.join(dir, e.name)] : []))
    .sort();
}

export function run(): Promise<void> {
  const out = process.env.MJ_INTEGRATION_OUT || path.join(os.tmpdir(), 'mj-tasks-integration.txt');
  fs.writeFileSync(out, '');
  const write = (text: string) => fs.appendFileSync(out, text);
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => write(`${util.format(...args)}\n`);

  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, grep: process.env.MJ_INTEGRATION_GREP || undefined });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        write(`\n${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      write(`\n${e instanceof Error ? e.stack : String(e)}\n0 passed, 1 failed, 0 skipped\n`);
      reject(e);
    }
  });
}
