import { ProviderClients } from '../core/providerClients';
import { Log } from '../platform/log';
import { Settings } from '../settings/settings';
import { ProviderRegistry } from './providerRegistry';

/**
 * The extension's client pool: one MjClient per provider (see ProviderClients), with providers and
 * keys from the registry, the request timeout from MJ Tasks' settings and each request in the log.
 */
export class ClientPool extends ProviderClients {
  constructor(providers: ProviderRegistry, settings: Settings, log: Log) {
    super(providers, settings, log);
  }
}
