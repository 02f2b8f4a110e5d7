// One MjClient per provider, built on first use from the provider, its key and the request
// timeout, and dropped when one of those changes. Owns what its clients learn about their
// servers (ServerQuirks), so that lasts as long as the configuration it was learnt under.

import { MjClient, RequestEvent } from './client';
import { NotConfiguredError } from './errors';
import { Disposable, Event } from './events';
import { ServerQuirks } from './serverQuirks';
import { SettingsValues } from './settingsDefaults';
import { AuthScheme } from './types';

/** A provider as a client is built from: where its server is and how the key is sent. */
export interface ProviderEndpoint {
  name: string;
  baseUrl: string;
  auth: AuthScheme;
}

/** Where providers and their keys come from (the extension: settings and SecretStorage). */
export interface ProviderSource {
  get(name: string): ProviderEndpoint | undefined;
  getKey(name: string): Promise<string | undefined>;
  /** Fires when any provider's settings or key changed. */
  readonly onDidChange: Event<void>;
}

/** The settings a client is built with, and their change event (naming the keys that changed). */
export interface ClientSettings {
  get(key: 'requestTimeoutSeconds'): number;
  readonly onDidChange: Event<ReadonlySet<keyof SettingsValues>>;
}

/** Where each request's one-line summary goes: failures as warnings, the rest as debug. */
export interface RequestLog {
  warn(message: string): void;
  debug(message: string): void;
}

export class ProviderClients implements Disposable {
  private readonly clients = new Map<string, Promise<MjClient>>();
  /** What this pool's clients learnt about their servers, shared among them. */
  private quirks = new ServerQuirks();
  private readonly subscriptions: Disposable[];

  constructor(
    private readonly providers: ProviderSource,
    private readonly settings: ClientSettings,
    private readonly log: RequestLog,
  ) {
    this.subscriptions = [
      providers.onDidChange(() => {
        this.clients.clear();
        // A changed base URL may be a different server: what was learnt about the old one no longer holds.
        this.quirks = new ServerQuirks();
      }),
      settings.onDidChange((keys) => {
        // Clients keep the timeout they were built with; the servers are the same, so the quirks stay.
        if (keys.has('requestTimeoutSeconds')) this.clients.clear();
      }),
    ];
  }

  /** The client for `providerName`; rejects with NotConfiguredError when there is no such provider. */
  client(providerName: string): Promise<MjClient> {
    const cached = this.clients.get(providerName);
    if (cached) return cached;
    const client = this.create(providerName);
    this.clients.set(providerName, client);
    // A failed build is not kept, so the next call tries again. Only this entry: after a change a
    // newer client may have taken the name while this build was still waiting for its key.
    client.catch(() => {
      if (this.clients.get(providerName) === client) this.clients.delete(providerName);
    });
    return client;
  }

  private async create(providerName: string): Promise<MjClient> {
    const provider = this.providers.get(providerName);
    if (!provider) throw new NotConfiguredError(providerName);
    const apiKey = provider.auth === 'none' ? undefined : await this.providers.getKey(provider.name);
    return new MjClient({
      baseUrl: provider.baseUrl,
      auth: provider.auth,
      apiKey,
      timeoutMs: this.settings.get('requestTimeoutSeconds') * 1000,
      quirks: this.quirks,
      onRequest: (e) => this.logRequest(provider.name, e),
    });
  }

  private logRequest(providerName: string, e: RequestEvent): void {
    const line = `[${providerName}] ${e.method} ${e.path} → ${e.status ?? e.error ?? '?'} (${Math.round(e.ms)} ms)`;
    if (e.error || (e.status !== undefined && e.status >= 400)) this.log.warn(line);
    else this.log.debug(line);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.clients.clear();
  }
}
