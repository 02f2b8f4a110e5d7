// What tests drive the simulator with instead of waiting for time to pass: a frozen simulator in
// which nothing moves by itself, setTaskProgress, and the control routes a test in another process
// (npm start --control) uses.

import * as assert from 'assert';
import { type Json, sim, advanceClock, call, fetchTask, submit } from './simulatorHelpers';

const TOKEN = 'test-control-token';

/** A control request; `token: null` sends none. */
function control(s: { url: string }, path: string, body: unknown, token: string | null = TOKEN, method = 'POST') {
  return fetch(`${s.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { 'x-sim-control': token }) },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
}

describe('simulator: driven by the test', () => {
  it('frozen: the demo tasks, created and submitted tasks stay where they are, however far the clock goes', async () => {
    const s = await sim({ dialect: 'newapi', seedDemo: true, frozen: true });
    const created = s.createTask({ prompt: 'a fox', status: 'IN_PROGRESS', progress: 40, durationMs: 1000 });
    const { id: submitted } = await submit(s, 'imagine', { prompt: 'an owl' });
    const ids = [...s.demoTaskIds, created, submitted];
    const before = await Promise.all(ids.map((id) => fetchTask(s, id)));
    advanceClock(60 * 60_000);
    const after = await Promise.all(ids.map((id) => fetchTask(s, id)));
    assert.deepStrictEqual(after.map((t) => [t.status, t.progress]), before.map((t) => [t.status, t.progress]));
    assert.ok(before.some((t) => t.status === 'IN_PROGRESS') && before.some((t) => t.status === 'SUBMITTED'), 'the demo still has tasks in flight');
    assert.strictEqual(s.getTaskStatus(created), 'IN_PROGRESS');
    const roles = s.demoTasks().filter((d) => ['IN_PROGRESS', 'SUBMITTED', 'NOT_START'].includes(d.status)).map((d) => d.role);
    assert.strictEqual(roles.length, 4);
    for (const role of roles) assert.match(role, /held until a test moves it/);
    assert.ok(!s.demoTasks().some((d) => /finishes in|starts in/.test(d.role)), 'no role promises a time');
  });

  it('not frozen: the same demo moves on the clock, and its roles say when', async () => {
    const s = await sim({ dialect: 'newapi', seedDemo: true });
    assert.ok(s.demoTasks().some((d) => /VARIATION at 62 %, finishes in ~17 s/.test(d.role)));
    const id = s.demoTasks().find((d) => /VARIATION/.test(d.role))!.id;
    advanceClock(60_000);
    assert.strictEqual(s.getTaskStatus(id), 'SUCCESS');
  });

  it('setTaskProgress puts a task at N % and keeps it there, with its start time; then completeTask finishes it', async () => {
    const s = await sim({ dialect: 'trueai' });
    const moving = s.createTask({ prompt: 'a boat', status: 'IN_PROGRESS', progress: 20, durationMs: 10_000 });
    const started = (await fetchTask(s, moving)).startTime;
    s.setTaskProgress(moving, 62);
    advanceClock(60_000);
    const held = await fetchTask(s, moving);
    assert.deepStrictEqual([held.status, held.progress, held.startTime], ['IN_PROGRESS', '62%', started]);

    const queued = s.createTask({ prompt: 'a kite', frozen: true });
    s.setTaskProgress(queued, 15);
    const running = await fetchTask(s, queued);
    assert.deepStrictEqual([running.status, running.progress], ['IN_PROGRESS', '15%']);
    assert.ok(Number(running.startTime) > 0, 'a task that starts running gets a start time');

    s.completeTask(moving, 'SUCCESS');
    const done = await fetchTask(s, moving);
    assert.deepStrictEqual([done.status, done.progress], ['SUCCESS', '100%']);
  });

  it('setTaskProgress refuses a finished task, a progress out of 0–100 and an unknown ID', async () => {
    const s = await sim();
    const done = s.createTask({ status: 'SUCCESS' });
    const running = s.createTask({ status: 'IN_PROGRESS', frozen: true });
    assert.throws(() => s.setTaskProgress(done, 50), /has finished \(SUCCESS\)/);
    assert.throws(() => s.setTaskProgress(running, 101), /0–100/);
    assert.throws(() => s.setTaskProgress(running, Number.NaN), /0–100/);
    assert.throws(() => s.setTaskProgress('1700000000000000', 50), /no task 1700000000000000/);
  });

  it('the control routes move a task as the handle does, answer its state, and are not counted', async () => {
    const s = await sim({ dialect: 'newapi', frozen: true, controlToken: TOKEN });
    const id = s.createTask({ prompt: 'a lamp', status: 'IN_PROGRESS', progress: 31 });
    s.resetCounts();

    const progressed = await control(s, `tasks/${id}/progress`, { progress: 93 });
    assert.deepStrictEqual(progressed, { status: 200, body: { id, status: 'IN_PROGRESS', progress: 93 } });
    assert.strictEqual((await fetchTask(s, id)).progress, '93%');

    const failed = await control(s, `tasks/${id}/complete`, { outcome: 'FAILURE', failReason: '[Invalid parameter] --ar' });
    assert.deepStrictEqual(failed, { status: 200, body: { id, status: 'FAILURE', progress: null } });
    assert.strictEqual((await fetchTask(s, id)).failReason, '[Invalid parameter] --ar');

    const other = s.createTask({ status: 'SUBMITTED' });
    assert.deepStrictEqual(await control(s, `tasks/${other}/complete`, {}), { status: 200, body: { id: other, status: 'SUCCESS', progress: 100 } });
    assert.deepStrictEqual(s.requestCounts(), { 'GET /mj/task/:id/fetch': 2 }, 'only the API requests are counted');
  });

  it('the control routes refuse a request without the token, a wrong body, an unknown task or route, and a finished task moved back', async () => {
    const s = await sim({ frozen: true, controlToken: TOKEN });
    const id = s.createTask({ status: 'IN_PROGRESS' });
    const done = s.createTask({ status: 'SUCCESS' });
    assert.strictEqual((await control(s, `tasks/${id}/progress`, { progress: 50 }, null)).status, 403);
    assert.strictEqual((await control(s, `tasks/${id}/progress`, { progress: 50 }, `${TOKEN}x`)).status, 403);
    assert.strictEqual((await control(s, `tasks/${id}/progress`, { progress: 50 }, 'mj-sim-key')).status, 403, 'the API key is not the token');
    assert.strictEqual((await control(s, `tasks/${id}/progress`, undefined, TOKEN, 'GET')).status, 405);
    assert.strictEqual((await control(s, `tasks/${id}/progress`, { progress: '50' })).status, 400);
    assert.strictEqual((await control(s, `tasks/${id}/progress`, [50])).status, 400);
    assert.strictEqual((await control(s, `tasks/${id}/complete`, { outcome: 'CANCEL' })).status, 400);
    assert.strictEqual((await control(s, 'tasks/1700000000000000/complete', {})).status, 404);
    assert.strictEqual((await control(s, `tasks/${id}/explode`, {})).status, 404);
    const back = await control(s, `tasks/${done}/progress`, { progress: 50 });
    assert.strictEqual(back.status, 409);
    assert.match(String(back.body.error), /has finished/);
    assert.strictEqual(s.getTaskStatus(id), 'IN_PROGRESS', 'nothing refused moved the task');
  });

  it('without a control token there are no control routes: the dialect answers as for any unknown path', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'IN_PROGRESS', frozen: true });
    const r = await call(s, `/_sim/tasks/${id}/complete`, { body: {}, headers: { 'x-sim-control': '' } });
    const unknown = await call(s, '/no/such/route', { body: {}, headers: {} });
    assert.deepStrictEqual([r.status, r.text], [unknown.status, unknown.text.replace('/no/such/route', `/_sim/tasks/${id}/complete`)]);
    assert.strictEqual(s.getTaskStatus(id), 'IN_PROGRESS');
  });
});
