// The client pool's logic (core/providerClients.ts) with real MjClients: one client per provider,
// rebuilt when a provider, its key or the request timeout changes, a failed build forgotten
// without touching a newer client, and server quirks that stay within their pool.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { Emitter } from '../../src/core/events';
import { ClientSettings, ProviderClients, ProviderEndpoint, ProviderSource, RequestLog } from '../../src/core/providerClients';
import { SettingsValues } from '../../src/core/settingsDefaults';
import { AuthScheme } from '../../src/core/types';
import { ID, KEY, rejectsWith, taskJson } from './clientFixture';
import { Handler, Loopback, loopbacks, send } from './loopback';

type SettingKey = keyof SettingsValues;

class FakeProviders implements ProviderSource {
  readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  readonly endpoints = new Map<string, ProviderEndpoint>();
  /** How getKey answers; a test may hand out promises it settles itself. */
  key: (name: string) => Promise<string | undefined> = () => Promise.resolve(KEY);

  add(name: string, baseUrl: string, auth: AuthScheme = 'bearer'): void {
    this.endpoints.set(name, { name, baseUrl, auth });
  }
  get(name: string): ProviderEndpoint | undefined {
    return this.endpoints.get(name);
  }
  getKey(name: string): Promise<string | undefined> {
    return this.key(name);
  }
}

class FakeSettings implements ClientSettings {
  readonly changed = new Emitter<ReadonlySet<SettingKey>>();
  readonly onDidChange = this.changed.event;
  requestTimeoutSeconds = 15;

  get(_key: 'requestTimeoutSeconds'): number {
    return this.requestTimeoutSeconds;
  }
  /** Changes the timeout and fires the change event, as the Settings class does after VS Code applied it. */
  setTimeout(seconds: number): void {
    this.requestTimeoutSeconds = seconds;
    this.changed.fire(new Set<SettingKey>(['requestTimeoutSeconds']));
  }
}

class FakeLog implements RequestLog {
  readonly lines: { level: 'warn' | 'debug'; message: string }[] = [];
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
}

/** A promise with its resolve and reject at hand. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A server with per-ID fetch only: list-by-condition answers 404. */
const withoutListByCondition: Handler = (req, res) =>
  req.url.endsWith('/list-by-condition') ? send(res, 404, '') : send(res, 200, JSON.stringify(taskJson(decodeURIComponent(req.url.split('/')[3]))));

const listRequests = (s: { requests: { url: string }[] }): number => s.requests.filter((r) => r.url.endsWith('/list-by-condition')).length;

/** One poll of `provider` through `pool`'s client for it. */
async function pollThrough(pool: ProviderClients, provider = 'p'): Promise<void> {
  // Two IDs: a single one is asked for with /fetch, never with list-by-condition.
  await (await pool.client(provider)).fetchTasks(['1111', '2222']);
}

