// The simulator over real loopback HTTP, in each dialect: auth, not-found shapes, the lifecycle,
// batch lists, buttons and actions, every fault kind, the images and videos, counts and close().
// Most lifecycle tests drive the simulator's clock (the `now` option) instead of waiting; the
// few real-time ones wait for a condition, never for a fixed time.

import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as zlib from 'zlib';
import { startSimulator, type Dialect, type Simulator, type SimulatorOptions } from '../../src/simulator';
import { parseRange, videoAssetPath } from '../../src/simulator/video';

const KEY = 'mj-sim-key';
const DIALECTS: Dialect[] = ['novicezk', 'trueai', 'newapi'];
type Json = Record<string, unknown>;

interface Res {
  status: number;
  headers: Headers;
  text: string;
}

let sims: Simulator[] = [];
let clock = 1_790_000_000_000;

async function sim(opts: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ port: 0, now: () => clock, ...opts });
  sims.push(s);
  return s;
}

function auth(dialect: Dialect, key = KEY): Record<string, string> {
  if (dialect === 'novicezk') return { 'mj-api-secret': key };
  if (dialect === 'trueai') return { Authorization: key };
  return { Authorization: `Bearer ${key}` };
}

async function call(s: Simulator, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Res> {
  const headers: Record<string, string> = init.headers ?? auth(s.dialect);
  const res = await fetch(s.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function json<T = Json>(s: Simulator, path: string, init?: Parameters<typeof call>[2]): Promise<T> {
  const r = await call(s, path, init);
  assert.strictEqual(r.status, 200, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
  return JSON.parse(r.text) as T;
}

const fetchTask = (s: Simulator, id: string) => json(s, `/mj/task/${id}/fetch`);

/** Submits and returns the new task ID (as text, whatever JSON type `result` had). */
async function submit(s: Simulator, kind: string, body: Json): Promise<{ code: number; id: string; raw: string; reply: Json }> {
  const r = await call(s, `/mj/submit/${kind}`, { body });
  assert.strictEqual(r.status, 200, r.text);
  const reply = JSON.parse(r.text) as Json;
  const m = /"result":"?(\d+)/.exec(r.text);
  return { code: reply.code as number, id: m ? m[1] : '', raw: r.text, reply };
}

/** Moves the simulator's clock far enough for anything started now to finish. */
function finishAll(): void {
  clock += 60_000;
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

describe('simulator: auth', () => {
  it('novicezk reads only mj-api-secret; anything else is 401 with an empty body', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const id = s.createTask({ status: 'SUCCESS' });
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`)).status, 200);
    const refused: Record<string, string>[] = [{}, { 'mj-api-secret': 'wrong' }, { Authorization: `Bearer ${KEY}` }, { Authorization: KEY }];
    for (const headers of refused) {
      const r = await call(s, `/mj/task/${id}/fetch`, { headers });
      assert.strictEqual(r.status, 401, JSON.stringify(headers));
      assert.strictEqual(r.text, '');
    }
  });

  it('trueai takes the whole Authorization header as the key, so Bearer fails; Mj-Api-Secret otherwise', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'SUCCESS' });
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: { Authorization: KEY } })).status, 200);
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: { 'Mj-Api-Secret': KEY } })).status, 200);
    const refused: Record<string, string>[] = [{}, { Authorization: `Bearer ${KEY}` }, { Authorization: 'nope' }];
    for (const headers of refused) {
      const r = await call(s, `/mj/task/${id}/fetch`, { headers });
      assert.strictEqual(r.status, 401, JSON.stringify(headers));
      assert.strictEqual(r.text, 'Authorization header missing.');
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    }
  });

  it('newapi accepts Bearer, raw Authorization and mj-api-secret; refuses with new_api_error JSON', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({ status: 'SUCCESS' });
    const accepted: Record<string, string>[] = [
      { Authorization: `Bearer ${KEY}` },
      { Authorization: KEY },
      { 'mj-api-secret': KEY },
      { Authorization: `Bearer sk-${KEY}` },
    ];
    for (const headers of accepted) {
      assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers })).status, 200, JSON.stringify(headers));
    }
    const r = await call(s, `/mj/task/${id}/fetch`, { headers: { Authorization: 'Bearer wrong' } });
    assert.strictEqual(r.status, 401);
    const body = JSON.parse(r.text) as { error: { message: string; type: string } };
    assert.strictEqual(body.error.type, 'new_api_error');
    assert.match(body.error.message, /^无效的令牌 \(request id: \d+\)$/);
  });

  it('apiKey null turns auth off', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect, apiKey: null });
      const id = s.createTask({ status: 'SUCCESS' });
      assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: {} })).status, 200, dialect);
    }
  });

  it('images need no key', async () => {
    const s = await sim({ dialect: 'trueai' });
    const r = await fetch(`${s.url}/images/grid-0.png`);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-type'), 'image/png');
  });
});

describe('simulator: unknown task IDs', () => {
  it('novicezk: 200 with an empty body; trueai: 204; newapi: 400 task_no_found with the trailing space', async () => {
    const nz = await call(await sim({ dialect: 'novicezk' }), '/mj/task/1111111111111111/fetch');
    assert.deepStrictEqual([nz.status, nz.text], [200, '']);
    const ta = await call(await sim({ dialect: 'trueai' }), '/mj/task/1111111111111111/fetch');
    assert.deepStrictEqual([ta.status, ta.text], [204, '']);
    const na = await call(await sim({ dialect: 'newapi' }), '/mj/task/1111111111111111/fetch');
    assert.strictEqual(na.status, 400);
    assert.strictEqual(na.text, '{"code":4,"description":"task_no_found ","type":"upstream_error"}');
  });
});

describe('simulator: task JSON per dialect', () => {
  it('newapi: every MidjourneyDto key, in order, and the just-submitted shape', async () => {
    const s = await sim({ dialect: 'newapi' });
    const { id } = await submit(s, 'imagine', { prompt: 'pig --v 6.1' });
    const t = await fetchTask(s, id);
    assert.deepStrictEqual(Object.keys(t), [
      'id', 'action', 'customId', 'botType', 'prompt', 'promptEn', 'description', 'state', 'submitTime', 'startTime', 'finishTime',
      'imageUrl', 'videoUrl', 'videoUrls', 'status', 'progress', 'failReason', 'buttons', 'maskBase64', 'properties',
    ]);
    assert.deepStrictEqual(
      { ...t, id: 'X', submitTime: 0 },
      {
        id: 'X', action: 'IMAGINE', customId: '', botType: '', prompt: 'pig --v 6.1', promptEn: '', description: 'Submit success', state: '',
        submitTime: 0, startTime: 0, finishTime: 0, imageUrl: '', videoUrl: '', videoUrls: null, status: '', progress: '0%', failReason: '',
        buttons: null, maskBase64: '', properties: null,
      },
    );
    finishAll();
    const done = await fetchTask(s, id);
    assert.strictEqual(done.status, 'SUCCESS');
    assert.deepStrictEqual(done.properties, { finalPrompt: 'pig --v 6.1', finalZhPrompt: '' });
    assert.strictEqual(done.imageUrl, `${s.url}/mj/image/${id}`);
  });

  it('novicezk: Jackson order (id, properties, action, status, …) with nulls kept', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const { id } = await submit(s, 'imagine', { prompt: 'Cat' });
    const t = await fetchTask(s, id);
    assert.deepStrictEqual(Object.keys(t).slice(0, 4), ['id', 'properties', 'action', 'status']);
    for (const k of ['prompt', 'promptEn', 'description', 'state', 'submitTime', 'startTime', 'finishTime', 'imageUrl', 'progress', 'failReason']) {
      assert.ok(k in t, k);
    }
    assert.deepStrictEqual([t.status, t.progress, t.startTime, t.imageUrl, t.failReason, t.state], ['NOT_START', null, null, null, null, null]);
    assert.strictEqual(t.description, '/imagine Cat');
  });

  it('trueai: the wide TaskInfo key set (Apifox sample), imageUrls objects, noise keys', async () => {
    const s = await sim({ dialect: 'trueai' });
    const { id } = await submit(s, 'imagine', { prompt: 'a red fox' });
    finishAll();
    const t = await fetchTask(s, id);
    const apifox = [
      'properties', 'id', 'parentId', 'botType', 'realBotType', 'userId', 'isWhite', 'nonce', 'interactionMetadataId', 'messageId',
      'remixModalMessageId', 'remixAutoSubmit', 'remixModaling', 'instanceId', 'subInstanceId', 'messageIds', 'action', 'status',
      'isCompleted', 'prompt', 'promptEn', 'promptFull', 'description', 'state', 'submitTime', 'startTime', 'finishTime', 'imageUrl',
      'baseImageUrl', 'imageUrls', 'thumbnailUrl', 'progress', 'failReason', 'buttons', 'displays', 'seed', 'seedMessageId', 'jobId',
      'isReplicate', 'replicateSource', 'replicateTarget', 'mode', 'requestMode', 'url', 'proxyUrl', 'height', 'width', 'size',
      'contentType', 'imageHeight', 'imageWidth', 'videoGenOriginImageUrl', 'videoDuration', 'frameCount', 'videoUrls', 'useTime',
      'version', 'videoType', 'isHdVideo', 'isVideo', 'isVideoUpscale',
    ];
    for (const k of apifox) assert.ok(k in t, `missing ${k}`);
    assert.strictEqual(t.isCompleted, true);
    assert.strictEqual(t.mode, 'FAST');
    const urls = t.imageUrls as { url: string; thumbnail: string }[];
    assert.strictEqual(urls.length, 4);
    assert.ok(urls.every((u) => u.url.startsWith(`${s.url}/images/`) && typeof u.thumbnail === 'string'));
  });
});

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
        clock += 250;
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

describe('simulator: list-by-condition', () => {
  it('returns known IDs, omits unknown ones, [] for null or empty ids, and works under a mode prefix', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect });
      const a = s.createTask({ status: 'SUCCESS' });
      const b = s.createTask({});
      const list = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: [b, '999', a, a] } });
      assert.deepStrictEqual(list.map((t) => t.id).sort(), [a, b].sort(), dialect);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: { ids: null } }), []);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: { ids: [] } }), []);
      assert.deepStrictEqual(await json(s, '/mj/task/list-by-condition', { body: {} }), []);
      const viaMode = await json<Json[]>(s, '/mj-relax/mj/task/list-by-condition', { body: { ids: [a] } });
      assert.strictEqual(viaMode.length, 1);
    }
  });

  it('answers a 1000-ID batch out of 3000 tasks quickly', async () => {
    const s = await sim({ dialect: 'newapi' });
    const ids: string[] = [];
    for (let i = 0; i < 3000; i++) ids.push(s.createTask({ status: i % 2 ? 'SUCCESS' : 'IN_PROGRESS', progress: 30 }));
    const started = Date.now();
    const list = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: ids.slice(1000, 2000) } });
    assert.strictEqual(list.length, 1000);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
  });

  it('list-by-ids exists on trueai only; newapi serves its web UI there', async () => {
    const t = await sim({ dialect: 'trueai' });
    const id = t.createTask({});
    assert.strictEqual((await json<Json[]>(t, '/mj/task/list-by-ids', { body: { ids: [` ${id} `] } })).length, 1);
    const n = await sim({ dialect: 'newapi' });
    const r = await call(n, '/mj/task/list-by-ids', { body: { ids: [] } });
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  });

  it('a body that is not JSON gets the dialect\'s 400', async () => {
    const r = await call(await sim({ dialect: 'newapi' }), '/mj/task/list-by-condition', { body: '{"ids":[' });
    assert.deepStrictEqual([r.status, JSON.parse(r.text).description], [400, 'bind_request_body_failed ']);
  });
});

describe('simulator: actions', () => {
  async function finishedGrid(s: Simulator): Promise<{ id: string; hash: string; buttons: { customId: string }[] }> {
    const { id } = await submit(s, 'imagine', { prompt: 'a castle in the clouds' });
    finishAll();
    const t = await fetchTask(s, id);
    const buttons = t.buttons as { customId: string }[];
    return { id, hash: buttons[0].customId.split('::')[4], buttons };
  }

  for (const dialect of DIALECTS) {
    it(`${dialect}: U2 → UPSCALE with the upscale buttons; V1 → VARIATION grid; 🔄 → a new grid`, async () => {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      const up = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::upsample::2::${grid.hash}` });
      assert.strictEqual(up.code, 1);
      finishAll();
      const child = await fetchTask(s, up.id);
      assert.strictEqual(child.action, 'UPSCALE');
      assert.strictEqual(child.status, 'SUCCESS');
      if (dialect === 'trueai') assert.strictEqual(child.parentId, grid.id);
      const labels = (child.buttons as { label: string; emoji: string }[]).map((b) => b.label || b.emoji);
      for (const l of ['Upscale (Subtle)', 'Upscale (Creative)', 'Vary (Subtle)', 'Vary (Strong)', 'Vary (Region)', 'Zoom Out 2x', 'Zoom Out 1.5x', 'Custom Zoom', '⬅️', '➡️', '⬆️', '⬇️']) {
        assert.ok(labels.includes(l), `${l} in ${labels.join()}`);
      }
      if (dialect !== 'newapi') assert.strictEqual(child.imageUrl, `${s.url}/images/single-0-2.png`);

      const v1 = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::variation::1::${grid.hash}` });
      const reroll = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::reroll::0::${grid.hash}::SOLO` });
      finishAll();
      const v = await fetchTask(s, v1.id);
      assert.strictEqual(v.action, 'VARIATION');
      assert.strictEqual((v.buttons as unknown[]).length, 9);
      assert.strictEqual((await fetchTask(s, reroll.id)).action, dialect === 'trueai' ? 'IMAGINE' : 'REROLL');
    });

    it(`${dialect}: Custom Zoom → code 21 and a MODAL task; /submit/modal continues it`, async () => {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      const up = await submit(s, 'action', { taskId: grid.id, customId: `MJ::JOB::upsample::1::${grid.hash}` });
      finishAll();
      const upHash = ((await fetchTask(s, up.id)).buttons as { customId: string }[])[0].customId.split('::')[4];
      const zoom = await submit(s, 'action', { taskId: up.id, customId: `MJ::CustomZoom::${upHash}` });
      assert.strictEqual(zoom.code, 21);
      const waiting = await fetchTask(s, zoom.id);
      assert.strictEqual(waiting.status, 'MODAL');
      assert.strictEqual(waiting.action, dialect === 'newapi' ? 'CUSTOM_ZOOM' : 'ZOOM');
      const go = await submit(s, 'modal', { taskId: zoom.id, prompt: 'a castle in the clouds --ar 1:1 --zoom 1.5' });
      assert.deepStrictEqual([go.code, go.id], [1, zoom.id]);
      finishAll();
      assert.strictEqual((await fetchTask(s, zoom.id)).status, 'SUCCESS');
    });
  }

  it('errors: unknown customId, parent not finished, parent unknown — each dialect its own way', async () => {
    const na = await sim({ dialect: 'newapi' });
    const g = await finishedGrid(na);
    const unknown = await call(na, '/mj/submit/action', { body: { taskId: g.id, customId: 'MJ::Job::PicReader::1' } });
    assert.deepStrictEqual([unknown.status, unknown.text], [400, '{"code":4,"description":"unknown_action:MJ::Job::PicReader::1 ","type":"upstream_error"}']);
    const running = na.createTask({ status: 'IN_PROGRESS', progress: 50, frozen: true });
    const early = await call(na, '/mj/submit/action', { body: { taskId: running, customId: `MJ::JOB::upsample::1::${g.hash}` } });
    assert.deepStrictEqual([early.status, early.text], [400, '{"code":4,"description":"task_status_not_success ","type":"upstream_error"}']);
    const missing = await call(na, '/mj/submit/action', { body: { taskId: '42', customId: `MJ::JOB::upsample::1::${g.hash}` } });
    assert.strictEqual(missing.status, 400);

    for (const dialect of ['novicezk', 'trueai'] as const) {
      const s = await sim({ dialect });
      const grid = await finishedGrid(s);
      assert.strictEqual((await submit(s, 'action', { taskId: grid.id, customId: 'MJ::JOB::nonsense::1::x' })).code, 4);
      const r = s.createTask({ status: 'IN_PROGRESS', progress: 10, frozen: true });
      assert.strictEqual((await submit(s, 'action', { taskId: r, customId: `MJ::JOB::upsample::1::${grid.hash}` })).code, 4);
      const nf = await call(s, '/mj/submit/action', { body: { taskId: '42', customId: `MJ::JOB::upsample::1::${grid.hash}` } });
      assert.strictEqual(nf.status, dialect === 'trueai' ? 404 : 200);
      assert.strictEqual(JSON.parse(nf.text).code, 3);
    }
  });

  it('novicezk: pressing the same U twice answers 21 "already exists" with the first upscale', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const g = await finishedGrid(s);
    const first = await submit(s, 'action', { taskId: g.id, customId: `MJ::JOB::upsample::3::${g.hash}` });
    const again = await submit(s, 'action', { taskId: g.id, customId: `MJ::JOB::upsample::3::${g.hash}` });
    assert.deepStrictEqual([again.code, again.id], [21, first.id]);
  });

  it('novicezk: /submit/simple-change "<id> U1" is the U1 button', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const g = await finishedGrid(s);
    const r = await submit(s, 'simple-change', { content: `${g.id} U1` });
    assert.strictEqual(r.code, 1);
    assert.strictEqual((await fetchTask(s, r.id)).action, 'UPSCALE');
  });

  it('newapi: result is a JSON number; "--bigid" makes it 19 digits, written exactly', async () => {
    const s = await sim({ dialect: 'newapi' });
    const small = await submit(s, 'imagine', { prompt: 'x' });
    assert.match(small.raw, /"result":\d{16},/);
    assert.strictEqual(typeof small.reply.result, 'number');
    const big = await submit(s, 'imagine', { prompt: 'x --bigid' });
    assert.match(big.raw, /"result":\d{19},/);
    assert.notStrictEqual(String(big.reply.result), big.id, 'a double cannot hold it');
    assert.strictEqual((await fetchTask(s, big.id)).id, big.id);
  });

  it('DESCRIBE: four numbered prompts and PicReader buttons; trueai PicReader opens a modal, "Imagine all" fans out', async () => {
    const s = await sim({ dialect: 'trueai' });
    const d = await submit(s, 'describe', { base64: 'data:image/png;base64,AAAA' });
    finishAll();
    const t = await fetchTask(s, d.id);
    assert.strictEqual(t.action, 'DESCRIBE');
    assert.match(String(t.promptEn), /^1️⃣ .+\n\n2️⃣ .+\n\n3️⃣ .+\n\n4️⃣ .+/s);
    assert.deepStrictEqual(
      (t.buttons as { customId: string }[]).map((b) => b.customId),
      ['MJ::Job::PicReader::1', 'MJ::Job::PicReader::2', 'MJ::Job::PicReader::3', 'MJ::Job::PicReader::4', 'MJ::Picread::Retry', 'MJ::Job::PicReader::all'],
    );
    const pick = await submit(s, 'action', { taskId: d.id, customId: 'MJ::Job::PicReader::2' });
    assert.strictEqual(pick.code, 21);
    const all = await submit(s, 'action', { taskId: d.id, customId: 'MJ::Job::PicReader::all' });
    assert.strictEqual(String(all.reply.result).split(',').length, 4);
  });
});

