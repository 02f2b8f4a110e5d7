import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AUTH_SCHEMES } from '../../src/core/types';
import { readProviders } from '../../src/providers/provider';

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
