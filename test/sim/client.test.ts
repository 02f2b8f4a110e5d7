// MjClient against the simulator over loopback, in each dialect with that dialect's auth scheme:
// fetches in every state, not-found and auth failures, batching and its fallback, each injected
// fault as its typed error, and submits (imagine, action, modal). The simulator's clock is
// driven by the test (`now` option), so nothing here waits for time to pass.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { BadResponseError, MjError, RateLimitedError, ServerError } from '../../src/core/errors';
import { ServerQuirks } from '../../src/core/serverQuirks';
import type { AuthScheme } from '../../src/core/types';
import { startSimulator, type Dialect, type Simulator } from '../../src/simulator';
import { rejectsMjError } from '../unit/clientFixture';

const KEY = 'mj-sim-key';
const SCHEME: Record<Dialect, AuthScheme> = { novicezk: 'mj-api-secret', trueai: 'raw', newapi: 'bearer' };
const DIALECTS: Dialect[] = ['novicezk', 'trueai', 'newapi'];

let sims: Simulator[] = [];
let clock = 1_790_000_000_000;

async function sim(dialect: Dialect): Promise<Simulator> {
  const s = await startSimulator({ port: 0, dialect, now: () => clock });
  sims.push(s);
  return s;
}

function client(s: Simulator, extra: Partial<ConstructorParameters<typeof MjClient>[0]> = {}): MjClient {
  return new MjClient({ baseUrl: s.url, auth: SCHEME[s.dialect], apiKey: KEY, ...extra });
}

