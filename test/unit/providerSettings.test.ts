import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AUTH_SCHEMES } from '../../src/core/types';
import { Provider, readProviders } from '../../src/providers/provider';
import { withProvider, withoutProvider } from '../../src/providers/providerList';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));

describe('provider settings', () => {
  it('reads valid entries and defaults the auth scheme to bearer', () => {
    const { providers, problems } = readProviders([
      { name: 'DMXAPI', baseUrl: 'https://www.dmxapi.cn', auth: 'bearer' },
      { name: ' Home ', baseUrl: 'http://127.0.0.1:8080/mj ' },
    ]);
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(providers, [
      { name: 'DMXAPI', baseUrl: 'https://www.dmxapi.cn', auth: 'bearer' },
      { name: 'Home', baseUrl: 'http://127.0.0.1:8080/mj', auth: 'bearer' },
    ]);
  });

  it('skips a damaged entry with a reason and keeps the others', () => {
    const { providers, problems } = readProviders([
      'garbage',
      { name: '', baseUrl: 'https://a' },
      { name: 'x', baseUrl: 'ftp://host' },
      { name: 'y', baseUrl: 'https://y', auth: 'oauth' },
      { name: 'ok', baseUrl: 'https://ok', auth: 'mj-api-secret' },
      { name: 'ok', baseUrl: 'https://other' },
    ]);
    assert.deepStrictEqual(providers.map((p) => p.name), ['ok']);
    assert.strictEqual(providers[0].baseUrl, 'https://ok');
    assert.strictEqual(problems.length, 5);
    assert.match(problems[2], /\("x"\)/);
    assert.match(problems[3], /unknown auth "oauth"/);
    assert.match(problems[4], /used twice/);
  });

  it('treats a missing setting as no providers and a non-list as a problem', () => {
    assert.deepStrictEqual(readProviders(undefined), { providers: [], problems: [] });
    assert.strictEqual(readProviders({ name: 'x' }).problems.length, 1);
  });

  it('offers in the Settings UI exactly the auth schemes the client speaks, each explained', () => {
    const props = manifest.contributes.configuration.properties ?? manifest.contributes.configuration[0].properties;
    const auth = props['mjTasks.providers'].items.properties.auth;
    assert.deepStrictEqual(auth.enum, [...AUTH_SCHEMES]);
    assert.strictEqual(auth.enumDescriptions.length, AUTH_SCHEMES.length);
    assert.strictEqual(auth.default, 'bearer');
    // What the settings accept, readProviders accepts too.
    for (const scheme of auth.enum) assert.deepStrictEqual(readProviders([{ name: 'x', baseUrl: 'https://x', auth: scheme }]).problems, []);
  });
});

describe('adding and removing a provider in the settings list', () => {
  // As a user writes settings.json by hand: a typo (baseUrl misspelt), a key we do not know, a duplicate.
  const typo = { name: 'Typo', baseURL: 'https://typo.example' };
  const extra = { name: 'Home', baseUrl: 'http://127.0.0.1:8080', auth: 'none', note: 'the NAS' };
  const raw = () => [{ name: 'DMXAPI', baseUrl: 'https://www.dmxapi.cn' }, typo, 'garbage', extra];
  const added: Provider = { name: 'New', baseUrl: 'https://new.example', auth: 'raw' };

  it('appends a new provider and keeps every other entry exactly as written, the broken ones too', () => {
    assert.deepStrictEqual(withProvider(raw(), added), [...raw(), added]);
  });

  it('replaces the entry of the same name in place, matched as readProviders reads names', () => {
    const list = [{ name: ' New ', baseUrl: 'https://old.example' }, typo];
    assert.deepStrictEqual(withProvider(list, added), [added, typo]);
  });

  it('starts a list when there is none, and leaves a setting that is not a list alone', () => {
    assert.deepStrictEqual(withProvider(undefined, added), [added]);
    assert.strictEqual(withProvider({ name: 'x' }, added), undefined);
  });

  it('removes only the entries of that name, every other entry kept as written', () => {
    const list = [...raw(), { name: 'Home', baseUrl: 'https://second.example' }];
    assert.deepStrictEqual(withoutProvider(list, 'Home'), [{ name: 'DMXAPI', baseUrl: 'https://www.dmxapi.cn' }, typo, 'garbage']);
    assert.deepStrictEqual(withoutProvider(raw(), 'DMXAPI'), [typo, 'garbage', extra]);
  });

  it('writes nothing when there is nothing to remove', () => {
    assert.strictEqual(withoutProvider(raw(), 'Absent'), undefined);
    assert.strictEqual(withoutProvider(undefined, 'Absent'), undefined);
    assert.strictEqual(withoutProvider('not a list', 'Absent'), undefined);
  });
});
