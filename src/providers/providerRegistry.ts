import * as vscode from 'vscode';
import { CONTEXT_KEYS } from '../ids';
import { setContext } from '../platform/contextKeys';
import { Log } from '../platform/log';
import { Settings } from '../settings/settings';
import { Provider, readProviders } from './provider';
import { withProvider, withoutProvider } from './providerList';

const SECRET_PREFIX = 'mjTasks.apiKey.';

/**
 * Providers come from settings; their keys live only in SecretStorage. Everything that needs
 * either asks here, and listens to `onDidChange` to drop what it cached.
 */
export class ProviderRegistry implements vscode.Disposable {
  private edits: Promise<unknown> = Promise.resolve();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private cached: Provider[] | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly settings: Settings,
  ) {
    this.disposables.push(
      settings.onDidChange((keys) => {
        if (keys.has('providers') || keys.has('defaultProvider')) {
          this.cached = undefined;
          this.updateContext();
          this.changed.fire();
        }
      }),
      secrets.onDidChange((e) => {
        if (e.key.startsWith(SECRET_PREFIX)) {
          this.changed.fire();
        }
      }),
    );
    this.updateContext();
  }

  list(): Provider[] {
    if (!this.cached) {
      const { providers, problems } = readProviders(this.settings.get('providers'));
      problems.forEach((p) => this.log.warn(p));
      this.cached = providers;
    }
    return this.cached;
  }

  get(name: string): Provider | undefined {
    return this.list().find((p) => p.name === name);
  }

  /** The provider named by `mjTasks.defaultProvider`, else the first one. */
  defaultProvider(): Provider | undefined {
    const wanted = this.settings.get('defaultProvider');
    return (wanted && this.get(wanted)) || this.list()[0];
  }

  async getKey(name: string): Promise<string | undefined> {
    const key = await this.secrets.get(SECRET_PREFIX + name);
    this.log.redact(key);
    return key || undefined;
  }

  async setKey(name: string, key: string): Promise<void> {
    this.log.redact(key);
    await this.secrets.store(SECRET_PREFIX + name, key);
  }

  async deleteKey(name: string): Promise<void> {
    await this.secrets.delete(SECRET_PREFIX + name);
  }

  /**
   * Adds or replaces a provider where `mjTasks.providers` lives (workspace or user settings), every
   * other entry kept as written. False, and nothing written, when the setting is not a list.
   */
  save(provider: Provider, makeDefault: boolean): Promise<boolean> {
    return this.edit(async () => {
      const next = withProvider(this.settings.get('providers'), provider);
      if (!next) {
        return false;
      }
      await this.settings.update('providers', next);
      if (makeDefault) {
        await this.settings.update('defaultProvider', provider.name);
      }
      this.cached = undefined;
      return true;
    });
  }

  /** Removes the provider's entry where the list lives, every other entry kept as written, and its key. */
  remove(name: string): Promise<void> {
    return this.edit(async () => {
      const next = withoutProvider(this.settings.get('providers'), name);
      if (next) {
        await this.settings.update('providers', next);
      }
      await this.deleteKey(name);
      this.cached = undefined;
    });
  }

  /**
   * Each edit reads the list, changes it and writes it back; two at once (a second removal while the
   * first one's write is under way) would both read the old list, and the later write would bring
   * back what the earlier one removed. So they run one after another.
   */
  private edit<T>(change: () => Promise<T>): Promise<T> {
    const run = this.edits.then(change, change);
    this.edits = run.catch(() => undefined);
    return run;
  }

  private updateContext(): void {
    setContext(CONTEXT_KEYS.hasProviders, this.list().length > 0);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