/** Awaits a rejection with an MjError of `kind` that never mentions the key; returns it for further checks. */
function rejects<T extends MjError = MjError>(p: Promise<unknown>, kind: MjError['kind']): Promise<T> {
  return rejectsMjError<T>(p, kind, KEY);
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

for (const dialect of DIALECTS) {
  describe(`client × simulator (${dialect}, auth ${SCHEME[dialect]})`, () => {
    it('fetches a running, a finished and a failed task', async () => {
      const s = await sim(dialect);
      const c = client(s);
      const running = await c.fetchTask(s.createTask({ status: 'IN_PROGRESS', progress: 50, frozen: true }));
      assert.deepStrictEqual([running.status, running.progress, running.terminal], ['IN_PROGRESS', 50, false]);
      assert.ok(running.imageUrl, 'an in-progress preview');

      const doneId = s.createTask({ prompt: 'a paper boat', status: 'SUCCESS' });
      const done = await c.fetchTask(doneId);
      assert.deepStrictEqual([done.id, done.status, done.progress, done.terminal], [doneId, 'SUCCESS', 100, true]);
      assert.strictEqual(done.finalPrompt, 'a paper boat --v 7');
      assert.deepStrictEqual(done.buttons.map((b) => b.label || b.emoji), ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
      assert.ok(done.imageUrl && (await fetch(done.imageUrl)).ok, 'the image URL serves the picture');

      const failed = await c.fetchTask(s.createTask({ status: 'FAILURE', failReason: '[Invalid parameter] Invalid value' }));
      assert.deepStrictEqual([failed.status, failed.failReason, failed.terminal], ['FAILURE', '[Invalid parameter] Invalid value', true]);
    });

    it('an unknown ID is TaskNotFoundError', async () => {
      const s = await sim(dialect);
      const e = await rejects(client(s).fetchTask('1234567890123456'), 'TaskNotFound');
      assert.strictEqual(e.taskId, '1234567890123456');
    });

    it('a wrong key is UnauthorizedError', async () => {
      const s = await sim(dialect);
      const id = s.createTask({});
      await rejects(client(s, { apiKey: 'wrong-key' }).fetchTask(id), 'Unauthorized');
      await rejects(client(s, { apiKey: undefined }).fetchTask(id), 'Unauthorized');
    });

    it('follows a submitted task to SUCCESS', async () => {
      const s = await sim(dialect);
      const c = client(s);
      const submitted = await c.submitImagine('a glass teapot on a wooden table');
      assert.strictEqual(submitted.code, 1);
      assert.match(submitted.taskId, /^\d{16}$/);
      const first = await c.fetchTask(submitted.taskId);
      assert.ok(['NOT_START', 'SUBMITTED'].includes(first.status), first.status);
      clock += 60_000;
      assert.strictEqual((await c.fetchTask(submitted.taskId)).status, 'SUCCESS');
    });

    it('fetches 250 IDs in 3 list-by-condition requests and names the missing ones after asking /fetch', async () => {
      const s = await sim(dialect);
      const ids = Array.from({ length: 248 }, (_, i) => s.createTask({ status: i % 3 ? 'SUCCESS' : 'IN_PROGRESS', progress: 20 }));
      const wanted = [...ids, '1111111111111111', '2222222222222222'];
      const batch = await client(s).fetchTasks(wanted);
      assert.strictEqual(batch.tasks.size, 248);
      assert.deepStrictEqual(batch.missing.sort(), ['1111111111111111', '2222222222222222']);
      assert.deepStrictEqual(s.requestCounts(), { 'POST /mj/task/list-by-condition': 3, 'GET /mj/task/:id/fetch': 2 });
    });

    it('U2 on a finished grid creates an UPSCALE child that finishes with the upscale buttons', async () => {
      const s = await sim(dialect);
      const c = client(s);
      const gridId = s.createTask({ prompt: 'a red kite', status: 'SUCCESS' });
      const grid = await c.fetchTask(gridId);
      const u2 = grid.buttons.find((b) => b.label === 'U2');
      assert.ok(u2);
      const child = await c.submitAction(gridId, u2.customId);
      assert.deepStrictEqual([child.code, child.needsModal], [1, false]);
      assert.notStrictEqual(child.taskId, gridId);
      clock += 60_000;
      const up = await c.fetchTask(child.taskId);
      assert.deepStrictEqual([up.action, up.status], ['UPSCALE', 'SUCCESS']);
      if (dialect === 'trueai') assert.strictEqual(up.parentId, gridId);
      assert.ok(up.buttons.some((b) => b.label === 'Vary (Strong)'));
      assert.ok(up.buttons.some((b) => b.label === 'Custom Zoom'));
    });

    it('Custom Zoom needs a modal; submitModal continues the task', async () => {
      const s = await sim(dialect);
      const c = client(s);
      const upId = s.createTask({ action: 'UPSCALE', status: 'SUCCESS' });
      const zoom = (await c.fetchTask(upId)).buttons.find((b) => b.label === 'Custom Zoom');
      assert.ok(zoom);
      const waiting = await c.submitAction(upId, zoom.customId);
      assert.deepStrictEqual([waiting.code, waiting.needsModal], [21, true]);
      assert.strictEqual((await c.fetchTask(waiting.taskId)).status, 'MODAL');
      const go = await c.submitModal(waiting.taskId, { prompt: 'a red kite --ar 1:1 --zoom 1.5' });
      assert.strictEqual(go.taskId, waiting.taskId);
      clock += 60_000;
      assert.strictEqual((await c.fetchTask(waiting.taskId)).status, 'SUCCESS');
    });

    it('an action on an unfinished task is SubmitRejectedError', async () => {
      const s = await sim(dialect);
      const c = client(s);
      const gridId = s.createTask({ status: 'SUCCESS' });
      const hash = (await c.fetchTask(gridId)).buttons[0].customId.split('::')[4];
      const running = s.createTask({ status: 'IN_PROGRESS', progress: 40, frozen: true });
      await rejects(c.submitAction(running, `MJ::JOB::upsample::1::${hash}`), 'SubmitRejected');
    });
  });
}

describe('client × simulator: dialect specifics', () => {
  it('Bearer against trueai is refused: trueai takes the whole header as the key', async () => {
    const s = await sim('trueai');
    await rejects(client(s, { auth: 'bearer' }).fetchTask(s.createTask({})), 'Unauthorized');
  });

  it('newapi: a 19-digit numeric submit result keeps every digit', async () => {
    const s = await sim('newapi');
    const r = await client(s).submitImagine('a lantern --bigid');
    assert.match(r.taskId, /^\d{19}$/);
    assert.strictEqual((await client(s).fetchTask(r.taskId)).id, r.taskId, 'the ID from the numeric result is the real one');
  });

  it('trueai: image seed once finished; cancel turns a running task into FAILURE', async () => {
    const s = await sim('trueai');
    const c = client(s);
    const done = s.createTask({ status: 'SUCCESS' });
    assert.match(await c.imageSeed(done), /^\d+$/);
    const running = s.createTask({ status: 'IN_PROGRESS', progress: 30 });
    await c.cancel(running);
    const t = await c.fetchTask(running);
    assert.deepStrictEqual([t.status, t.failReason], ['FAILURE', '取消任务']);
  });

  it('novicezk: image seed on a server without the route says so instead of "task not found"', async () => {
    const s = await sim('novicezk');
    const done = s.createTask({ status: 'SUCCESS' });
    await assert.rejects(client(s).imageSeed(done), (e: unknown) => e instanceof BadResponseError && e.reason === 'no-endpoint');
  });

  it('falls back to per-ID fetches when list-by-condition answers with a web page', async () => {
    const s = await sim('newapi');
    const ids = Array.from({ length: 6 }, () => s.createTask({ status: 'SUCCESS' }));
    s.setFaults([{ kind: 'html', path: 'POST /mj/task/list-by-condition' }]);
    const quirks = new ServerQuirks();
    const batch = await client(s, { quirks }).fetchTasks([...ids, '3333333333333333']);
    assert.strictEqual(batch.tasks.size, 6);
    assert.deepStrictEqual(batch.missing, ['3333333333333333']);
    assert.deepStrictEqual(s.requestCounts(), { 'POST /mj/task/list-by-condition': 1, 'GET /mj/task/:id/fetch': 7 });
    // Learnt: the next batch, from any client sharing what was learnt, goes straight to per-ID fetches.
    s.resetCounts();
    await client(s, { quirks }).fetchTasks(ids.slice(0, 2));
    assert.deepStrictEqual(s.requestCounts(), { 'GET /mj/task/:id/fetch': 2 });
  });

  it('newapi: cancel is not routed there; the web page it gets is BadResponse html', async () => {
    const s = await sim('newapi');
    const e = await rejects<BadResponseError>(client(s).cancel(s.createTask({})), 'BadResponse');
    assert.strictEqual(e.reason, 'html');
  });
});

describe('client × simulator: injected faults', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: each fault becomes its typed error`, async () => {
      const s = await sim(dialect);
      const id = s.createTask({ status: 'SUCCESS' });
      const c = client(s, { timeoutMs: 2000 });
      const under = async <T extends MjError>(fault: Parameters<Simulator['setFaults']>[0][0], kind: MjError['kind'], call: () => Promise<unknown> = () => c.fetchTask(id)) => {
        s.setFaults([fault]);
        try {
          return await rejects<T>(call(), kind);
        } finally {
          s.clearFaults();
        }
      };

      const limited = await under<RateLimitedError>({ kind: 'status429', retryAfterSec: 3 }, 'RateLimited');
      assert.strictEqual(limited.retryAfterMs, 3000);
      assert.strictEqual((await under<RateLimitedError>({ kind: 'status429' }, 'RateLimited')).retryAfterMs, undefined);
      assert.strictEqual((await under<ServerError>({ kind: 'status5xx' }, 'ServerError')).status, 500);
      assert.strictEqual((await under<ServerError>({ kind: 'status5xx', status: 502 }, 'ServerError')).status, 502);
      assert.strictEqual((await under<BadResponseError>({ kind: 'html' }, 'BadResponse')).reason, 'html');
      assert.strictEqual((await under<BadResponseError>({ kind: 'truncated' }, 'BadResponse')).reason, 'invalid-json');
      assert.strictEqual((await under<BadResponseError>({ kind: 'oversized' }, 'BadResponse')).reason, 'too-large');
      await under({ kind: 'reset' }, 'Network');
      await under({ kind: 'latency', ms: 1000 }, 'Timeout', () => client(s, { timeoutMs: 100 }).fetchTask(id));
      // An empty 200 is novicezk's "not found" on fetch, but nothing a submit can accept.
      await under({ kind: 'empty' }, 'TaskNotFound');
      assert.strictEqual((await under<BadResponseError>({ kind: 'empty' }, 'BadResponse', () => c.submitImagine('x'))).reason, 'empty');

      // On the batch endpoint, a 429 speaks for the whole batch; a reset is not a verdict on the
      // tasks (see batchFallback.test.ts), so it is not one here either.
      const other = s.createTask({ status: 'SUCCESS' });
      await under({ kind: 'status429', path: 'POST /mj/task/list-by-condition' }, 'RateLimited', () => c.fetchTasks([id, other]));
      s.setFaults([{ kind: 'reset', path: 'POST /mj/task/list-by-condition' }]);
      assert.strictEqual((await c.fetchTasks([id, other])).tasks.size, 2);
      s.clearFaults();
      // And once faults are cleared, the same client works again.
      assert.strictEqual((await c.fetchTask(id)).status, 'SUCCESS');
    });
  }

  it('a fault limited to two requests: the third succeeds', async () => {
    const s = await sim('newapi');
    const id = s.createTask({ status: 'SUCCESS' });
    const c = client(s);
    s.setFaults([{ kind: 'status5xx', status: 503, times: 2 }]);
    await rejects(c.fetchTask(id), 'ServerError');
    await rejects(c.fetchTask(id), 'ServerError');
    assert.strictEqual((await c.fetchTask(id)).id, id);
  });
});
