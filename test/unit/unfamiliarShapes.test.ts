// Shapes no sample in this repo has but real relays send: other key casings, wrapped answers,
// Discord's emoji objects, properties as JSON text, gateway-built media links. Read through
// normalizeTask directly and, for the wrappers, through MjClient over loopback HTTP.

import * as assert from 'assert';
import { MjClient } from '../../src/core/client';
import { BadResponseError, MjError, TaskNotFoundError } from '../../src/core/errors';
import { resolveMediaUrl } from '../../src/core/mediaUrls';
import { normalizeTask, unwrapTask, unwrapTaskList } from '../../src/core/task';
import { Handler, Loopback, send, startLoopback } from './loopback';

const ID = '1730621826053455';
const HASH = '6dc7beb8-8310-4fd4-b46c-716b422ddffc';

describe('unfamiliar shapes: field names', () => {
  it('reads snake_case keys (Python relays, new-api forks)', () => {
    const t = normalizeTask({
      task_id: ID,
      status: 'SUCCESS',
      progress: '100%',
      prompt_en: 'a cat',
      image_url: 'https://cdn.example/a.png',
      image_urls: [{ url: 'https://cdn.example/0.png' }],
      video_url: 'https://cdn.example/v.mp4',
      fail_reason: '',
      submit_time: 1730621826053,
      finish_time: 1730621855817,
      parent_id: 1730621826053000,
      buttons: [{ custom_id: `MJ::JOB::upsample::2::${HASH}`, label: 'U2' }],
      properties: { final_prompt: 'a cat --v 6.1' },
    });
    assert.ok(t);
    assert.strictEqual(t.id, ID);
    assert.strictEqual(t.promptEn, 'a cat');
    assert.strictEqual(t.imageUrl, 'https://cdn.example/a.png');
    assert.deepStrictEqual(t.imageUrls, ['https://cdn.example/0.png']);
    assert.deepStrictEqual(t.videoUrls, ['https://cdn.example/v.mp4']);
    assert.deepStrictEqual([t.submitTime, t.finishTime], [1730621826053, 1730621855817]);
    assert.strictEqual(t.parentId, '1730621826053000');
    assert.deepStrictEqual(t.buttons, [{ customId: `MJ::JOB::upsample::2::${HASH}`, label: 'U2', emoji: '' }]);
    assert.strictEqual(t.finalPrompt, 'a cat --v 6.1');
  });

  it('reads PascalCase keys (.NET without a camelCase policy)', () => {
    const t = normalizeTask({ Id: ID, Action: 'UPSCALE', Status: 'IN_PROGRESS', Progress: 40, ImageUrl: 'https://x.example/p.webp', FailReason: null });
    assert.ok(t);
    assert.deepStrictEqual([t.id, t.action, t.status, t.progress, t.imageUrl], [ID, 'UPSCALE', 'IN_PROGRESS', 40, 'https://x.example/p.webp']);
  });

  it('prefers the exact camelCase key when a body has both spellings', () => {
    const t = normalizeTask({ id: ID, imageUrl: 'https://a.example/1.png', image_url: 'https://b.example/2.png' });
    assert.strictEqual(t?.imageUrl, 'https://a.example/1.png');
  });

  it("reads Discord's emoji objects and a single imageUrls string", () => {
    const t = normalizeTask({
      id: ID,
      buttons: [{ customId: `MJ::JOB::reroll::0::${HASH}::SOLO`, emoji: { name: '🔄', id: null } }, { customId: 'x', emoji: 7 }],
      imageUrls: 'https://cdn.example/0.png, https://cdn.example/1.png',
    });
    assert.deepStrictEqual(t?.buttons.map((b) => b.emoji), ['🔄', '']);
    assert.deepStrictEqual(t?.imageUrls, ['https://cdn.example/0.png', 'https://cdn.example/1.png']);
  });

  it('reads properties sent as a JSON text, and ignores properties that are junk text', () => {
    assert.strictEqual(normalizeTask({ id: ID, properties: '{"finalPrompt":"a dog --ar 3:2"}' })?.finalPrompt, 'a dog --ar 3:2');
    assert.strictEqual(normalizeTask({ id: ID, properties: '{broken' })?.finalPrompt, null);
  });
});

describe('unfamiliar shapes: wrappers', () => {
  const task = { id: ID, status: 'SUCCESS', progress: '100%', imageUrl: 'https://cdn.example/a.png' };

  it('unwraps {code, result}, {code, data}, {success, data: {task}} and a one-element list', () => {
    for (const body of [{ code: 1, description: 'ok', result: task }, { code: 0, msg: 'success', data: task }, { success: true, data: { task } }, [task]]) {
      assert.deepStrictEqual(unwrapTask(body), task, JSON.stringify(body));
    }
  });

  it('leaves a task alone even when it has a data or result field of its own', () => {
    const own = { ...task, result: { seed: 1 }, data: [] };
    assert.strictEqual(unwrapTask(own), own);
  });

  it('finds the list in {code, result: [...]}, {data: {list: [...]}} and {data: {records: [...]}}', () => {
    for (const body of [[task], { code: 1, result: [task] }, { data: { list: [task] } }, { data: { records: [task], total: 1 } }]) {
      assert.deepStrictEqual(unwrapTaskList(body), [task], JSON.stringify(body));
    }
    assert.strictEqual(unwrapTaskList({ code: 1, description: 'no' }), null);
  });
});

