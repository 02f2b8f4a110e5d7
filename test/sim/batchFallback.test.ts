// The batch endpoint is an optimisation, never a verdict, against the simulator: a failing or
// paging list-by-condition costs extra /fetch requests, never a live task. Through MjClient and
// through the poll loop (PollScheduler + TaskStore), as the extension runs it.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { ServerQuirks } from '../../src/core/serverQuirks';
import { startSimulator, type Fault, type Simulator } from '../../src/simulator';
import { coreLoop } from '../faults/coreLoop';
import { rejectsMjError } from '../unit/clientFixture';

const KEY = 'sim-batch-key-0123';
const LIST = 'POST /mj/task/list-by-condition';
const FETCH = 'GET /mj/task/:id/fetch';

describe('batch endpoint as an optimisation × simulator', () => {
  let sims: Simulator[] = [];
  afterEach(async () => {
    await Promise.all(sims.map((s) => s.close()));
    sims = [];
  });

  async function sim(faults: Fault[] = []): Promise<{ s: Simulator; c: MjClient; ids: string[] }> {
    const s = await startSimulator({ port: 0, dialect: 'newapi', apiKey: KEY });
    sims.push(s);
    const ids = [s.createTask({ status: 'SUCCESS' }), s.createTask({ status: 'IN_PROGRESS', progress: 40, frozen: true }), s.createTask({ status: 'FAILURE', failReason: 'banned word' })];
    s.setFaults(faults);
    return { s, c: new MjClient({ baseUrl: s.url, auth: 'bearer', apiKey: KEY, quirks: new ServerQuirks() }), ids };
  }

  for (const [name, fault] of [
    ['a 500', { kind: 'status5xx', path: LIST }],
    ['a 502 page', { kind: 'status5xx', status: 502, path: LIST }],
    ['truncated JSON', { kind: 'truncated', path: LIST }],
    ['a reset', { kind: 'reset', path: LIST }],
    ['an oversized body', { kind: 'oversized', path: LIST }],
  ] as [string, Fault][]) {
    it(`list-by-condition failing with ${name}: every task comes from /fetch instead, and the list is tried again next time`, async () => {
      const { s, c, ids } = await sim([fault]);
      const r = await c.fetchTasks(ids);
      assert.deepStrictEqual([...r.tasks.keys()].sort(), [...ids].sort());
      assert.deepStrictEqual([r.missing, r.errors.size], [[], 0]);
      assert.deepStrictEqual([s.requestCounts()[LIST], s.requestCounts()[FETCH]], [1, 3]);
      s.clearFaults();
      s.resetCounts();
      await c.fetchTasks(ids);
      assert.deepStrictEqual(s.requestCounts(), { [LIST]: 1 });
    });
  }

  it('a list that pages (one task per answer): the others are asked for with /fetch, none is called missing', async () => {
    const { s, c, ids } = await sim([{ kind: 'paged', size: 1, path: LIST }]);
    const unknown = '1111111111111111';
    const r = await c.fetchTasks([...ids, unknown]);
    assert.deepStrictEqual([...r.tasks.keys()].sort(), [...ids].sort());
    assert.deepStrictEqual(r.missing, [unknown]);
    assert.deepStrictEqual([s.requestCounts()[LIST], s.requestCounts()[FETCH]], [1, 3]);
  });

  it('a refused key on list-by-condition is a verdict for the whole batch: no per-ID fetches', async () => {
    const { s, ids } = await sim();
    const wrong = new MjClient({ baseUrl: s.url, auth: 'bearer', apiKey: 'not-the-key-000' });
    await rejectsMjError(wrong.fetchTasks(ids), 'Unauthorized', 'not-the-key-000');
    assert.deepStrictEqual(s.requestCounts(), { [LIST]: 1 });
  });

  it('a 429 on list-by-condition is a verdict too: waiting is what the server asked for', async () => {
    const { s, c, ids } = await sim([{ kind: 'status429', retryAfterSec: 9, path: LIST }]);
    await rejectsMjError(c.fetchTasks(ids), 'RateLimited', KEY);
    assert.deepStrictEqual(s.requestCounts(), { [LIST]: 1 });
  });

  it('a single ID is asked for with /fetch', async () => {
    const { s, c, ids } = await sim();
    assert.strictEqual((await c.fetchTasks([ids[0]])).tasks.get(ids[0])?.status, 'SUCCESS');
    assert.deepStrictEqual(s.requestCounts(), { [FETCH]: 1 });
  });

  it('the poll loop keeps every live task while the list endpoint fails or pages', async () => {
    const { s, c, ids } = await sim([{ kind: 'status5xx', path: LIST, times: 1 }]);
    const { store, scheduler, dispose } = coreLoop((_p, batch, signal) => c.fetchTasks(batch, { signal }));
    store.add(ids, 'sim');
    try {
      await scheduler.pollNow();
      s.setFaults([{ kind: 'paged', size: 1, path: LIST }]);
      // Named, so the finished ones are asked for again and the batch call is used.
      await scheduler.pollNow(ids);
      assert.ok((s.requestCounts()[LIST] ?? 0) >= 2);
      for (const id of ids) {
        const t = store.get(id);
        assert.strictEqual(t?.error, null, `${id}: ${t?.error?.message}`);
        assert.ok(t?.task, id);
      }
      assert.deepStrictEqual(
        ids.map((id) => store.get(id)?.task?.status),
        ['SUCCESS', 'IN_PROGRESS', 'FAILURE'],
      );
    } finally {
      dispose();
    }
  });
});
