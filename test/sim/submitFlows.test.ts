// The submit path's verdicts against the simulator over loopback, in every dialect: what each
// answer (codes 1, 21, 22, 23, 24, 4, 3, a gateway's balance and rate-limit errors, HTTP 429, a
// timeout, a lost answer) means for the user's money, that nothing is ever sent twice, and the
// look-up of a job whose answer was lost on servers that list recent tasks.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { SubmitRejectedError } from '../../src/core/errors';
import { findSubmitted } from '../../src/core/submitLookup';
import { isExistingTaskAnswer, queuedAhead, submitFailure } from '../../src/core/submitVerdict';
import type { AuthScheme, Task } from '../../src/core/types';
import { startSimulator, type Dialect, type Simulator } from '../../src/simulator';

const KEY = 'mj-sim-key';
const SCHEME: Record<Dialect, AuthScheme> = { novicezk: 'mj-api-secret', trueai: 'raw', newapi: 'bearer' };
const DIALECTS: Dialect[] = ['novicezk', 'trueai', 'newapi'];
const ACTION = 'POST /mj/submit/action';

let sims: Simulator[] = [];

async function sim(dialect: Dialect): Promise<Simulator> {
  // Frozen, on the real clock: nothing moves unless the test moves it, and "just now" is now.
  const s = await startSimulator({ port: 0, dialect, frozen: true });
  sims.push(s);
  return s;
}

function client(s: Simulator, timeoutMs = 10_000): MjClient {
  return new MjClient({ baseUrl: s.url, auth: SCHEME[s.dialect], apiKey: KEY, timeoutMs });
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

/** A finished grid and its U2 customId. */
async function grid(s: Simulator, c: MjClient): Promise<{ id: string; u2: string; task: Task }> {
  const id = s.createTask({ status: 'SUCCESS' });
  const task = await c.fetchTask(id);
  const u2 = task.buttons.find((b) => b.customId.includes('::upsample::2::'));
  assert.ok(u2, 'the grid has U2');
  return { id, u2: u2.customId, task };
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return { error: e, verdict: submitFailure(e) };
  }
  assert.fail('the submit was accepted');
}

