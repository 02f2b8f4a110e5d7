import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { contentSecurityPolicy, httpMediaOrigins, WEBVIEW_DIR, WEBVIEW_FILES } from '../../src/preview/host/csp';

const root = path.resolve(__dirname, '../../..');
const CSP_SOURCE = 'https://abc.vscode-cdn.net';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('preview: the Content-Security-Policy', () => {
  it('denies by default and allows only our nonce script, our styles and font', () => {
    const d = directives(contentSecurityPolicy(CSP_SOURCE, 'N0nce==', []));
    assert.strictEqual(d.get('default-src'), "'none'");
    assert.strictEqual(d.get('script-src'), "'nonce-N0nce=='");
    assert.strictEqual(d.get('style-src'), CSP_SOURCE);
    assert.strictEqual(d.get('font-src'), CSP_SOURCE);
    assert.strictEqual(d.get('base-uri'), "'none'");
    assert.strictEqual(d.get('form-action'), "'none'");
  });

  it('loads images and video over https from anywhere, over http only from the providers', () => {
    const origins = httpMediaOrigins(['http://127.0.0.1:3000/mj', 'https://relay.example.com', 'http://mj.lan:8080/']);
    const csp = contentSecurityPolicy(CSP_SOURCE, 'N0nce==', origins);
    const d = directives(csp);
    assert.strictEqual(d.get('img-src'), `${CSP_SOURCE} https: http://127.0.0.1:3000 http://mj.lan:8080`);
    assert.strictEqual(d.get('media-src'), d.get('img-src'));
    // No bare http: scheme source: any http host on the LAN would load.
    assert.ok(!/(^|\s)http:(\s|;|$)/.test(csp), csp);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    // With no http provider, no http at all.
    assert.strictEqual(directives(contentSecurityPolicy(CSP_SOURCE, 'n', [])).get('img-src'), `${CSP_SOURCE} https:`);
  });

  it("takes the providers' http origins, each once, and nothing that could bend the policy", () => {
    assert.deepStrictEqual(
      httpMediaOrigins([
        'http://127.0.0.1:3000/mj',
        'http://127.0.0.1:3000/other',
        'HTTP://LOCALHOST:8080',
        'http://[::1]:9000/',
        'https://secure.example.com',
        'http://a;b/',
        "http://x.example'/",
        'http://*.example.com/',
        'http://a b/',
        'ftp://files.example.com',
        'not a url',
        '',
      ]),
      ['http://127.0.0.1:3000', 'http://[::1]:9000', 'http://localhost:8080'],
    );
    // The builder checks again: a hostile origin given straight to it is dropped, not spliced in.
    const d = directives(contentSecurityPolicy(CSP_SOURCE, 'n', ["http://x; script-src 'unsafe-inline'", 'http://ok.lan']));
    assert.strictEqual(d.get('img-src'), `${CSP_SOURCE} https: http://ok.lan`);
    assert.strictEqual(d.get('script-src'), "'nonce-n'");
  });
});

describe('preview: what the webview may load from disk', () => {
  it('is one folder the build fills with the script, the stylesheet and the codicons, and nothing else', () => {
    const dir = path.join(root, ...WEBVIEW_DIR);
    for (const file of Object.values(WEBVIEW_FILES)) {
      assert.ok(fs.existsSync(path.join(dir, ...file)), `${file.join('/')} is built into ${WEBVIEW_DIR.join('/')} (run npm run build)`);
    }
    const extra = fs.readdirSync(dir).filter((f) => !['webview.js', 'webview.js.map', 'preview.css', 'codicons'].includes(f));
    assert.deepStrictEqual(extra, [], 'the webview can read everything in its folder');
    // Outside it: the extension's own bundle, which the webview has no business reading.
    assert.ok(!fs.existsSync(path.join(dir, 'extension.js')));
  });
});