describe('unfamiliar shapes: MjClient over loopback', () => {
  let server: Loopback | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientFor(handler: Handler): Promise<MjClient> {
    server = await startLoopback(handler);
    return new MjClient({ baseUrl: server.url, auth: 'bearer', apiKey: 'sk-0123456789' });
  }

  it('fetches a task a relay wraps in {code: 0, data}', async () => {
    const c = await clientFor((_req, res) => send(res, 200, JSON.stringify({ code: 0, msg: 'success', data: { id: ID, status: 'in_progress', progress: '12%' } })));
    const t = await c.fetchTask(ID);
    assert.deepStrictEqual([t.id, t.status, t.progress], [ID, 'IN_PROGRESS', 12]);
  });

  it('batches through a list-by-condition that wraps its list, instead of falling back to one request per ID', async () => {
    const ids = [ID, '1730621826053456', '1730621826053457'];
    const c = await clientFor((req, res) => {
      if (!req.url.endsWith('/list-by-condition')) return send(res, 204, '', null);
      const asked = (JSON.parse(req.body) as { ids: string[] }).ids;
      send(res, 200, JSON.stringify({ code: 1, result: asked.slice(0, 2).map((id) => ({ id, status: 'SUBMITTED' })) }));
    });
    const batch = await c.fetchTasks(ids);
    assert.deepStrictEqual([...batch.tasks.keys()], ids.slice(0, 2));
    assert.deepStrictEqual(batch.missing, [ids[2]]);
    // The one list request, and /fetch for the ID it left out.
    assert.deepStrictEqual(server?.requests.map((q) => q.url), ['/mj/task/list-by-condition', `/mj/task/${ids[2]}/fetch`]);
  });

  it('a server that answers every path with a bare 404: not taken for "no such task" (the base URL is likely wrong)', async () => {
    const c = await clientFor((_req, res) => send(res, 404, '', null));
    const batch = await c.fetchTasks([ID, '1730621826053456']);
    assert.deepStrictEqual(batch.missing, []);
    assert.deepStrictEqual([...batch.errors.values()].map((e) => (e as BadResponseError).reason), ['bare-404', 'bare-404']);
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof BadResponseError && e.reason === 'bare-404' && /base URL/.test(e.hint) && e.message.includes(ID));
  });

  it('a 404 that says "not found" is TaskNotFound', async () => {
    const c = await clientFor((_req, res) => send(res, 404, JSON.stringify({ code: 3, description: '关联任务不存在或已失效' })));
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof TaskNotFoundError);
  });

  it('a 200 envelope that says "not found" is TaskNotFound; one that says something else shows what it said', async () => {
    let answer = {};
    const c = await clientFor((_req, res) => send(res, 200, JSON.stringify(answer)));
    answer = { code: 4, description: 'task_no_found', result: null };
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof MjError && e.kind === 'TaskNotFound');
    answer = { code: 500, msg: '任务不存在', data: null };
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof MjError && e.kind === 'TaskNotFound');
    answer = { error: { message: '该令牌额度已用尽', type: 'new_api_error' } };
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof MjError && e.kind === 'BadResponse' && e.message.includes('该令牌额度已用尽'));
    answer = { hello: 'world' };
    await assert.rejects(c.fetchTask(ID), (e: unknown) => e instanceof MjError && e.kind === 'BadResponse' && (e as { reason?: string }).reason === 'shape');
  });
});

describe('unfamiliar shapes: media URLs a gateway built from an unset address', () => {
  const server = new URL('https://relay.example.com/mj-relax');

  it('points localhost /mj/image/ links and bare paths back at the server the task came from', () => {
    assert.strictEqual(resolveMediaUrl('http://localhost:3000/mj/image/1730621826053455?rand=1', server), 'https://relay.example.com/mj/image/1730621826053455?rand=1');
    assert.strictEqual(resolveMediaUrl('/mj/image/1730621826053455', server), 'https://relay.example.com/mj/image/1730621826053455');
    assert.strictEqual(resolveMediaUrl('//cdn.example/a.png', server), 'https://cdn.example/a.png');
  });

  it('leaves real links alone, and loopback links when the server is on loopback too', () => {
    for (const url of ['https://cdn.discordapp.com/attachments/1/2/a.png?ex=1', 'http://localhost:3000/other/a.png', 'javascript:alert(1)', 'not a url']) {
      assert.strictEqual(resolveMediaUrl(url, server), url);
    }
    assert.strictEqual(resolveMediaUrl('http://localhost:3000/mj/image/1', new URL('http://127.0.0.1:3000')), 'http://localhost:3000/mj/image/1');
  });

  it('is applied to what MjClient fetches', async () => {
    let s: Loopback | undefined;
    try {
      s = await startLoopback((_req, res) =>
        send(res, 200, JSON.stringify({ id: ID, status: 'SUCCESS', imageUrl: '/mj/image/1730621826053455', imageUrls: [{ url: '//cdn.example/0.png' }] })),
      );
      // A loopback server is "the server itself" here: bare paths still resolve against it.
      const t = await new MjClient({ baseUrl: s.url, auth: 'none' }).fetchTask(ID);
      assert.strictEqual(t.imageUrl, `${s.url}/mj/image/1730621826053455`);
      assert.deepStrictEqual(t.imageUrls, ['http://cdn.example/0.png']);
    } finally {
      await s?.close();
    }
  });
});