describe('submit flows × simulator', () => {
  for (const dialect of DIALECTS) {
    describe(dialect, () => {
      it('code 1: U2 makes one child, in one request', async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        s.resetCounts();
        const r = await c.submitAction(g.id, g.u2);
        assert.strictEqual(r.code, 1);
        assert.ok(r.taskId && r.taskId !== g.id);
        assert.strictEqual(s.requestCounts()[ACTION], 1);
        s.completeTask(r.taskId);
        const child = await c.fetchTask(r.taskId);
        assert.strictEqual(child.status, 'SUCCESS');
        if (dialect === 'trueai') assert.strictEqual(child.parentId, g.id, 'trueai names the parent');
      });

      it('code 21: a button that opens a window (Vary (Region)) answers with the MODAL task', async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        const up = await c.submitAction(g.id, g.u2);
        s.completeTask(up.taskId);
        const region = (await c.fetchTask(up.taskId)).buttons.find((b) => b.customId.startsWith('MJ::Inpaint::'));
        assert.ok(region, 'the upscale has Vary (Region)');
        const r = await c.submitAction(up.taskId, region.customId);
        assert.strictEqual(r.code, 21);
        assert.ok(r.needsModal);
        assert.strictEqual(isExistingTaskAnswer(r.code, r.properties), false);
        assert.strictEqual(s.getTaskStatus(r.taskId), 'MODAL');
      });

      it('code 22 is accepted and says how many are ahead (new-api rewrites it to 1)', async () => {
        // Not frozen: the account is busy while its jobs run (three at once, then a queue).
        const s = await startSimulator({ port: 0, dialect });
        sims.push(s);
        const c = client(s);
        const answers = [];
        for (let i = 0; i < 5; i++) answers.push(await c.submitImagine(`busy ${i}`));
        const queued = answers[answers.length - 1];
        assert.strictEqual(queued.code, dialect === 'newapi' ? 1 : 22);
        assert.strictEqual(queuedAhead(queued.properties, queued.description), 1);
      });

      it('code 23 (queue full) is a refusal in plain words; nothing is sent again', async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        s.setFaults([{ kind: 'refusal', path: ACTION, code: 23, description: '队列已满，请稍后尝试' }]);
        s.resetCounts();
        const { verdict } = await failure(c.submitAction(g.id, g.u2));
        assert.deepStrictEqual(verdict, { kind: 'refused', words: 'the queue is full' });
        assert.strictEqual(s.requestCounts()[ACTION], 1);
      });

      it('code 24 names the banned word', async () => {
        const s = await sim(dialect);
        const { verdict } = await failure(client(s).submitImagine('a cat --banned'));
        assert.strictEqual(verdict.kind, 'refused');
        assert.match(verdict.words, /banned word: banned/);
      });

      it('code 4 (a press on an unfinished task) and a missing parent are refusals', async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        const running = s.createTask({ status: 'IN_PROGRESS', progress: 40 });
        const unfinished = await failure(c.submitAction(running, g.u2));
        assert.strictEqual(unfinished.verdict.kind, 'refused');
        assert.ok(unfinished.error instanceof SubmitRejectedError);
        const missing = await failure(c.submitAction('1111111111111111', g.u2));
        assert.strictEqual(missing.verdict.kind, 'refused');
        if (dialect !== 'newapi') assert.match(missing.verdict.words, /does not exist/);
      });

      it("a gateway's insufficient balance and rate limit, and HTTP 429, are refusals in plain words", async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        s.setFaults([{ kind: 'refusal', path: ACTION, code: 4, description: 'quota_not_enough', times: 1 }]);
        assert.match((await failure(c.submitAction(g.id, g.u2))).verdict.words, /insufficient balance \(quota_not_enough\)/);
        s.setFaults([{ kind: 'refusal', path: ACTION, code: 30, description: '当前分组负载已饱和，请稍后再试', times: 1 }]);
        const saturated = (await failure(c.submitAction(g.id, g.u2))).verdict;
        assert.strictEqual(saturated.kind, 'refused');
        assert.match(saturated.words, /limiting how often/);
        s.setFaults([{ kind: 'status429', path: ACTION, times: 1 }]);
        assert.deepStrictEqual((await failure(c.submitAction(g.id, g.u2))).verdict.kind, 'refused');
      });

      it('a timeout is "may or may not"; it is never sent again, and the job is found where the server lists tasks', async () => {
        const s = await sim(dialect);
        const c = client(s, 800);
        const g = await grid(s, c);
        s.setFaults([{ kind: 'lostAnswer', then: 'hang', path: ACTION, times: 1 }]);
        s.resetCounts();
        const sentAt = Date.now();
        const { verdict } = await failure(c.submitAction(g.id, g.u2));
        assert.strictEqual(verdict.kind, 'unsure');
        assert.match(verdict.words, /timed out/);
        assert.strictEqual(s.requestCounts()[ACTION], 1, 'one request, no retry');
        const recent = await client(s).listRecent();
        if (dialect === 'newapi') {
          assert.strictEqual(recent, 'unsupported', 'gateways cannot list recent tasks');
          return;
        }
        assert.notStrictEqual(recent, 'unsupported');
        const found = findSubmitted(recent as Task[], { parentId: g.id, customId: g.u2, sentAt, known: new Set([g.id]) });
        assert.ok(found, 'the child made by the lost submit is found');
        assert.strictEqual(s.getTaskStatus(found.id) !== undefined, true);
        assert.strictEqual(found.action, 'UPSCALE');
        assert.strictEqual(s.requestCounts()[ACTION], 1, 'the look-up sent nothing');
      });

      it('an early close after the server took the job is "may or may not", not "not sent"', async () => {
        const s = await sim(dialect);
        const c = client(s);
        const g = await grid(s, c);
        s.setFaults([{ kind: 'lostAnswer', path: ACTION, times: 1 }]);
        const { verdict } = await failure(c.submitAction(g.id, g.u2));
        assert.strictEqual(verdict.kind, 'unsure');
      });
    });
  }

  it('a server that cannot be reached was never sent anything', async () => {
    const s = await sim('novicezk');
    const url = s.url;
    await s.close();
    const c = new MjClient({ baseUrl: url, auth: 'mj-api-secret', apiKey: KEY, timeoutMs: 2000 });
    assert.strictEqual((await failure(c.submitAction('1', 'MJ::JOB::upsample::2::x'))).verdict.kind, 'notSent');
  });

  it("novicezk's code 21 for an upscale that exists is not a window to answer", async () => {
    const s = await sim('novicezk');
    const c = client(s);
    const g = await grid(s, c);
    await c.submitAction(g.id, g.u2);
    const again = await c.submitAction(g.id, g.u2);
    assert.strictEqual(again.code, 21);
    assert.ok(isExistingTaskAnswer(again.code, again.properties));
  });
});
