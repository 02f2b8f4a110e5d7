import * as assert from 'assert';
import { readProviders } from '../../src/providers/provider';

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
});