describe('simulator: image-seed, cancel, other routes', () => {
  it('trueai image-seed: 400 before SUCCESS, the seed after (and then in the task), 404 code 3 unknown', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({});
    const early = await call(s, `/mj/task/${id}/image-seed`);
    assert.deepStrictEqual([early.status, JSON.parse(early.text).code], [400, 4]);
    finishAll();
    assert.strictEqual((await fetchTask(s, id)).seed, null);
    const ok = await json(s, `/mj/task/${id}/image-seed`);
    assert.deepStrictEqual([ok.code, ok.description], [1, '成功']);
    assert.match(String(ok.result), /^\d+$/);
    assert.strictEqual((await fetchTask(s, id)).seed, ok.result);
    const nf = await call(s, '/mj/task/5/image-seed');
    assert.deepStrictEqual([nf.status, JSON.parse(nf.text).code], [404, 3]);
  });

  it('novicezk has no image-seed or cancel: Spring\'s JSON 404; outside /mj Tomcat\'s HTML page', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const seed = await call(s, '/mj/task/1/image-seed');
    assert.strictEqual(seed.status, 404);
    assert.deepStrictEqual(Object.keys(JSON.parse(seed.text)), ['timestamp', 'status', 'error', 'path']);
    const outside = await call(s, '/task/1/fetch');
    assert.strictEqual(outside.status, 404);
    assert.match(outside.text, /Apache Tomcat/);
  });

  it('trueai cancel: 200 empty, the task becomes FAILURE "取消任务" with progress ""', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'IN_PROGRESS', progress: 30 });
    const r = await call(s, `/mj/task/${id}/cancel`, { method: 'POST' });
    assert.deepStrictEqual([r.status, r.text], [200, '']);
    const t = await fetchTask(s, id);
    assert.deepStrictEqual([t.status, t.failReason, t.progress], ['FAILURE', '取消任务', '']);
  });

  it('newapi: paths it lacks get the web UI (200 text/html); /v1 paths a JSON 404', async () => {
    const s = await sim({ dialect: 'newapi' });
    for (const [method, path] of [['GET', '/mj/task/list'], ['POST', '/mj/task/1/cancel'], ['GET', '/mj/task/queue']]) {
      const r = await call(s, path, { method });
      assert.strictEqual(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(r.text, /^<!doctype html>/);
    }
    const v1 = await call(s, '/v1/mj/nothing');
    assert.strictEqual(v1.status, 404);
    assert.strictEqual(JSON.parse(v1.text).error.type, 'invalid_request_error');
  });

  it('mode prefixes and /api: same routes, same counts; relax mode recorded on trueai', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({});
    for (const p of ['/mj', '/mj-fast/mj', '/api/mj', '/api/mj-relax/mj']) assert.strictEqual((await call(s, `${p}/task/${id}/fetch`)).status, 200, p);
    assert.strictEqual(s.requestCounts()['GET /mj/task/:id/fetch'], 4);
    assert.strictEqual((await call(s, `/relax/mj/task/${id}/fetch`)).status, 404, 'trueai knows only its three modes');
    const relaxed = await call(s, '/mj-relax/mj/submit/imagine', { body: { prompt: 'slow' } });
    assert.strictEqual((await fetchTask(s, String(JSON.parse(relaxed.text).result))).mode, 'RELAX');
    const n = await sim({ dialect: 'newapi' });
    const nid = n.createTask({});
    assert.strictEqual((await call(n, `/fast/mj/task/${nid}/fetch`)).status, 200);
  });

  it('newapi serves task images at /mj/image/{id}', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({ status: 'SUCCESS' });
    const url = String((await fetchTask(s, id)).imageUrl);
    const r = await fetch(url);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-type'), 'image/png');
  });
});

