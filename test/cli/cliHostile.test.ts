// Server text on the terminal: escape sequences, C1 controls and bidi controls never reach it,
// in fetch's task blocks, watch's change lines or an error line; --json keeps the text exact.

import * as assert from 'assert';
import { loopbacks, send } from '../unit/loopback';
import { assertBuilt, oneLine, run } from './cliRun';

const ID = '1730621826053455';
const KEY = 'sk-hostile-0123456789';
const HOSTILE = '\u001b]0;owned\u0007\u001b[2J\u001b[32mSUCCESS\u001b[0m \u009b1A\u202egnp.exe\u202c';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('cli: hostile server text on the terminal', function () {
  this.timeout(30_000);
  const serve = loopbacks();
  before(assertBuilt);

  it('watch prints the change lines of a task whose status word is hostile without its controls', async () => {
    let asked = 0;
    const s = await serve((_req, res) =>
      send(res, 200, JSON.stringify({ id: ID, status: ++asked === 1 ? HOSTILE : 'SUCCESS', progress: asked === 1 ? '10%' : '100%', prompt: HOSTILE })),
    );
    const r = await run(['watch', ID, '--interval', '0.1', '--base-url', s.url], { MJ_API_KEY: KEY });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, UNSAFE, JSON.stringify(r.stdout));
    assert.match(r.stdout, /^1730621826053455 .*SUCCESS gnp\.exe/m, 'the words stay, the controls go');
  });

  it('fetch --json keeps the same text exact', async () => {
    const s = await serve((_req, res) => send(res, 200, JSON.stringify({ id: ID, status: 'FAILURE', failReason: HOSTILE, prompt: HOSTILE })));
    const r = await run(['fetch', ID, '--json', '--base-url', s.url], { MJ_API_KEY: KEY });
    const [task] = JSON.parse(r.stdout) as { failReason: string; prompt: string }[];
    assert.deepStrictEqual([task.failReason, task.prompt], [HOSTILE, HOSTILE]);
    const plain = await run(['fetch', ID, '--base-url', s.url], { MJ_API_KEY: KEY });
    assert.doesNotMatch(plain.stdout, UNSAFE);
    assert.match(plain.stdout, /Failure reason\s+SUCCESS gnp\.exe/);
  });

  it('an error line carries the server\'s words without their controls', async () => {
    const s = await serve((_req, res) => send(res, 401, JSON.stringify({ message: `no ${HOSTILE}` })));
    const r = await run(['fetch', ID, '--base-url', s.url], { MJ_API_KEY: KEY });
    assert.strictEqual(r.code, 4);
    assert.doesNotMatch(r.stderr, UNSAFE);
    assert.match(oneLine(r), /\(no SUCCESS gnp\.exe\)/);
  });
});
