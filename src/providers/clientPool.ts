import * as vscode from 'vscode';
import { MjClient } from '../core/client';
import { NotConfiguredError } from '../core/errors';
import { ServerQuirks } from '../core/serverQuirks';
import { Log } from '../platform/log';
import { ProviderRegistry } from './providerRegistry';

/**
 * One MjClient per provider, rebuilt when settings or keys change, so the client's own
 * per-server memory (does it have list-by-condition?) lives as long as the configuration does.
 */
export class ClientPool implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<MjClient>>();
  /** What this pool's clients learnt about their servers, shared among them. */
  private quirks = new ServerQuirks();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly log: Log,
  ) {
    this.subscription = providers.onDidChange(() => {
      // A changed base URL may be a different server: what we learnt about the old one no longer holds.
      this.clients.clear();
      this.quirks = new ServerQuirks();
    });
  }

  client(providerName: string): Promise<MjClient> {
    let client = this.clients.get(providerName);
    if (!client) {
      client = this.create(providerName);
      this.clients.set(providerName, client);
      client.catch(() => this.clients.delete(providerName));
    }
    return client;
  }

  private async create(providerName: string): Promise<MjClient> {
    const provider = this.providers.get(providerName);
    if (!provider) {
      throw new NotConfiguredError(providerName);
    }
    const apiKey = provider.auth === 'none' ? undefined : await this.providers.getKey(provider.name);
    const timeoutMs = vscode.workspace.getConfiguration('mjTasks').get<number>('requestTimeoutSeconds', 15) * 1000;
    return new MjClient({
      baseUrl: provider.baseUrl,
      auth: provider.auth,
      apiKey,
      timeoutMs,
      quirks: this.quirks,
      onRequest: (e) => {
        const line = `[${provider.name}] ${e.method} ${e.path} → ${e.status ?? e.error ?? '?'} (${Math.round(e.ms)} ms)`;
        if (e.error || (e.status !== undefined && e.status >= 400)) {
          this.log.warn(line);
        } else {
          this.log.debug(line);
        }
      },
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.clients.clear();
  }
}