describe('simulator: faults', () => {
  async function withTask(dialect: Dialect = 'newapi'): Promise<{ s: Simulator; path: string }> {
    const s = await sim({ dialect });
    return { s, path: `/mj/task/${s.createTask({ status: 'SUCCESS' })}/fetch` };
  }

  it('latency delays the answer', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'latency', ms: 150 }]);
    const started = Date.now();
    assert.strictEqual((await call(s, path)).status, 200);
    assert.ok(Date.now() - started >= 140, `${Date.now() - started} ms`);
  });

  it('status429 with and without Retry-After; newapi\'s body is code 30', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'status429', retryAfterSec: 7 }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, r.headers.get('retry-after'), JSON.parse(r.text).code], [429, '7', 30]);
    const t = await withTask('trueai');
    t.s.setFaults([{ kind: 'status429' }]);
    const r2 = await call(t.s, t.path);
    assert.deepStrictEqual([r2.status, r2.headers.get('retry-after'), r2.text], [429, null, '']);
  });

  it('status5xx: 500 in the dialect\'s JSON, 502 as the proxy\'s HTML page', async () => {
    const { s, path } = await withTask('trueai');
    s.setFaults([{ kind: 'status5xx' }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, JSON.parse(r.text).success], [500, false]);
    s.setFaults([{ kind: 'status5xx', status: 502 }]);
    const g = await call(s, path);
    assert.strictEqual(g.status, 502);
    assert.match(g.text, /502 Bad Gateway/);
  });

  it('html: 200 text/html', async () => {
    const { s, path } = await withTask('novicezk');
    s.setFaults([{ kind: 'html' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(r.text, /<html>/i);
  });

  it('truncated: the real JSON cut mid-way, with a JSON type and a matching length', async () => {
    const { s, path } = await withTask('trueai');
    const whole = (await call(s, path)).text;
    s.setFaults([{ kind: 'truncated' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.strictEqual(r.headers.get('content-length'), String(Buffer.byteLength(r.text)));
    assert.ok(whole.startsWith(r.text) && r.text.length > 10 && r.text.length < whole.length);
    assert.throws(() => JSON.parse(r.text));
  });

  it('oversized: more than 5 MB, streamed without Content-Length', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'oversized' }]);
    const r = await call(s, path);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-length'), null);
    assert.ok(Buffer.byteLength(r.text) > 5 * 1024 * 1024, String(r.text.length));
    s.setFaults([{ kind: 'oversized', bytes: 100_000 }]);
    const small = await call(s, path);
    assert.ok(small.text.length > 100_000 && small.text.length < 300_000);
  });

  it('reset: the connection is destroyed without an answer', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'reset' }]);
    await assert.rejects(call(s, path), (e: Error & { cause?: { code?: string } }) => /fetch failed/.test(e.message));
  });

  it('empty: 200 with no body', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'empty' }]);
    const r = await call(s, path);
    assert.deepStrictEqual([r.status, r.text], [200, '']);
  });

  it('path limits a fault to a route (key or prefix); times stops it; clearFaults ends all', async () => {
    const { s, path } = await withTask();
    s.setFaults([{ kind: 'status5xx', status: 503, path: 'POST /mj/task/list-by-condition', times: 2 }]);
    assert.strictEqual((await call(s, path)).status, 200);
    const batch = () => call(s, '/mj/task/list-by-condition', { body: { ids: [] } });
    assert.deepStrictEqual([(await batch()).status, (await batch()).status, (await batch()).status], [503, 503, 200]);
    s.setFaults([{ kind: 'status5xx', path: '/mj/task' }]);
    assert.strictEqual((await call(s, path)).status, 500);
    assert.strictEqual((await fetch(`${s.url}/images/grid-0.png`)).status, 200);
    s.clearFaults();
    assert.strictEqual((await call(s, path)).status, 200);
  });
});

