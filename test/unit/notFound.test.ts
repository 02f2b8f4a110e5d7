// How a server says "no such task", "no such path" or "refused" (core/notFound.ts), from a
// reply's status and classified body alone: no HTTP here.

import * as assert from 'assert';
import { BadResponseError, MjError, TaskNotFoundError } from '../../src/core/errors';
import {
  isEndpointMissing,
  isFrameworkRouteMiss,
  isGatewayRouteError,
  logicException,
  notATask,
  notFoundOr,
  saysNotFound,
  TaskErrorContext,
} from '../../src/core/notFound';
import { Body } from '../../src/core/reply';

const KEY = 'sk-secret-key-0123456789';
const ctx: TaskErrorContext = { server: 'https://api.example.com', taskId: '1730621826053455' };
const json = (value: unknown): Body => ({ kind: 'json', value });
const text = (t: string): Body => ({ kind: 'text', text: t });

const springMiss = json({ timestamp: '2025-01-01T00:00:00.000+00:00', status: 404, error: 'Not Found', path: '/mj/task/1/image-seed' });
const gatewayMiss = json({ error: { message: 'Invalid URL (GET /api/mj/task/1/fetch)', type: 'invalid_request_error' } });
const newApiNotFound = json({ description: 'task_no_found ', type: 'upstream_error', code: 4 });
const trueaiNotFound = json({ code: 3, description: '关联任务不存在或已失效', result: null });

/** The reason of a BadResponseError, or the error's kind for any other MjError. */
function verdict(e: MjError): string {
  return e instanceof BadResponseError ? `BadResponse ${e.reason}` : e.kind;
}

