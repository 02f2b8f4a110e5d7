// MjClient's submits over real loopback HTTP: /imagine, action and modal payloads, each server's
// "accepted" and "refused", and cancel.

import * as assert from 'assert';
import { BadResponseError, SubmitRejectedError } from '../../src/core/errors';
import { client, ID, rejectsWith } from './clientFixture';
import { loopbacks, send } from './loopback';

describe('client submits over loopback', () => {
  const serve = loopbacks();

  describe('submits', () => {
    it('submitImagine posts {prompt} as JSON and keeps every digit of a numeric result', async () => {
      const s = await serve((_req, res) =>
        send(res, 200, '{"code":1,"description":"Submit success","result":1320098173412546789,"properties":{"discordInstanceId":"1"}}'),
      );
      const r = await client(s).submitImagine('a cat --v 7');
      assert.deepStrictEqual(r, { code: 1, description: 'Submit success', taskId: '1320098173412546789', needsModal: false, properties: { discordInstanceId: '1' } });
      const req = s.requests[0];
      assert.strictEqual(req.method, 'POST');
      assert.strictEqual(req.url, '/mj/submit/imagine');
      assert.match(String(req.headers['content-type']), /application\/json/);
      assert.deepStrictEqual(JSON.parse(req.body), { prompt: 'a cat --v 7' });
    });

    it('submitAction posts {taskId, customId}; submitModal posts {taskId, prompt, maskBase64}', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1748339029401831"}'));
      await client(s).submitAction(ID, 'MJ::JOB::upsample::1::h');
      await client(s).submitModal('1748339029401829', { prompt: 'dog --zoom 2', maskBase64: 'data:image/png;base64,AAAA' });
      await client(s).submitModal('1748339029401829', {});
      assert.deepStrictEqual(
        s.requests.map((r) => [r.url, JSON.parse(r.body)]),
        [
          ['/mj/submit/action', { taskId: ID, customId: 'MJ::JOB::upsample::1::h' }],
          ['/mj/submit/modal', { taskId: '1748339029401829', prompt: 'dog --zoom 2', maskBase64: 'data:image/png;base64,AAAA' }],
          ['/mj/submit/modal', { taskId: '1748339029401829' }],
        ],
      );
    });

    it('uses the mode prefix of the base URL for submits', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1"}'));
      await client(`${s.url}/mj-relax/mj`).submitImagine('cat');
      assert.strictEqual(s.requests[0].url, '/mj-relax/mj/submit/imagine');
    });

    it('takes the first ID of a comma-joined result', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok","result":"1748339029401831,1748339029401832"}'));
      assert.strictEqual((await client(s).submitAction(ID, 'MJ::Job::PicReader::all')).taskId, '1748339029401831');
    });

    for (const [code, description] of [
      [24, '可能包含敏感词'],
      [23, '队列已满，请稍后尝试'],
      [4, 'prompt不能为空'],
      [3, '无可用的账号实例'],
      [9, '提交失败，队列已满，请稍后重试'],
    ] as const) {
      it(`code ${code} on 200 → SubmitRejected with the description`, async () => {
        const s = await serve((_req, res) => send(res, 200, JSON.stringify({ code, description, result: null, properties: { promptEn: 'x' } })));
        await rejectsWith<SubmitRejectedError>(client(s).submitImagine('cat'), 'SubmitRejected', (e) => {
          assert.strictEqual(e.code, code);
          assert.strictEqual(e.description, description);
          assert.ok(e.message.includes(description));
        });
      });
    }

    it('accepted code without a result → BadResponse shape', async () => {
      const s = await serve((_req, res) => send(res, 200, '{"code":1,"description":"ok"}'));
      await rejectsWith<BadResponseError>(client(s).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'shape'));
    });

    it('400 plain text → SubmitRejected quoting it', async () => {
      const s = await serve((_req, res) => send(res, 400, 'prompt too long', 'text/plain'));
      await rejectsWith<SubmitRejectedError>(client(s).submitImagine('cat'), 'SubmitRejected', (e) => assert.strictEqual(e.description, 'prompt too long'));
    });

    it('404 HTML and 405 → the endpoint is missing, not a rejection', async () => {
      const s = await serve((req, res) => (req.url.startsWith('/a') ? send(res, 404, '<html></html>', 'text/html') : send(res, 405, '')));
      await rejectsWith<BadResponseError>(client(`${s.url}/a`).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'html'));
      await rejectsWith<BadResponseError>(client(`${s.url}/b`).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'no-endpoint'));
    });

    it('an empty 200 → BadResponse empty', async () => {
      const s = await serve((_req, res) => send(res, 200, ''));
      await rejectsWith<BadResponseError>(client(s).submitImagine('cat'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'empty'));
    });
  });

  describe('cancel', () => {
    it('cancel posts to /mj/task/{id}/cancel and accepts an empty 200 or code 1', async () => {
      const s = await serve((req, res) => send(res, 200, req.url.includes('1111') ? '' : '{"code":1,"description":"ok"}', req.url.includes('1111') ? null : 'application/json'));
      await client(s).cancel('1111');
      await client(s).cancel('2222');
      assert.deepStrictEqual(s.requests.map((r) => [r.method, r.url]), [
        ['POST', '/mj/task/1111/cancel'],
        ['POST', '/mj/task/2222/cancel'],
      ]);
    });

    it('cancel on a server without the endpoint (404) → no-endpoint; code ≠ 1 → refused', async () => {
      const s = await serve((req, res) => (req.url.includes('1111') ? send(res, 404, '') : send(res, 200, '{"code":9,"description":"无法取消"}')));
      await rejectsWith<BadResponseError>(client(s).cancel('1111'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'no-endpoint'));
      await rejectsWith<BadResponseError>(client(s).cancel('2222'), 'BadResponse', (e) => assert.match(e.message, /无法取消/));
    });
  });
});
