// The key never shows, whatever it contains: a key HTTP cannot carry is refused before any
// request in words of its own (not in the HTTP library's, which quote the header), and what a
// server echoes back is masked, in errors and in task text alike.

import * as assert from 'assert';
import { RequestEvent } from '../../src/core/client';
import { MjError, UnauthorizedError } from '../../src/core/errors';
import { AuthScheme } from '../../src/core/types';
import { client, ID, rejectsMjError, taskJson } from './clientFixture';
import { assertNoKey, BAD_KEYS } from './keyFixture';
import { loopbacks, Recorded, send } from './loopback';

/** The key as the server received it, whichever header carried it. */
function sentKey(req: Recorded): string {
  return String(req.headers.authorization ?? req.headers['mj-api-secret'] ?? '').replace(/^Bearer /, '');
}

describe('http: the key in errors and echoes', () => {
  const serve = loopbacks();

  for (const bad of BAD_KEYS) {
    for (const auth of ['bearer', 'raw', 'mj-api-secret'] as AuthScheme[]) {
      it(`${bad.name}, ${auth}: never in an error, a log event or a task`, async () => {
        // A hostile server: refuses with the key in its message, or puts it into the task.
        const s = await serve((req, res) =>
          req.url.includes('/fetch') && req.url.includes('echo')
            ? send(res, 200, JSON.stringify(taskJson('echo-1', { prompt: `got ${sentKey(req)}`, failReason: JSON.stringify(sentKey(req)) })))
            : send(res, 401, JSON.stringify({ error: { message: `invalid token ${sentKey(req)}` } })),
        );
        const events: RequestEvent[] = [];
        const c = client(s, { auth, apiKey: bad.key, onRequest: (e) => events.push(e) });
        const texts: string[] = [];
        const keep = (e: MjError): void => void texts.push(e.message, e.hint, JSON.stringify(e.toJSON()), String(e));
        keep(await rejectsMjError(c.fetchTask(ID), 'Unauthorized', bad.key));
        keep(await rejectsMjError(c.fetchTasks([ID, '1730621826053456']), 'Unauthorized', bad.key));
        try {
          texts.push(JSON.stringify(await c.fetchTask('echo-1')));
        } catch (e) {
          assert.ok(e instanceof UnauthorizedError);
          keep(e);
        }
        texts.push(JSON.stringify(events));
        for (const text of texts) assertNoKey(text, bad.key);
        // Trimmed, a key with a line break only at its end can be sent; any other such key never is.
        const sendable = bad.key.trim() !== bad.key && !/[\r\n]/.test(bad.key.trim());
        assert.strictEqual(s.requests.length > 0, sendable, `${s.requests.length} requests`);
        if (!sendable) assert.match(texts[0], /was not sent: the API key cannot be sent as it is\. Character \d+ of \d+ is /);
      });
    }
  }

  it('masks a key the server echoes inside task text, and leaves the task otherwise exact', async () => {
    const key = 'sk-echo-0123456789abcdef';
    const s = await serve((_req, res) => send(res, 200, JSON.stringify(taskJson(ID, { prompt: `a cat \u001b[2J ${key}`, failReason: `key=${encodeURIComponent(key)}` }))));
    const t = await client(s, { apiKey: key }).fetchTask(ID);
    assert.strictEqual(t.prompt, 'a cat \u001b[2J ***');
    assert.strictEqual(t.failReason, 'key=***');
  });
});