describe('client pool (ProviderClients)', () => {
  const serve = loopbacks();
  let providers: FakeProviders;
  let settings: FakeSettings;
  let log: FakeLog;
  let pools: ProviderClients[];

  beforeEach(() => {
    providers = new FakeProviders();
    providers.add('p', 'http://127.0.0.1:9');
    settings = new FakeSettings();
    log = new FakeLog();
    pools = [];
  });
  afterEach(() => pools.forEach((p) => p.dispose()));

  /** A server with per-ID fetches only, as provider 'p'. */
  async function serveWithoutListByCondition(): Promise<Loopback> {
    const s = await serve(withoutListByCondition);
    providers.add('p', s.url);
    return s;
  }

  function pool(): ProviderClients {
    const p = new ProviderClients(providers, settings, log);
    pools.push(p);
    return p;
  }

  it('builds one client per provider and hands out the same one', async () => {
    providers.add('q', 'http://127.0.0.1:10', 'none');
    const clients = pool();
    const p = await clients.client('p');
    assert.ok(p instanceof MjClient);
    assert.ok((await clients.client('p')) === p);
    assert.ok((await clients.client('q')) !== p);
  });

  it('sends the provider’s key with its auth scheme, and asks for none with auth none', async () => {
    const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID))));
    providers.add('p', s.url, 'mj-api-secret');
    providers.add('open', s.url, 'none');
    const asked: string[] = [];
    providers.key = (name) => {
      asked.push(name);
      return Promise.resolve(KEY);
    };
    const clients = pool();
    await (await clients.client('p')).fetchTask(ID);
    await (await clients.client('open')).fetchTask(ID);
    assert.deepStrictEqual(asked, ['p']);
    assert.deepStrictEqual([s.requests[0].headers['mj-api-secret'], s.requests[1].headers['mj-api-secret']], [KEY, undefined]);
  });

  it('an unknown provider is NotConfigured, and is asked for again next time', async () => {
    const clients = pool();
    await rejectsWith(clients.client('later'), 'NotConfigured');
    providers.add('later', 'http://127.0.0.1:11', 'none');
    assert.ok((await clients.client('later')) instanceof MjClient);
  });

  it('rebuilds clients after a provider or key change', async () => {
    const clients = pool();
    const before = await clients.client('p');
    providers.changed.fire();
    assert.ok((await clients.client('p')) !== before);
  });

  it('logs each request in one line without the key: failures as warnings, the rest as debug', async () => {
    const s = await serve((req, res) => (req.url.includes('1111') ? send(res, 200, JSON.stringify(taskJson('1111'))) : send(res, 500, '')));
    providers.add('p', s.url);
    const c = await pool().client('p');
    await c.fetchTask('1111');
    await rejectsWith(c.fetchTask('2222'), 'ServerError');
    assert.deepStrictEqual(
      log.lines.map((l) => [l.level, l.message.replace(/\(\d+ ms\)/, '(n ms)')]),
      [
        ['debug', '[p] GET /mj/task/1111/fetch → 200 (n ms)'],
        ['warn', '[p] GET /mj/task/2222/fetch → 500 (n ms)'],
      ],
    );
    assert.ok(!JSON.stringify(log.lines).includes(KEY));
  });

  describe('the request timeout', () => {
    it('is read from the settings when a client is built', async () => {
      const s = await serve(() => undefined);
      providers.add('p', s.url);
      settings.requestTimeoutSeconds = 0.2;
      await rejectsWith((await pool().client('p')).fetchTask(ID), 'Timeout', (e) => assert.match(e.message, /0\.2 s/));
    });

    it('a changed requestTimeoutSeconds applies to the next request without a provider change', async () => {
      const s = await serve(() => undefined);
      providers.add('p', s.url);
      const clients = pool();
      const before = await clients.client('p');
      settings.setTimeout(0.2);
      const after = await clients.client('p');
      assert.ok(after !== before, 'a client built with the old timeout is not handed out any more');
      await rejectsWith(after.fetchTask(ID), 'Timeout', (e) => assert.match(e.message, /0\.2 s/));
    });

    it('other settings changes keep the clients', async () => {
      const clients = pool();
      const before = await clients.client('p');
      settings.changed.fire(new Set<SettingKey>(['pollIntervalSeconds', 'notifications']));
      assert.ok((await clients.client('p')) === before);
    });
  });

  describe('a failed build', () => {
    it('is forgotten, so the next call tries again', async () => {
      let fail = true;
      providers.key = () => (fail ? Promise.reject(new Error('secret storage unavailable')) : Promise.resolve(KEY));
      const clients = pool();
      await assert.rejects(clients.client('p'), /secret storage unavailable/);
      fail = false;
      assert.ok((await clients.client('p')) instanceof MjClient);
    });

    it('does not take a newer client built after a provider change with it', async () => {
      const oldKey = deferred<string | undefined>();
      providers.key = () => oldKey.promise;
      const clients = pool();
      const stale = clients.client('p');
      // The provider changes while the old build still waits for its key; the new build succeeds.
      providers.changed.fire();
      providers.key = () => Promise.resolve(KEY);
      const fresh = await clients.client('p');
      oldKey.reject(new Error('the old key could not be read'));
      await assert.rejects(stale, /the old key could not be read/);
      assert.ok((await clients.client('p')) === fresh, 'the newer client is still the one handed out');
    });
  });

  describe('server quirks', () => {
    it('are shared by the clients of one pool, and outlive a timeout change', async () => {
      const s = await serveWithoutListByCondition();
      providers.add('relax', `${s.url}/mj`);
      const clients = pool();
      await pollThrough(clients);
      await pollThrough(clients, 'relax');
      settings.setTimeout(10);
      await pollThrough(clients);
      assert.strictEqual(listRequests(s), 1, 'learnt once for the server, then per-ID fetches only');
    });

    it('are not shared between two pools', async () => {
      const s = await serveWithoutListByCondition();
      const first = pool();
      const second = pool();
      await pollThrough(first);
      await pollThrough(second);
      assert.strictEqual(listRequests(s), 2, 'the second pool asks for itself');
      await pollThrough(first);
      await pollThrough(second);
      assert.strictEqual(listRequests(s), 2, 'and each remembers what it learnt');
    });

    it('are forgotten when providers change: the base URL may point at another server now', async () => {
      const s = await serveWithoutListByCondition();
      const clients = pool();
      await pollThrough(clients);
      providers.changed.fire();
      await pollThrough(clients);
      assert.strictEqual(listRequests(s), 2);
    });
  });

  it('dispose stops listening to providers and settings', () => {
    const clients = pool();
    assert.ok(providers.changed.hasListeners && settings.changed.hasListeners);
    clients.dispose();
    assert.ok(!providers.changed.hasListeners && !settings.changed.hasListeners);
  });
});
