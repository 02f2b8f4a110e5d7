// Adding and removing a provider against VS Code's real configuration: the list is written where
// it lives, and the entries not meant are kept as the user wrote them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Log } from '../../src/platform/log';
import { ProviderRegistry } from '../../src/providers/providerRegistry';
import { Settings } from '../../src/settings/settings';

/** SecretStorage in memory: the test must not touch the keys of the extension under test. */
class MemorySecrets implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }
  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }
  dispose(): void {
    this.changed.dispose();
  }
}

describe('Provider settings', () => {
  const config = () => vscode.workspace.getConfiguration('mjTasks');
  let disposables: vscode.Disposable[] = [];

  afterEach(async () => {
    await config().update('providers', undefined, vscode.ConfigurationTarget.Workspace);
    disposables.forEach((d) => d.dispose());
    disposables = [];
  });

  it('adds and removes a provider in workspace settings when the list lives there, keeping a mistyped entry as written', async () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the run opens a folder');
    const userList = config().inspect<unknown[]>('providers')?.globalValue;
    const typo = { name: 'Typo', baseURL: 'https://typo.example' };
    const workspaceList = [...(userList ?? []), typo];
    await config().update('providers', workspaceList, vscode.ConfigurationTarget.Workspace);

    const settings = new Settings();
    const secrets = new MemorySecrets();
    const log = new Log();
    const registry = new ProviderRegistry(secrets, log, settings);
    disposables.push(registry, log, secrets, settings);

    const added = { name: 'Added', baseUrl: 'https://added.example', auth: 'bearer' as const };
    assert.strictEqual(await registry.save(added, false), true);
    const afterAdd = config().inspect<unknown[]>('providers');
    assert.deepStrictEqual(afterAdd?.workspaceValue, [...workspaceList, added], 'added to the workspace list, the typo kept');
    assert.deepStrictEqual(afterAdd?.globalValue, userList, 'user settings untouched');
    assert.ok(registry.get('Added'), 'the new provider is in effect, not hidden behind the workspace list');

    await registry.setKey('Added', 'k-added');
    await registry.remove('Added');
    const afterRemove = config().inspect<unknown[]>('providers');
    assert.deepStrictEqual(afterRemove?.workspaceValue, workspaceList, 'only the removed entry is gone');
    assert.deepStrictEqual(afterRemove?.globalValue, userList, 'user settings untouched');
    assert.strictEqual(await registry.getKey('Added'), undefined, 'its key is gone');
  });
});
