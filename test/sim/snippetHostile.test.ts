import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeSnippet, languageForEditor } from '../../src/codegen/codeSnippet';
import { commentText } from '../../src/codegen/snippetParts';
import { CODE_LANGUAGES, CodeLanguage, SnippetServer } from '../../src/codegen/snippetTypes';
import { Loopback, Recorded, send, startLoopback } from '../unit/loopback';
import { installed, parseHttpFile, pythonHas, runSnippet } from './snippetRunner';

// A customId or task ID comes from the server, so a hostile one must reach the server as
// exactly itself and run nothing on the user's machine: each snippet is run with IDs that try
// every way out of a string (quotes, escapes, interpolation, line terminators, REST Client
// variables) against a loopback server that records the bytes, and none may touch the canary.

const canary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mj-canary-')), 'pwned');
const KEY = 'sk-hostile-test-key';

const HOSTILE_CUSTOM_ID = [
  'MJ::JOB::upsample::2::h',
  `"); require("fs").writeFileSync(${JSON.stringify(canary)}, "js"); ("`,
  `\`); require("fs").writeFileSync(${JSON.stringify(canary)}, "tpl"); (\` \${require("fs").writeFileSync(${JSON.stringify(canary)}, "tpl2")}`,
  `" + __import__("os").system("touch ${canary}") + "`,
  `''' """ \\" \\\\" \\u0022 \\x22`,
  `'; touch ${canary}; echo ' $(touch ${canary}) \`touch ${canary}\` \${IFS}`,
  '{{$processEnv HOME}} {{$dotenv MJ_API_KEY}} {{host}}',
  'line\nAuthorization: Bearer stolen\r\n\r\n{"x": 1}\n###\nGET http://evil.example/',
  `sep\u2028//\u2029 touch ${canary} nel\u0085 bidi\u202Eevil\u202C zw\u200B bom\uFEFF`,
  '#{x} %s {0} $HOME ${HOME}',
].join(' ');

const HOSTILE_TASK_ID = `1730621826053455\n" + __import__("os").system("touch ${canary}") + "'; touch ${canary}; '/../../x?y#z {{$dotenv MJ_API_KEY}} \u2028`;

/** Tools this machine lacks (pending there; the simulator suite fails under CI for them). */
function runnable(): CodeLanguage[] {
  return CODE_LANGUAGES.filter(
    (l) => !(l.startsWith('python') && !installed('python3')) && !(l === 'python-requests' && !pythonHas('requests')) && !(l === 'curl' && !installed('curl')),
  );
}

function answer(req: Recorded, res: Parameters<Parameters<typeof startLoopback>[0]>[1]): void {
  if (req.method === 'POST' && req.url === '/relay/mj/submit/action') {
    send(res, 200, JSON.stringify({ code: 1, description: 'Submit success', result: '4242424242424242' }));
  } else if (req.method === 'GET' && /^\/relay\/mj\/task\/[^/]+\/fetch$/.test(req.url)) {
    send(res, 200, JSON.stringify({ id: '4242424242424242', status: 'SUCCESS', progress: '100%', imageUrl: 'https://cdn.example/x.png' }));
  } else {
    send(res, 404, '{}');
  }
}

