import * as assert from 'assert';
import { apiRoot, endpoint, serverLabel, validateBaseUrl } from '../../src/core/baseUrl';

describe('baseUrl: endpoint', () => {
  const fetchPath = '/mj/task/{id}/fetch';
  const cases: [string, string][] = [
    ['https://host', 'https://host/mj/task/1/fetch'],
    ['https://host/', 'https://host/mj/task/1/fetch'],
    ['https://host/mj', 'https://host/mj/task/1/fetch'],
    ['https://host/mj/', 'https://host/mj/task/1/fetch'],
    ['https://host/mj-relax', 'https://host/mj-relax/mj/task/1/fetch'],
    ['https://host/mj-relax/', 'https://host/mj-relax/mj/task/1/fetch'],
    ['https://host/mj-fast/mj', 'https://host/mj-fast/mj/task/1/fetch'],
    ['https://host/fast', 'https://host/fast/mj/task/1/fetch'],
    ['https://host/api', 'https://host/api/mj/task/1/fetch'],
    ['https://host/api/mj', 'https://host/api/mj/task/1/fetch'],
    ['  http://127.0.0.1:8787  ', 'http://127.0.0.1:8787/mj/task/1/fetch'],
    ['HTTPS://Host.Example:443/mj', 'https://host.example/mj/task/1/fetch'],
    ['https://host/mj/task/999/fetch', 'https://host/mj/task/1/fetch'],
    ['https://host//mj//', 'https://host/mj/task/1/fetch'],
  ];
  for (const [base, expected] of cases) {
    it(`${base.trim()} → ${expected}`, () => assert.strictEqual(endpoint(base, fetchPath, { id: '1' }), expected));
  }

  it('never doubles /mj', () => {
    for (const [base] of cases) assert.ok(!endpoint(base, fetchPath, { id: '1' }).includes('/mj/mj/'), base);
  });

  it('URL-encodes IDs', () => {
    assert.strictEqual(endpoint('https://host', fetchPath, { id: 'a/b?c#d e' }), 'https://host/mj/task/a%2Fb%3Fc%23d%20e/fetch');
    assert.strictEqual(endpoint('https://host', fetchPath, { id: '../x' }), 'https://host/mj/task/..%2Fx/fetch');
  });

  it('builds paths without placeholders', () => {
    assert.strictEqual(endpoint('https://host/mj', '/mj/task/list-by-condition'), 'https://host/mj/task/list-by-condition');
  });

  it('throws on an unusable base URL or path', () => {
    assert.throws(() => endpoint('ftp://host', fetchPath, { id: '1' }), /http:\/\/ or https:\/\//);
    assert.throws(() => endpoint('https://host', '/task/x'), /must start with \/mj\//);
    assert.throws(() => endpoint('https://host', fetchPath), /no value for \{id\}/);
  });
});

describe('baseUrl: apiRoot', () => {
  it('identifies the same server whatever the spelling of its base', () => {
    const roots = ['https://host', 'https://host/', 'https://host/mj', 'https://host/mj/'].map(apiRoot);
    assert.deepStrictEqual(new Set(roots), new Set(['https://host']));
    assert.strictEqual(apiRoot('https://host/mj-relax/mj'), 'https://host/mj-relax');
    assert.notStrictEqual(apiRoot('https://host/api'), apiRoot('https://host'));
  });
});

describe('baseUrl: validateBaseUrl', () => {
  it('accepts http and https URLs, with or without paths', () => {
    for (const ok of ['http://127.0.0.1:8787', 'https://api.example.com/mj', 'https://h/mj-fast/mj/', ' https://h ']) {
      assert.strictEqual(validateBaseUrl(ok), null, ok);
    }
  });

  it('explains what is wrong otherwise', () => {
    assert.match(validateBaseUrl('') ?? '', /Enter the base URL/);
    assert.match(validateBaseUrl('api.example.com') ?? '', /is not a URL/);
    assert.match(validateBaseUrl('not a url') ?? '', /is not a URL/);
    assert.match(validateBaseUrl('ftp://host') ?? '', /http:\/\/ or https:\/\/ \(got ftp:\)/);
    assert.match(validateBaseUrl('file:///etc/passwd') ?? '', /got file:/);
    assert.match(validateBaseUrl('https://host/?key=sk-1') ?? '', /query/);
    assert.match(validateBaseUrl('https://host/#x') ?? '', /fragment/);
  });
});

describe('baseUrl: serverLabel', () => {
  it('is the origin, without path, query or credentials', () => {
    assert.strictEqual(serverLabel('https://host/mj-relax/mj'), 'https://host');
    assert.strictEqual(serverLabel('http://127.0.0.1:8787/'), 'http://127.0.0.1:8787');
    assert.strictEqual(serverLabel('https://user:secret@host:8443/mj?key=sk-1'), 'https://host:8443');
  });

  it('makes a best effort with the same guarantees for unparsable input', () => {
    assert.strictEqual(serverLabel('htp://user:pw@host/x?key=1'), 'htp://host');
    assert.strictEqual(serverLabel('user:pw@host/x?key=1'), 'host');
    assert.ok(!serverLabel('https://u:p@[bad/x?key=sk').includes('sk'));
  });
});