describe('simulator: images', () => {
  function chunks(png: Buffer): { type: string; data: Buffer }[] {
    const out: { type: string; data: Buffer }[] = [];
    for (let off = 8; off < png.length; ) {
      const len = png.readUInt32BE(off);
      const type = png.toString('ascii', off + 4, off + 8);
      const data = png.subarray(off + 8, off + 8 + len);
      assert.strictEqual(png.readUInt32BE(off + 8 + len), zlib.crc32(png.subarray(off + 4, off + 8 + len)), `${type} CRC`);
      out.push({ type, data });
      off += 12 + len;
    }
    return out;
  }

  it('serves decodable PNGs: signature, IHDR 512×512 RGB, CRCs, and four distinct quadrants in a grid', async () => {
    const s = await sim({ dialect: 'newapi' });
    const r = await fetch(`${s.url}/images/grid-1.png`);
    const png = Buffer.from(await r.arrayBuffer());
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    assert.deepStrictEqual([cs[0].type, cs[cs.length - 1].type], ['IHDR', 'IEND']);
    const ihdr = cs[0].data;
    assert.deepStrictEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]], [512, 512, 8, 2]);
    const raw = zlib.inflateSync(Buffer.concat(cs.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    assert.strictEqual(raw.length, (512 * 3 + 1) * 512);
    const pixel = (x: number, y: number) => raw.subarray(y * 1537 + 1 + x * 3, y * 1537 + 4 + x * 3).toString('hex');
    const corners = new Set([pixel(5, 5), pixel(261, 5), pixel(5, 261), pixel(261, 261)]);
    assert.strictEqual(corners.size, 4, 'each quadrant has its own colours');
  });

  it('in-progress and upscale images exist too; unknown names are 404', async () => {
    const s = await sim({ dialect: 'trueai' });
    for (const name of ['progress-0-1', 'progress-2-2', 'single-1-4']) assert.strictEqual((await fetch(`${s.url}/images/${name}.png`)).status, 200, name);
    assert.strictEqual((await fetch(`${s.url}/images/nope.png`)).status, 404);
  });
});

