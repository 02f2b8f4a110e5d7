import * as fs from 'fs';
import * as vscode from 'vscode';
import { TaskStore } from '../core/taskStore';
import { Log } from '../platform/log';
import { DEV_SETUP_VARIABLE, devSetupFile } from './devSetupFile';
import { ProviderRegistry } from './providerRegistry';

/**
 * `npm start` and the end-to-end tests launch VS Code with MJ_TASKS_DEV_SETUP pointing at
 * `{"keys": {provider: key}, "track": {provider: [ids]}}`: keys must reach SecretStorage, which no
 * settings file can do. Only a development copy acts on it (see devSetupFile).
 */
export async function applyDevSetup(context: vscode.ExtensionContext, providers: ProviderRegistry, store: TaskStore, log: Log): Promise<void> {
  const file = devSetupFile({
    env: process.env,
    production: context.extensionMode === vscode.ExtensionMode.Production,
    extensionPath: context.extensionPath,
  });
  if (!file) {
    if (process.env[DEV_SETUP_VARIABLE]) {
      log.warn(`${DEV_SETUP_VARIABLE} is set but ignored: this is an installed copy of MJ Tasks, not a development one.`);
    }
    return;
  }
  try {
    const setup = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      keys?: Record<string, string>;
      track?: Record<string, string[]>;
    };
    for (const [name, key] of Object.entries(setup.keys ?? {})) {
      if (typeof key === 'string' && (await providers.getKey(name)) !== key) {
        await providers.setKey(name, key);
      }
    }
    for (const [name, ids] of Object.entries(setup.track ?? {})) {
      if (Array.isArray(ids)) {
        store.add(ids.filter((id) => typeof id === 'string'), name);
      }
    }
    log.info(`Applied the development setup from ${file}.`);
  } catch (e) {
    log.error(`Could not apply the development setup from ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
