import * as vscode from 'vscode';
import { SETTINGS_DEFAULTS, SETTINGS_SECTION, SettingsValues } from '../core/settingsDefaults';

export type SettingKey = keyof SettingsValues;

const KEYS = Object.keys(SETTINGS_DEFAULTS) as SettingKey[];

/**
 * The one reader of MJ Tasks' settings: every value with its default from the one list, one
 * change event naming the keys that changed, and writes that go where the value already lives
 * (a list kept in workspace settings is updated there, not shadowed by a user-settings copy).
 */
export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ReadonlySet<SettingKey>>();
  private readonly subscription: vscode.Disposable;
  /** Fires with the keys that changed, after VS Code has applied them. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      const changed = new Set(KEYS.filter((k) => e.affectsConfiguration(`${SETTINGS_SECTION}.${k}`)));
      if (changed.size > 0) this.emitter.fire(changed);
    });
  }

  get<K extends SettingKey>(key: K): SettingsValues[K] {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<SettingsValues[K]>(key, SETTINGS_DEFAULTS[key]);
  }

  /** Writes `value` to the most specific scope that defines the key now (user settings when none does). */
  async update<K extends SettingKey>(key: K, value: SettingsValues[K]): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update(key, value, this.targetOf(key));
  }

  /** Where `key` is defined now: workspace folder, workspace, else user settings. */
  targetOf(key: SettingKey): vscode.ConfigurationTarget {
    const seen = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect(key);
    if (seen?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
    if (seen?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
    return vscode.ConfigurationTarget.Global;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