describe('notFound: how a server says "not found"', () => {
  describe('isFrameworkRouteMiss', () => {
    it("recognises Spring Boot's default error body", () => {
      assert.strictEqual(isFrameworkRouteMiss(springMiss), true);
    });

    it('needs every field of it, and JSON', () => {
      assert.strictEqual(isFrameworkRouteMiss(json({ status: 404, error: 'Not Found', path: '/x' })), false, 'no timestamp');
      assert.strictEqual(isFrameworkRouteMiss(json({ timestamp: 1, status: '404', error: 'Not Found', path: '/x' })), false);
      assert.strictEqual(isFrameworkRouteMiss(trueaiNotFound), false);
      assert.strictEqual(isFrameworkRouteMiss(text('Not Found')), false);
      assert.strictEqual(isFrameworkRouteMiss(json([springMiss])), false);
    });
  });

  describe('isGatewayRouteError', () => {
    it('recognises an OpenAI-style error whose message is about the route', () => {
      assert.strictEqual(isGatewayRouteError(gatewayMiss), true);
      assert.strictEqual(isGatewayRouteError(json({ error: { message: 'no route for POST /x' } })), true);
      assert.strictEqual(isGatewayRouteError(json({ error: { message: 'Not Found' } })), true);
    });

    it('is not fooled by other errors or by a top-level message', () => {
      assert.strictEqual(isGatewayRouteError(json({ error: { message: 'quota exceeded' } })), false);
      assert.strictEqual(isGatewayRouteError(json({ error: 'Invalid URL' })), false, 'error must be an object');
      assert.strictEqual(isGatewayRouteError(json({ message: 'Invalid URL' })), false);
      assert.strictEqual(isGatewayRouteError(text('Invalid URL')), false);
    });
  });

  describe('isEndpointMissing', () => {
    it('404, 405 and 501 mean the path is not served, whatever the body', () => {
      for (const status of [404, 405, 501]) assert.strictEqual(isEndpointMissing(status, { kind: 'empty' }), true, String(status));
    });

    it('another 4xx only with a gateway route error', () => {
      assert.strictEqual(isEndpointMissing(400, gatewayMiss), true);
      assert.strictEqual(isEndpointMissing(400, newApiNotFound), false);
      assert.strictEqual(isEndpointMissing(200, gatewayMiss), false);
      assert.strictEqual(isEndpointMissing(500, { kind: 'empty' }), false);
    });
  });

  describe('saysNotFound', () => {
    it("reads each dialect's words for an unknown task", () => {
      assert.strictEqual(saysNotFound(newApiNotFound), true);
      assert.strictEqual(saysNotFound(trueaiNotFound), true);
      assert.strictEqual(saysNotFound(json({ code: 3 })), true, 'trueai code 3 alone');
      assert.strictEqual(saysNotFound(json({ message: 'Task Not Found' })), true);
      assert.strictEqual(saysNotFound(json({ msg: 'not-found' })), true);
      assert.strictEqual(saysNotFound(json({ description: '任务不存在' })), true);
      assert.strictEqual(saysNotFound(text('task not found')), true);
    });

    it('a gateway error object is about the route, not the task', () => {
      assert.strictEqual(saysNotFound(json({ error: { message: 'not found' }, message: 'not found' })), false);
    });

    it('says nothing about other answers', () => {
      assert.strictEqual(saysNotFound(json({ code: 4, description: 'prompt不能为空' })), false);
      assert.strictEqual(saysNotFound({ kind: 'empty' }), false);
      assert.strictEqual(saysNotFound({ kind: 'html' }), false);
      assert.strictEqual(saysNotFound(text('found it')), false);
    });
  });

  describe('notFoundOr: a 4xx on a task endpoint', () => {
    const cases: [string, number, Body, string][] = [
      ['an HTML page', 404, { kind: 'html' }, 'BadResponse html'],
      ['a gateway route error', 404, gatewayMiss, 'BadResponse no-endpoint'],
      ['a Spring Boot route miss', 404, springMiss, 'BadResponse no-endpoint'],
      ["trueai's 404 code 3", 404, trueaiNotFound, 'TaskNotFound'],
      ["new-api's 400 task_no_found", 400, newApiNotFound, 'TaskNotFound'],
      ['a bare 404', 404, { kind: 'empty' }, 'BadResponse bare-404'],
      ['a 405', 405, { kind: 'empty' }, 'BadResponse no-endpoint'],
      ['another 400', 400, json({ code: 4, description: '无效的加速模式' }), 'BadResponse refused'],
    ];
    for (const [name, status, body, expected] of cases) {
      it(`${name} → ${expected}`, () => {
        assert.strictEqual(verdict(notFoundOr(status, body, ctx, KEY)), expected);
      });
    }

    it('a bare 404 is a missing endpoint where it is no verdict on the task', () => {
      assert.strictEqual(verdict(notFoundOr(404, { kind: 'empty' }, ctx, KEY, false)), 'BadResponse no-endpoint');
      assert.strictEqual(verdict(notFoundOr(404, trueaiNotFound, ctx, KEY, false)), 'TaskNotFound', 'words still count');
    });

    it('quotes what the server said, with the key masked, or names the status', () => {
      const refused = notFoundOr(400, json({ message: `bad token ${KEY}` }), ctx, KEY);
      assert.match(refused.message, /bad token \*\*\*/);
      assert.ok(!refused.message.includes(KEY));
      assert.match(notFoundOr(409, { kind: 'empty' }, ctx, KEY).message, /HTTP 409/);
    });

    it('names the task and server', () => {
      const e = notFoundOr(404, trueaiNotFound, ctx, KEY);
      assert.ok(e instanceof TaskNotFoundError);
      assert.deepStrictEqual([e.taskId, e.server], [ctx.taskId, ctx.server]);
    });
  });

  describe('notATask: a 200 JSON fetch answer without a task', () => {
    const cases: [string, Body, string][] = [
      ["a relay's not-found envelope", json({ code: 4, description: 'task_no_found' }), 'TaskNotFound'],
      ['code 3', json({ code: 3, description: '' }), 'TaskNotFound'],
      ['a failure with words', json({ code: 9, description: '服务繁忙' }), 'BadResponse refused'],
      ['success:false with a message', json({ success: false, message: '访客今日绘图次数已达上限' }), 'BadResponse refused'],
      ['an error field', json({ error: 'upstream timeout' }), 'BadResponse refused'],
      ['a success code with an unknown shape', json({ code: 0, message: 'ok', data: { taskId: '1' } }), 'BadResponse shape'],
      ['a failure without words', json({ code: 9 }), 'BadResponse shape'],
      ['a list', json([]), 'BadResponse shape'],
    ];
    for (const [name, body, expected] of cases) {
      it(`${name} → ${expected}`, () => {
        assert.strictEqual(verdict(notATask(body, ctx, KEY)), expected);
      });
    }

    it('masks the key in what it quotes', () => {
      assert.match(notATask(json({ code: 9, description: `key ${KEY} disabled` }), ctx, KEY).message, /key \*\*\* disabled/);
    });
  });

  describe('logicException', () => {
    it("turns trueai's success:false on a 200 into a refusal quoting its message", () => {
      const e = logicException({ success: false, code: -1, message: '操作失败' }, ctx, KEY);
      assert.ok(e);
      assert.strictEqual(e.reason, 'refused');
      assert.match(e.message, /操作失败/);
    });

    it('names the code when there are no words', () => {
      assert.match(logicException({ success: false, code: -1 }, ctx, KEY)?.message ?? '', /code -1/);
    });

    it('is null for anything else', () => {
      assert.strictEqual(logicException({ success: true }, ctx, KEY), null);
      assert.strictEqual(logicException({ code: 1 }, ctx, KEY), null);
      assert.strictEqual(logicException([{ success: false }], ctx, KEY), null);
      assert.strictEqual(logicException(null, ctx, KEY), null);
    });
  });
});
