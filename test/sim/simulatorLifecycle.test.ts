// A task's life on the simulator: NOT_START to SUCCESS or FAILURE on the test's clock (and once on
// the real one), prompt triggers, submit codes, createTask and completeTask.

import * as assert from 'assert';
import { DIALECTS, type Json, sim, advanceClock, finishAll, call, fetchTask, submit, waitFor } from './simulatorHelpers';

describe('simulator: lifecycle', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: NOT_START → SUBMITTED → IN_PROGRESS (rising, previews) → SUCCESS with buttons`, async () => {
      const s = await sim({ dialect, speed: 1 });
      const { id } = await submit(s, 'imagine', { prompt: 'a lighthouse at dawn' });
      const seen: string[] = [];
      const progress: string[] = [];
      let previewSeen = false;
      for (let t = 0; t <= 15_000; t += 250) {
        const task = await fetchTask(s, id);
        const status = String(task.status);
        if (seen[seen.length - 1] !== status) seen.push(status);
        if (status === 'IN_PROGRESS') {
          if (progress[progress.length - 1] !== task.progress) progress.push(String(task.progress));
          if (task.imageUrl) previewSeen = true;
        }
        advanceClock(250);
      }
      const expected = dialect === 'newapi' ? ['', 'NOT_START', 'SUBMITTED', 'IN_PROGRESS', 'SUCCESS'] : ['NOT_START', 'SUBMITTED', 'IN_PROGRESS', 'SUCCESS'];
      assert.deepStrictEqual(seen, expected);
      assert.ok(progress.length >= 4, progress.join());
      const numbers = progress.map((p) => Number(p.replace('%', '')));
      assert.ok(numbers.every((n, i) => i === 0 || n > numbers[i - 1]), progress.join());
      assert.ok(progress.every((p) => /^\d+%$/.test(p)));
      assert.ok(previewSeen, 'an intermediate imageUrl while in progress');

      const done = await fetchTask(s, id);
      assert.strictEqual(done.progress, '100%');
      const buttons = done.buttons as { customId: string; label: string; emoji: string }[];
      const props = done.properties as Json;
      assert.deepStrictEqual(buttons.map((b) => b.label || b.emoji), ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
      assert.strictEqual(props.finalPrompt, 'a lighthouse at dawn --v 7');
      if (dialect !== 'newapi') {
        assert.match(String(props.messageHash), /^[0-9a-f-]{36}$/);
        assert.strictEqual(buttons[1].customId, `MJ::JOB::upsample::2::${String(props.messageHash)}`);
      }
      assert.ok(Number(done.finishTime) > Number(done.startTime) && Number(done.startTime) > Number(done.submitTime) - 1);
    });
  }

  it('runs on the real clock too: at speed 100 a task finishes within its scaled time', async () => {
    const s = await sim({ dialect: 'trueai', speed: 100, now: Date.now });
    const { id } = await submit(s, 'imagine', { prompt: 'quick' });
    await waitFor('SUCCESS', async () => (await fetchTask(s, id)).status === 'SUCCESS', 3000);
  });

  it('a prompt with "fail" ends in FAILURE with a Discord-style reason; progress "" (proxies) or "100%" (newapi)', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect });
      const plain = await submit(s, 'imagine', { prompt: 'a cat --fail' });
      const banned = await submit(s, 'imagine', { prompt: 'nsfw thing that will fail' });
      finishAll();
      const a = await fetchTask(s, plain.id);
      const b = await fetchTask(s, banned.id);
      assert.strictEqual(a.status, 'FAILURE');
      assert.match(String(a.failReason), /^\[Invalid parameter\] /);
      assert.match(String(b.failReason), /^\[Banned prompt detected\] /);
      assert.strictEqual(a.progress, dialect === 'newapi' ? '100%' : '', dialect);
    }
  });

  it('"--banned" is refused at submit with code 24 and no task', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect });
      const r = await submit(s, 'imagine', { prompt: 'something --banned' });
      assert.strictEqual(r.code, 24, dialect);
      assert.strictEqual(r.reply.result, null);
      assert.strictEqual((r.reply.properties as Json).bannedWord, 'banned');
    }
  });

  it('an empty prompt is a validation error: code 4, or new-api\'s own 400', async () => {
    const nz = await submit(await sim({ dialect: 'novicezk' }), 'imagine', { prompt: '' });
    assert.strictEqual(nz.code, 4);
    const na = await call(await sim({ dialect: 'newapi' }), '/mj/submit/imagine', { body: { prompt: ' ' } });
    assert.strictEqual(na.status, 400);
    assert.deepStrictEqual(JSON.parse(na.text), { code: 4, description: 'prompt_is_required ', type: 'upstream_error' });
  });

  it('createTask places, freezes and completes tasks; getTaskJson is what fetch returns', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const frozen = s.createTask({ status: 'IN_PROGRESS', progress: 40, frozen: true });
    const moving = s.createTask({ status: 'IN_PROGRESS', progress: 40, durationMs: 10_000 });
    finishAll();
    assert.deepStrictEqual(await fetchTask(s, frozen), s.getTaskJson(frozen));
    assert.strictEqual((s.getTaskJson(frozen) as Json).progress, '40%');
    assert.strictEqual((s.getTaskJson(moving) as Json).status, 'SUCCESS');
    s.completeTask(frozen, 'FAILURE', '[Image denied] nope');
    const t = await fetchTask(s, frozen);
    assert.deepStrictEqual([t.status, t.failReason, t.progress], ['FAILURE', '[Image denied] nope', '']);
    assert.strictEqual(s.getTaskJson('0'), undefined);
    assert.strictEqual(s.getTaskStatus(frozen), 'FAILURE');
  });

  it('submit answers 22 "in queue" once three jobs run; newapi rewrites it to 1', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect });
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await submit(s, 'imagine', { prompt: `p${i}` })).code);
      assert.deepStrictEqual(codes, dialect === 'newapi' ? [1, 1, 1, 1, 1] : [1, 1, 1, 22, 22], dialect);
    }
  });
});
