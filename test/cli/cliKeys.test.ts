// `mj-tasks` with a key that cannot be sent, and with input that holds no ID at all: each is
// refused before any request with a line that says what is wrong, and the key shows nowhere.

import * as assert from 'assert';
import { assertNoKey, BAD_KEYS } from '../unit/keyFixture';
import { loopbacks, send } from '../unit/loopback';
import { assertBuilt, oneLine, run } from './cliRun';

const ID = '1730621826053455';

describe('cli: keys that cannot be sent, input without an ID', function () {
  this.timeout(30_000);
  const serve = loopbacks();
  before(assertBuilt);

  for (const bad of BAD_KEYS) {
    it(`refuses MJ_API_KEY with ${bad.name} (exit 2, before any request), in plain and --json mode`, async () => {
      const s = await serve((req, res) => send(res, 401, JSON.stringify({ error: { message: `bad ${String(req.headers.authorization)}` } })));
      for (const args of [['fetch', ID], ['fetch', ID, '--json'], ['watch', ID, '--json', '--interval', '0.1']]) {
        const r = await run([...args, '--base-url', s.url], { MJ_API_KEY: bad.key });
        assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.strictEqual(r.stdout, '');
        assert.match(oneLine(r), new RegExp(`^The API key in MJ_API_KEY cannot be used\\. Character ${bad.position} of ${[...bad.key].length} is `));
        assertNoKey(r.stdout + r.stderr, bad.key);
      }
      assert.strictEqual(s.requests.length, 0);
    });
  }

  it('says so in Chinese, too', async () => {
    const r = await run(['fetch', ID], { MJ_API_KEY: BAD_KEYS[0].key, LANG: 'zh_CN.UTF-8' });
    assert.strictEqual(r.code, 2);
    assert.match(oneLine(r), /^MJ_API_KEY 中的 API 密钥无法使用。第 \d+ 个字符（共 \d+ 个）是换行符。/);
  });

  it('does not check a key that --auth none never sends', async () => {
    const s = await serve((_req, res) => send(res, 200, JSON.stringify({ id: ID, status: 'SUCCESS' })));
    const r = await run(['fetch', ID, '--auth', 'none', '--base-url', s.url], { MJ_API_KEY: BAD_KEYS[1].key });
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(s.requests[0].headers.authorization, undefined);
  });

  for (const input of [',', ' , ; ', '""', "''", '()', '<>']) {
    it(`fetch ${JSON.stringify(input)} says no task ID was given (exit 2), never an empty line`, async () => {
      const r = await run(['fetch', input], { MJ_API_KEY: 'sk-fine-0123456789' });
      assert.strictEqual(r.code, 2);
      assert.match(oneLine(r), /^No task ID given\. Expected a task ID/);
    });
  }

  it('fetch "[]" and "{}" say what was wrong with them', async () => {
    assert.match(oneLine(await run(['fetch', '[]'])), /^The pasted list is empty\./);
    assert.match(oneLine(await run(['fetch', '{}'])), /^"\{\}" holds no task ID/);
  });
});
