// The extension keeps tracked tasks in its task files under globalStorageUri, not in globalState.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'mj-tasks.mj-tasks';

/**
 * The extension's global storage folder. Tests get no ExtensionContext, but the runner's output
 * file lies in the run folder, and VS Code puts global storage at
 * <user data>/User/globalStorage/<extension ID> inside it.
 */
function globalStorageFolder(): string {
  const out = process.env.MJ_INTEGRATION_OUT;
  assert.ok(out, 'the runner names its output file');
  const found: string[] = [];
  const search = (dir: string, depth: number) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      if (e.name === EXTENSION_ID && path.basename(dir) === 'globalStorage') found.push(p);
      else if (depth > 0) search(p, depth - 1);
    }
  };
  search(path.dirname(out), 4);
  assert.strictEqual(found.length, 1, `one global storage folder for ${EXTENSION_ID}: ${JSON.stringify(found)}`);
  return found[0];
}

/** Polls `read` until `ok` holds; never a fixed sleep. */
async function until<T>(read: () => T, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Task files', () => {
  it('a tracked task is saved in the task files under globalStorageUri, and so is its removal', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const id = '1777777777777777';
    await vscode.commands.executeCommand('mjTasks.trackTask', { ids: [id], provider: 'Simulator' });
    const folder = path.join(globalStorageFolder(), 'tasks');
    const saved = () =>
      fs.existsSync(folder)
        ? fs
            .readdirSync(folder)
            .filter((f) => /^(log-.*\.jsonl|snapshot-\d+\.json)$/.test(f))
            .map((f) => fs.readFileSync(path.join(folder, f), 'latin1'))
            .join('\n')
        : '';
    await until(saved, (text) => text.includes(`"id":"${id}"`), 'the task in the files');

    await vscode.commands.executeCommand('mjTasks.stopTracking', id);
    await until(saved, (text) => text.includes(`["${id}",`), 'its removal in the files');
  });
});
