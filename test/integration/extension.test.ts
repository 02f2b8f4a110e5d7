// The extension inside a real extension host, through the `vscode` API.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/ids';

const EXTENSION_ID = 'mj-tasks.mj-tasks';

describe('Extension', () => {
  it('is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const contributed = ((ext.packageJSON.contributes?.commands ?? []) as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepStrictEqual(missing, [], 'contributed but not registered');
  });
});

describe('Tracking through the API', () => {
  /** Polls `read` until `ok` holds; never a fixed sleep. */
  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await read();
      if (ok(v)) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function diagnostics(id: string): Promise<string> {
    await vscode.commands.executeCommand(COMMANDS.copyDiagnostics, id);
    return vscode.env.clipboard.readText();
  }

  it('tracks IDs given to the command, polls them and reports what the server says', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    const base = process.env.MJ_SIMULATOR_URL;
    assert.ok(base, 'the runner passes the simulator URL');
    // A task ID the simulator does not know: tracked, then reported as not found, never dropped.
    const unknown = '1999999999999999';
    // Submitting through the simulator's own API gives a real, running task.
    const submit = await fetch(`${base}/mj/submit/imagine`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.MJ_SIMULATOR_KEY}` },
      body: JSON.stringify({ prompt: 'integration lantern' }),
    });
    const id = String(((await submit.json()) as { result: unknown }).result);
    await vscode.commands.executeCommand(COMMANDS.trackTask, { ids: [id, unknown], provider: 'Simulator' });

    await vscode.commands.executeCommand(COMMANDS.copyTaskId, id);
    assert.strictEqual(await vscode.env.clipboard.readText(), id, 'the task is tracked');
    const fetched = await until(() => diagnostics(id), (d) => /Action: IMAGINE/.test(d), 'the first fetch');
    assert.match(fetched, /Provider: Simulator \(http:\/\/127\.0\.0\.1:\d+, auth bearer\)/);
    assert.doesNotMatch(fetched, new RegExp(process.env.MJ_SIMULATOR_KEY ?? 'no-key-set'), 'no key in diagnostics');
    const missing = await until(() => diagnostics(unknown), (d) => /Last error: TaskNotFound/.test(d), 'the unknown ID to be reported');
    assert.match(missing, /Status: not fetched yet/);
    await vscode.commands.executeCommand(COMMANDS.stopTracking, unknown);
  });
});