describe('codegen: hostile IDs reach the server as themselves and run nothing', function () {
  this.timeout(120_000);
  let server: Loopback;
  before(async () => {
    server = await startLoopback(answer);
  });
  after(async () => server.close());
  beforeEach(() => fs.rmSync(canary, { force: true }));

  for (const auth of ['bearer', 'raw', 'mj-api-secret'] as const) {
    it(`a button snippet sends the exact taskId and customId, with the ${auth} header from MJ_API_KEY`, async () => {
      const target: SnippetServer = { baseUrl: `${server.url}/relay/mj`, auth };
      const languages = runnable();
      const results = await Promise.all(
        languages.map(async (language) => {
          const before = server.requests.length;
          const r = await runSnippet(language, codeSnippet(target, { kind: 'button', taskId: HOSTILE_TASK_ID, customId: HOSTILE_CUSTOM_ID }, language), { MJ_API_KEY: KEY }).done;
          return { language, r, before };
        }),
      );
      assert.ok(!fs.existsSync(canary), `a snippet ran injected code: ${fs.existsSync(canary) ? fs.readFileSync(canary, 'utf8') : ''}`);
      for (const { language, r } of results) {
        assert.strictEqual(r.code, 0, `${language}: ${r.stdout}\n${r.stderr}`);
      }
      const presses = server.requests.filter((q) => q.method === 'POST');
      assert.strictEqual(presses.length, languages.length, 'one press per snippet');
      const headerName = auth === 'mj-api-secret' ? 'mj-api-secret' : 'authorization';
      for (const press of presses) {
        assert.deepStrictEqual(JSON.parse(press.body), { taskId: HOSTILE_TASK_ID, customId: HOSTILE_CUSTOM_ID }, press.body);
        assert.strictEqual(press.headers[headerName], auth === 'bearer' ? `Bearer ${KEY}` : KEY);
        assert.match(String(press.headers['content-type']), /^application\/json/);
      }
      server.requests.splice(0);
    });
  }

  it('a task snippet fetches the exact (percent-encoded) ID, and nothing else', async () => {
    const target: SnippetServer = { baseUrl: `${server.url}/relay`, auth: 'bearer' };
    const languages = runnable();
    const results = await Promise.all(
      languages.map(async (language) => ({
        language,
        r: await runSnippet(language, codeSnippet(target, { kind: 'task', taskId: HOSTILE_TASK_ID }, language), { MJ_API_KEY: KEY }).done,
      })),
    );
    assert.ok(!fs.existsSync(canary), 'a snippet ran injected code');
    for (const { language, r } of results) {
      assert.strictEqual(r.code, 0, `${language}: ${r.stdout}\n${r.stderr}`);
    }
    assert.strictEqual(server.requests.length, languages.length);
    for (const q of server.requests) {
      const m = /^\/relay\/mj\/task\/([^/]+)\/fetch$/.exec(q.url);
      assert.ok(m, q.url);
      assert.strictEqual(decodeURIComponent(m[1]), HOSTILE_TASK_ID);
      assert.strictEqual(q.headers.authorization, `Bearer ${KEY}`);
    }
    server.requests.splice(0);
  });

  it('no snippet holds a raw line terminator or invisible character outside its own line breaks', () => {
    for (const language of CODE_LANGUAGES) {
      for (const subject of [
        { kind: 'button', taskId: HOSTILE_TASK_ID, customId: HOSTILE_CUSTOM_ID } as const,
        { kind: 'task', taskId: HOSTILE_TASK_ID } as const,
      ]) {
        const code = codeSnippet({ baseUrl: 'https://relay.example', auth: 'bearer' }, subject, language);
        // eslint-disable-next-line no-control-regex -- looking for control characters is the point
        assert.ok(!/[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/.test(code), `${language} ${subject.kind}`);
        assert.ok(!code.includes(KEY) && !code.includes('stolen\n'), language);
      }
    }
  });

  it('the .http body and URL open no {{variable}}: the sender finds only the key', () => {
    const text = codeSnippet({ baseUrl: 'https://relay.example/mj', auth: 'raw' }, { kind: 'button', taskId: HOSTILE_TASK_ID, customId: HOSTILE_CUSTOM_ID }, 'http');
    const r = parseHttpFile(text, { MJ_API_KEY: KEY });
    assert.strictEqual(r.method, 'POST');
    assert.strictEqual(r.url, 'https://relay.example/mj/submit/action');
    assert.deepStrictEqual(r.headers, [['Authorization', KEY], ['Content-Type', 'application/json']]);
    assert.deepStrictEqual(JSON.parse(r.body), { taskId: HOSTILE_TASK_ID, customId: HOSTILE_CUSTOM_ID });
    const fetch = parseHttpFile(codeSnippet({ baseUrl: 'https://relay.example', auth: 'none' }, { kind: 'task', taskId: HOSTILE_TASK_ID }, 'http'), {});
    assert.strictEqual(decodeURIComponent(fetch.url.split('/')[5]), HOSTILE_TASK_ID);
    assert.deepStrictEqual(fetch.headers, []);
  });
});

describe('codegen: the pure parts', () => {
  it('uses the base URL the way the client does: /mj never doubled, mode prefixes kept', () => {
    for (const baseUrl of ['https://relay.example/mj-relax', 'https://relay.example/mj-relax/mj', 'https://relay.example/mj-relax/mj/']) {
      for (const language of CODE_LANGUAGES) {
        const code = codeSnippet({ baseUrl, auth: 'bearer' }, { kind: 'button', taskId: '1', customId: 'MJ::JOB::upsample::2::h' }, language);
        assert.ok(code.includes('https://relay.example/mj-relax'), `${language}: ${baseUrl}`);
        assert.ok(!code.includes('/mj/mj'), `${language}: ${baseUrl}`);
      }
    }
  });

  it('writes each auth scheme as its header, with the key from the environment in each language', () => {
    const expected: Record<CodeLanguage, Record<string, string | null>> = {
      typescript: { bearer: '"Authorization": "Bearer " + key', raw: '"Authorization": key', 'mj-api-secret': '"mj-api-secret": key', none: null },
      javascript: { bearer: '"Authorization": "Bearer " + key', raw: '"Authorization": key', 'mj-api-secret': '"mj-api-secret": key', none: null },
      'python-requests': {
        bearer: '"Authorization": "Bearer " + os.environ["MJ_API_KEY"]',
        raw: '"Authorization": os.environ["MJ_API_KEY"]',
        'mj-api-secret': '"mj-api-secret": os.environ["MJ_API_KEY"]',
        none: null,
      },
      'python-urllib': {
        bearer: '"Authorization": "Bearer " + os.environ["MJ_API_KEY"]',
        raw: '"Authorization": os.environ["MJ_API_KEY"]',
        'mj-api-secret': '"mj-api-secret": os.environ["MJ_API_KEY"]',
        none: null,
      },
      curl: {
        bearer: '-H "Authorization: Bearer ${MJ_API_KEY:?',
        raw: '-H "Authorization: ${MJ_API_KEY:?',
        'mj-api-secret': '-H "mj-api-secret: ${MJ_API_KEY:?',
        none: null,
      },
      http: { bearer: 'Authorization: Bearer {{$dotenv MJ_API_KEY}}', raw: 'Authorization: {{$dotenv MJ_API_KEY}}', 'mj-api-secret': 'mj-api-secret: {{$dotenv MJ_API_KEY}}', none: null },
    };
    for (const language of CODE_LANGUAGES) {
      for (const auth of ['bearer', 'raw', 'mj-api-secret', 'none'] as const) {
        const code = codeSnippet({ baseUrl: 'https://relay.example', auth }, { kind: 'task', taskId: '1' }, language);
        const want = expected[language][auth];
        if (want) assert.ok(code.includes(want), `${language} ${auth}:\n${code}`);
        else assert.ok(!code.split('\n').some((l) => !/^\s*(#|\/\/)/.test(l) && l.includes('MJ_API_KEY')), `${language} none reads a key:\n${code}`);
      }
    }
  });

  it('picks the form from the editor: ts/js/python (requests only where imported)/shell/http, else asks', () => {
    assert.strictEqual(languageForEditor('typescript', 'a.ts', ''), 'typescript');
    assert.strictEqual(languageForEditor('typescriptreact', 'a.tsx', ''), 'typescript');
    assert.strictEqual(languageForEditor('javascript', 'a.mjs', ''), 'javascript');
    assert.strictEqual(languageForEditor('python', 'a.py', 'import os\n'), 'python-urllib');
    assert.strictEqual(languageForEditor('python', 'a.py', 'import os\nimport requests\n'), 'python-requests');
    assert.strictEqual(languageForEditor('python', 'a.py', 'from requests import Session\n'), 'python-requests');
    assert.strictEqual(languageForEditor('python', 'a.py', '# import requests later\n'), 'python-urllib');
    assert.strictEqual(languageForEditor('shellscript', 'run.sh', ''), 'curl');
    assert.strictEqual(languageForEditor('http', 'api.http', ''), 'http');
    assert.strictEqual(languageForEditor('plaintext', '/w/api.rest', ''), 'http');
    assert.strictEqual(languageForEditor('plaintext', 'notes.txt', ''), null);
    assert.strictEqual(languageForEditor('go', 'main.go', ''), null);
  });

  it('comments hold one line: every line terminator and invisible character becomes a space', () => {
    assert.strictEqual(commentText('a\nb\r\nc\u2028d\u2029e\u0085f\u202Eg\u200Bh'), 'a b c d e f g h');
    assert.ok(commentText('x'.repeat(500)).length <= 100);
  });
});