describe('simulator: counts, concurrency, close', () => {
  it('counts by route key; resetCounts clears', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({});
    await call(s, `/mj/task/${id}/fetch`);
    await call(s, '/mj/task/999/fetch');
    await call(s, '/mj/task/list-by-condition', { body: { ids: [id] } });
    await call(s, '/mj/submit/imagine', { body: { prompt: 'x' } });
    assert.deepStrictEqual(s.requestCounts(), {
      'GET /mj/task/:id/fetch': 2,
      'POST /mj/task/list-by-condition': 1,
      'POST /mj/submit/imagine': 1,
    });
    assert.strictEqual(s.totalRequests(), 4);
    s.resetCounts();
    assert.deepStrictEqual([s.requestCounts(), s.totalRequests()], [{}, 0]);
  });

  it('answers 300 concurrent requests', async () => {
    const s = await sim({ dialect: 'trueai' });
    const ids = Array.from({ length: 50 }, () => s.createTask({ status: 'IN_PROGRESS', progress: 50 }));
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => call(s, `/mj/task/${ids[i % 50]}/fetch`)));
    assert.ok(results.every((r) => r.status === 200));
    assert.strictEqual(s.totalRequests(), 300);
  });

  it('close() ends open keep-alive sockets and pending delayed answers promptly', async () => {
    const s = await startSimulator({ port: 0, dialect: 'novicezk' });
    const agent = new http.Agent({ keepAlive: true });
    const id = s.createTask({});
    const get = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${s.url}/mj/task/${id}/fetch`, { agent, headers: auth('novicezk') }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
      });
    assert.strictEqual(await get(), 200);
    const idle = Object.values(agent.freeSockets).flat();
    assert.strictEqual(idle.length, 1, 'a keep-alive socket stays open');
    const socketClosed = new Promise<void>((resolve) => idle[0]?.once('close', () => resolve()));
    s.setFaults([{ kind: 'latency', ms: 60_000 }]);
    const pending = get().catch((e: Error) => e);
    await waitFor('the delayed request to arrive', () => s.totalRequests() === 2);
    const started = Date.now();
    await s.close();
    await socketClosed;
    assert.ok((await pending) instanceof Error, 'the delayed request ends with an error, not an answer');
    assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
    agent.destroy();
  });
});

describe('simulator: demo tasks', () => {
  /** The states each dialect really has: novicezk has no MODAL and no CANCEL. */
  const STATES: Record<Dialect, string[]> = {
    novicezk: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START'],
    trueai: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START', 'MODAL', 'CANCEL'],
    newapi: ['SUCCESS', 'FAILURE', 'IN_PROGRESS', 'SUBMITTED', 'NOT_START', 'MODAL', 'CANCEL'],
  };

  for (const dialect of DIALECTS) {
    it(`${dialect}: one task in each state it has, a Chinese prompt, some moving`, async () => {
      const s = await sim({ dialect, seedDemo: true });
      const demo = s.demoTasks();
      assert.deepStrictEqual(s.demoTaskIds, demo.map((d) => d.id));
      assert.deepStrictEqual([...new Set(demo.map((d) => d.status))].sort(), [...STATES[dialect]].sort());
      assert.strictEqual(demo.length, dialect === 'novicezk' ? 9 : 11);
      const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
      assert.strictEqual(tasks.length, demo.length);
      assert.ok(tasks.some((t) => t.action === 'DESCRIBE' && String(t.promptEn).startsWith('1️⃣')));
      assert.ok(tasks.some((t) => t.action === 'UPSCALE' && t.status === 'SUCCESS'));
      assert.ok(tasks.some((t) => /[\u4e00-\u9fff]/.test(String(t.prompt))));
      assert.ok(tasks.some((t) => String(t.failReason).startsWith('[Banned prompt detected]')));
      // What the server says is what demoTasks() says (newapi shows the just-queued task as "").
      assert.deepStrictEqual(tasks.map((t) => (t.status === '' && dialect === 'newapi' ? 'NOT_START' : t.status)), demo.map((d) => d.status));
      const before = s.demoTaskIds.map((id) => s.getTaskStatus(id));
      clock += 10 * 60_000;
      const after = s.demoTaskIds.map((id) => s.getTaskStatus(id));
      assert.notDeepStrictEqual(before, after, 'moving tasks move');
      assert.ok(after.filter((x) => x === 'SUCCESS').length >= 5);
    });
  }

  it('the SUBMITTED task stays SUBMITTED for a while, then runs and succeeds', async () => {
    const s = await sim({ dialect: 'trueai', seedDemo: true });
    const id = s.demoTasks().find((d) => d.status === 'SUBMITTED')!.id;
    clock += 15_000;
    assert.strictEqual(s.getTaskStatus(id), 'SUBMITTED');
    assert.strictEqual((await fetchTask(s, id)).progress, '0%');
    clock += 10_000;
    assert.strictEqual(s.getTaskStatus(id), 'IN_PROGRESS');
    clock += 120_000;
    assert.strictEqual(s.getTaskStatus(id), 'SUCCESS');
  });

  it('novicezk: no MODAL, CANCEL or VIDEO; a finished BLEND instead', async () => {
    const s = await sim({ dialect: 'novicezk', seedDemo: true });
    const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
    assert.ok(!tasks.some((t) => t.status === 'MODAL' || t.status === 'CANCEL' || t.action === 'VIDEO'));
    const blend = tasks.find((t) => t.action === 'BLEND')!;
    assert.strictEqual(blend.status, 'SUCCESS');
    assert.strictEqual(blend.description, `/blend ${String(blend.id)} 2`);
    assert.ok(!('videoUrl' in blend), 'novicezk has no video fields');
  });

  it('trueai and newapi: a CANCEL task and a finished VIDEO task with clips', async () => {
    for (const dialect of ['trueai', 'newapi'] as const) {
      const s = await sim({ dialect, seedDemo: true });
      const tasks = await json<Json[]>(s, '/mj/task/list-by-condition', { body: { ids: s.demoTaskIds } });
      const cancelled = tasks.find((t) => t.status === 'CANCEL')!;
      assert.strictEqual(cancelled.progress, dialect === 'newapi' ? '100%' : '', dialect);
      const video = tasks.find((t) => t.action === 'VIDEO')!;
      assert.strictEqual(video.status, 'SUCCESS');
      const urls = video.videoUrls as { url: string; thumbnail?: string }[];
      assert.strictEqual(urls.length, 4);
      assert.strictEqual(video.videoUrl, urls[0].url);
      assert.deepStrictEqual(Object.keys(urls[0]), dialect === 'trueai' ? ['url', 'thumbnail'] : ['url']);
      const r = await fetch(urls[3].url);
      assert.deepStrictEqual([r.status, r.headers.get('content-type')], [200, 'video/mp4']);
    }
  });

  it('the roles the E2E suites look tasks up by name exactly the task meant', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect, seedDemo: true });
      const demo = s.demoTasks();
      const first = (re: RegExp) => demo.find((d) => re.test(d.role))!;
      const only = (re: RegExp) => assert.strictEqual(demo.filter((d) => re.test(d.role)).length, 1, `${dialect}: ${re}`);
      for (const re of [/finished IMAGINE grid/, /finished UPSCALE/, /DESCRIBE/, /FAILURE/]) only(re);
      assert.strictEqual((s.getTaskJson(first(/finished IMAGINE grid/).id) as Json).action, 'IMAGINE');
      assert.strictEqual((s.getTaskJson(first(/finished UPSCALE/).id) as Json).action, 'UPSCALE');
      assert.strictEqual((s.getTaskJson(first(/DESCRIBE/).id) as Json).action, 'DESCRIBE');
      assert.strictEqual(first(/FAILURE/).status, 'FAILURE');
      // preview.e2e / demo.e2e find the grid's row by "lighthouse" and "IMAGINE ·": one IMAGINE has it.
      const lighthouse = demo.map((d) => s.getTaskJson(d.id) as Json).filter((t) => /lighthouse/.test(String(t.prompt)));
      assert.strictEqual(lighthouse.filter((t) => t.action === 'IMAGINE').length, 1, dialect);
      assert.strictEqual(demo.filter((d) => (s.getTaskJson(d.id) as Json).action === 'VARIATION').length, 1, dialect);
    }
  });
});

describe('simulator: videos', () => {
  async function finishedUpscale(s: Simulator): Promise<{ id: string; hash: string; customIds: string[] }> {
    const { id } = await submit(s, 'imagine', { prompt: 'a castle in the clouds' });
    finishAll();
    const hash = ((await fetchTask(s, id)).buttons as { customId: string }[])[0].customId.split('::')[4];
    const up = await submit(s, 'action', { taskId: id, customId: `MJ::JOB::upsample::3::${hash}` });
    finishAll();
    const buttons = (await fetchTask(s, up.id)).buttons as { customId: string }[];
    return { id: up.id, hash: buttons[0].customId.split('::')[4], customIds: buttons.map((b) => b.customId) };
  }

  it('trueai: Animate on an upscale makes a VIDEO task that finishes with videoUrl and videoUrls [{url, thumbnail}]', async () => {
    const s = await sim({ dialect: 'trueai' });
    const up = await finishedUpscale(s);
    const high = `MJ::JOB::animate_high::1::${up.hash}::SOLO`;
    assert.ok(up.customIds.includes(high) && up.customIds.includes(`MJ::JOB::animate_low::1::${up.hash}::SOLO`), up.customIds.join());
    const r = await submit(s, 'action', { taskId: up.id, customId: high });
    assert.strictEqual(r.code, 1);
    const running = await fetchTask(s, r.id);
    assert.deepStrictEqual([running.action, running.parentId, running.videoUrl, running.videoUrls], ['VIDEO', up.id, null, null]);
    assert.strictEqual(running.videoGenOriginImageUrl, `${s.url}/images/single-0-3.png`);
    finishAll();
    const t = await fetchTask(s, r.id);
    assert.strictEqual(t.status, 'SUCCESS');
    const urls = t.videoUrls as { url: string; thumbnail: string }[];
    assert.strictEqual(urls.length, 4);
    for (const [i, u] of urls.entries()) {
      assert.deepStrictEqual(Object.keys(u), ['url', 'thumbnail']);
      assert.match(u.url, new RegExp(`^${s.url}/videos/[0-9a-f-]{36}/0_${i}\\.mp4$`));
      assert.strictEqual(u.thumbnail, `${s.url}/images/single-0-3.png`);
    }
    assert.strictEqual(t.videoUrl, urls[0].url);
    assert.strictEqual(t.imageUrl, `${s.url}/images/single-0-3.png`);
    assert.deepStrictEqual([t.isVideo, t.videoType, t.videoDuration, t.frameCount, t.contentType], [true, 'vid_1.1_i2v_480', 2, 24, 'video/mp4']);
    assert.match(String((t.properties as Json).finalPrompt), / --motion high --video 1$/);
    const buttons = t.buttons as { customId: string; label: string; emoji: string }[];
    const hash = String(t.jobId);
    assert.deepStrictEqual(buttons.map((b) => b.customId), [
      ...[1, 2, 3, 4].map((i) => `MJ::JOB::video_virtual_upscale::${i}::${hash}`),
      `MJ::JOB::reroll::0::${hash}::SOLO`,
    ]);
    assert.deepStrictEqual(buttons.map((b) => b.label || b.emoji), ['U1', 'U2', 'U3', 'U4', '🔄']);
    for (const u of urls) assert.strictEqual((await fetch(u.url)).status, 200);
  });

  it('trueai: video U2 gives one clip with the Extend buttons; Extend makes a new VIDEO; 🔄 renders the clips again', async () => {
    const s = await sim({ dialect: 'trueai' });
    const up = await finishedUpscale(s);
    const video = await submit(s, 'action', { taskId: up.id, customId: `MJ::JOB::animate_low::1::${up.hash}::SOLO` });
    finishAll();
    const hash = String((await fetchTask(s, video.id)).jobId);
    const u2 = await submit(s, 'action', { taskId: video.id, customId: `MJ::JOB::video_virtual_upscale::2::${hash}` });
    assert.strictEqual(u2.code, 1);
    finishAll();
    const clip = await fetchTask(s, u2.id);
    assert.deepStrictEqual([clip.action, clip.status, clip.isVideoUpscale], ['UPSCALE', 'SUCCESS', true]);
    assert.strictEqual((clip.videoUrls as unknown[]).length, 1);
    const clipHash = String(clip.jobId);
    const extend = (clip.buttons as { customId: string; label: string }[]).map((b) => [b.customId, b.label]);
    assert.deepStrictEqual(extend, [
      [`MJ::JOB::animate_high_extend::1::${clipHash}`, 'Extend (High motion)'],
      [`MJ::JOB::animate_low_extend::1::${clipHash}`, 'Extend (Low motion)'],
    ]);
    const ext = await submit(s, 'action', { taskId: u2.id, customId: extend[0][0] });
    const reroll = await submit(s, 'action', { taskId: video.id, customId: `MJ::JOB::reroll::0::${hash}::SOLO` });
    finishAll();
    for (const id of [ext.id, reroll.id]) {
      const t = await fetchTask(s, id);
      assert.deepStrictEqual([t.action, t.status, (t.videoUrls as unknown[]).length], ['VIDEO', 'SUCCESS', 4]);
    }
  });

  it('novicezk has no video: no Animate buttons, pressing one is refused', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const up = await finishedUpscale(s);
    assert.ok(!up.customIds.some((c) => c.includes('animate')), up.customIds.join());
    const r = await submit(s, 'action', { taskId: up.id, customId: `MJ::JOB::animate_high::1::${up.hash}::SOLO` });
    assert.strictEqual(r.code, 4);
  });

  it('newapi: refuses the video customIds itself; a VIDEO task shows videoUrl and videoUrls [{url}]', async () => {
    const s = await sim({ dialect: 'newapi' });
    const up = await finishedUpscale(s);
    assert.ok(!up.customIds.some((c) => c.includes('animate')), up.customIds.join());
    const refused = await call(s, '/mj/submit/action', { body: { taskId: up.id, customId: `MJ::JOB::animate_high::1::${up.hash}::SOLO` } });
    assert.strictEqual(refused.status, 400);
    assert.match(JSON.parse(refused.text).description, /^unknown_action:MJ::JOB::animate_high::1::/);
    const id = s.createTask({ action: 'VIDEO', status: 'SUCCESS' });
    const t = await fetchTask(s, id);
    const urls = t.videoUrls as { url: string }[];
    assert.strictEqual(urls.length, 4);
    assert.ok(urls.every((u) => Object.keys(u).join() === 'url' && u.url.startsWith(`${s.url}/videos/`)));
    assert.strictEqual(t.videoUrl, urls[0].url);
    assert.strictEqual(t.imageUrl, `${s.url}/mj/image/${id}`);
    assert.strictEqual((await fetch(String(t.imageUrl))).headers.get('content-type'), 'image/png');
    const running = await fetchTask(s, s.createTask({ action: 'VIDEO', status: 'IN_PROGRESS', progress: 40 }));
    assert.deepStrictEqual([running.videoUrl, running.videoUrls], ['', null]);
  });

  describe('the clip', () => {
    const file = videoAssetPath(path.join(__dirname, '..', '..', 'src', 'simulator'));
    const mp4 = file ? fs.readFileSync(file) : Buffer.alloc(0);

    async function clipUrl(s: Simulator): Promise<string> {
      return String((await fetchTask(s, s.createTask({ action: 'VIDEO', status: 'SUCCESS' }))).videoUrl);
    }

    it('is a small real MP4 (H.264 in an ISO BMFF with the moov box before mdat)', () => {
      assert.ok(file, 'src/simulator/assets/video.mp4 is found');
      assert.ok(mp4.length > 1000 && mp4.length <= 30 * 1024, `${mp4.length} bytes`);
      const boxes: string[] = [];
      for (let off = 0; off + 8 <= mp4.length; ) {
        const size = mp4.readUInt32BE(off);
        boxes.push(mp4.toString('ascii', off + 4, off + 8));
        if (size < 8) break;
        off += size;
      }
      assert.strictEqual(boxes[0], 'ftyp');
      assert.ok(boxes.indexOf('moov') > 0 && boxes.indexOf('moov') < boxes.indexOf('mdat'), boxes.join());
      assert.ok(mp4.includes('avc1'), 'an H.264 (avc1) track');
    });

    it('is served as video/mp4 with no key, whole bytes on GET, headers only on HEAD', async () => {
      const s = await sim({ dialect: 'trueai' });
      const url = await clipUrl(s);
      const r = await fetch(url);
      assert.deepStrictEqual([r.status, r.headers.get('content-type'), r.headers.get('accept-ranges')], [200, 'video/mp4', 'bytes']);
      assert.ok(Buffer.from(await r.arrayBuffer()).equals(mp4));
      const head = await fetch(url, { method: 'HEAD' });
      assert.deepStrictEqual([head.status, head.headers.get('content-length'), await head.text()], [200, String(mp4.length), '']);
      for (const bad of ['/videos/nope/0_0.mp4', url.replace('0_0.mp4', '0_7.mp4'), '/videos/x.mp4']) {
        assert.strictEqual((await fetch(bad.startsWith('/') ? s.url + bad : bad)).status, 404, bad);
      }
    });

    it('answers Range requests with 206 and Content-Range, and 416 past the end', async () => {
      const s = await sim({ dialect: 'newapi' });
      const url = await clipUrl(s);
      const get = async (range: string) => {
        const r = await fetch(url, { headers: { Range: range } });
        return { status: r.status, contentRange: r.headers.get('content-range'), type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
      };
      const first = await get('bytes=0-99');
      assert.deepStrictEqual([first.status, first.contentRange, first.type], [206, `bytes 0-99/${mp4.length}`, 'video/mp4']);
      assert.ok(first.body.equals(mp4.subarray(0, 100)));
      const open = await get('bytes=100-');
      assert.deepStrictEqual([open.status, open.contentRange], [206, `bytes 100-${mp4.length - 1}/${mp4.length}`]);
      assert.ok(open.body.equals(mp4.subarray(100)));
      const tail = await get('bytes=-16');
      assert.deepStrictEqual([tail.status, tail.contentRange], [206, `bytes ${mp4.length - 16}-${mp4.length - 1}/${mp4.length}`]);
      assert.ok(tail.body.equals(mp4.subarray(mp4.length - 16)));
      const past = await get(`bytes=${mp4.length}-`);
      assert.deepStrictEqual([past.status, past.contentRange, past.body.length], [416, `bytes */${mp4.length}`, 0]);
    });

    it('parseRange: one range, clamped; several, malformed or other units mean the whole body', () => {
      assert.deepStrictEqual(parseRange('bytes=0-', 10), { start: 0, end: 9 });
      assert.deepStrictEqual(parseRange('bytes=2-100', 10), { start: 2, end: 9 });
      assert.deepStrictEqual(parseRange('bytes=-100', 10), { start: 0, end: 9 });
      assert.strictEqual(parseRange('bytes=-0', 10), 'unsatisfiable');
      assert.strictEqual(parseRange('bytes=10-', 10), 'unsatisfiable');
      for (const h of [undefined, '', 'bytes=0-1,4-5', 'items=0-1', 'bytes=5-2', 'bytes=-', 'bytes=a-b']) assert.strictEqual(parseRange(h, 10), null, String(h));
    });

    it('dist/simulator.js (the bundled command) finds and serves it too', async function () {
      const bundle = path.join(__dirname, '..', '..', '..', 'dist', 'simulator.js');
      assert.ok(fs.existsSync(bundle), `${bundle} is missing: run npm run build first`);
      const child = spawn(process.execPath, [bundle, '--port', '0', '--dialect', 'trueai', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        await waitFor('the simulator to print its demo tasks', () => /Ctrl-C to stop/.test(out), 10_000);
        const base = /listening on (http:\/\/\S+)/.exec(out)![1];
        const id = /^\s+(\d+)\s+SUCCESS\s+finished VIDEO/m.exec(out)![1];
        const res = await fetch(`${base}/mj/task/${id}/fetch`, { headers: { Authorization: KEY } });
        const t = (await res.json()) as Json;
        const r = await fetch(String(t.videoUrl), { headers: { Range: 'bytes=0-' } });
        assert.deepStrictEqual([r.status, r.headers.get('content-type')], [206, 'video/mp4']);
        assert.ok(Buffer.from(await r.arrayBuffer()).equals(mp4));
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});
