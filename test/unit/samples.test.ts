// Every sample body from the seeds (providers' docs) and the code-derived shapes, read the way
// the API reference says they must be read: task bodies through normalizeTask, the other
// bodies served over loopback HTTP with their real status and Content-Type through MjClient.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MjClient } from '../../src/core/client';
import { BadResponseError, MjError, RateLimitedError, SubmitRejectedError } from '../../src/core/errors';
import { parseJson } from '../../src/core/json';
import { normalizeTask } from '../../src/core/task';
import { Task } from '../../src/core/types';
import { Loopback, send, startLoopback } from './loopback';

const fixtures = path.join(__dirname, '../../../test/fixtures');

function readFixture(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}

function sample(name: string): Task {
  const task = normalizeTask(parseJson(readFixture(name)));
  assert.ok(task, `${name} should be a task`);
  return task;
}

describe('samples: seeds (providers’ documented fetch responses)', () => {
  it('every seed file is a task', () => {
    const files = fs.readdirSync(path.join(fixtures, 'seeds')).filter((f) => f.endsWith('.json'));
    assert.strictEqual(files.length, 4);
    for (const f of files) assert.ok(normalizeTask(parseJson(readFixture(`seeds/${f}`))), f);
  });

  it('DMXAPI: IMAGINE SUCCESS with 9 buttons, finalPrompt and relay CDN image', () => {
    const t = sample('seeds/dmxapi-query-task.json');
    assert.strictEqual(t.id, '1747132423020537');
    assert.strictEqual(t.action, 'IMAGINE');
    assert.strictEqual(t.status, 'SUCCESS');
    assert.strictEqual(t.progress, 100);
    assert.strictEqual(t.terminal, true);
    assert.strictEqual(t.prompt, '这是一个视频截图，请生成对应的吉卜力风格的图片');
    assert.ok(t.promptEn?.startsWith('http://upload.mjdjourney.top/'));
    assert.strictEqual(t.description, '提交成功');
    assert.ok(t.imageUrl?.startsWith('https://cdn.gptbest.vip/mj/attachments/'));
    assert.strictEqual(t.failReason, null);
    assert.strictEqual(t.mode, null);
    assert.strictEqual(
      t.finalPrompt,
      '<https://s.mj.run/RdNm0xs6fRI> This is a video screenshot, please generate the corresponding Ghibli style image --fast',
    );
    assert.strictEqual(t.finalZhPrompt, null);
    assert.deepStrictEqual([t.submitTime, t.startTime, t.finishTime], [1747132423020, 1747132424482, 1747132463701]);
    const hash = '6dc7beb8-8310-4fd4-b46c-716b422ddffc';
    assert.deepStrictEqual(t.buttons, [
      ...[1, 2, 3, 4].map((i) => ({ customId: `MJ::JOB::upsample::${i}::${hash}`, label: `U${i}`, emoji: '' })),
      { customId: `MJ::JOB::reroll::0::${hash}::SOLO`, label: '', emoji: '🔄' },
      ...[1, 2, 3, 4].map((i) => ({ customId: `MJ::JOB::variation::${i}::${hash}`, label: `V${i}`, emoji: '' })),
    ]);
  });

  it('QuickRouter: new-api gateway shape with finalPrompt and an empty finalZhPrompt', () => {
    const t = sample('seeds/quickrouter-mj-task-fetch.json');
    assert.strictEqual(t.id, '1730621826053455');
    assert.strictEqual(t.status, 'SUCCESS');
    assert.strictEqual(t.progress, 100);
    assert.strictEqual(t.prompt, 'pig --v 6.1');
    assert.strictEqual(t.finalPrompt, 'pig --v 6.1');
    assert.strictEqual(t.finalZhPrompt, null);
    assert.strictEqual(t.description, 'Submit success');
    assert.strictEqual(t.buttons.length, 9);
    assert.deepStrictEqual(t.buttons.map((b) => b.label || b.emoji), ['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);
    assert.ok(t.imageUrl?.startsWith('https://cdnmjp.oneabc.org/'));
    assert.deepStrictEqual([t.submitTime, t.finishTime], [1730621826053, 1730621855817]);
  });

  it('Maisi-AI: DESCRIBE SUCCESS with four descriptions and the PicReader buttons', () => {
    const t = sample('seeds/maisi-ai-mj-task-fetch.json');
    assert.strictEqual(t.id, '1712205491372224');
    assert.strictEqual(t.action, 'DESCRIBE');
    assert.strictEqual(t.status, 'SUCCESS');
    assert.strictEqual(t.prompt, null);
    for (const n of ['1️⃣', '2️⃣', '3️⃣', '4️⃣']) assert.ok(t.promptEn?.includes(n), n);
    assert.ok(t.imageUrl?.startsWith('https://cdn.discordapp.com/ephemeral-attachments/'));
    assert.deepStrictEqual(t.buttons, [
      { customId: 'MJ::Job::PicReader::1', label: '', emoji: '1️⃣' },
      { customId: 'MJ::Job::PicReader::2', label: '', emoji: '2️⃣' },
      { customId: 'MJ::Job::PicReader::3', label: '', emoji: '3️⃣' },
      { customId: 'MJ::Job::PicReader::4', label: '', emoji: '4️⃣' },
      { customId: 'MJ::Picread::Retry', label: '', emoji: '🔄' },
      { customId: 'MJ::Job::PicReader::all', label: 'Imagine all', emoji: '🎉' },
    ]);
    assert.strictEqual(t.finalPrompt, null);
  });

  it('Apifox placeholder schema: UNKNOWN status with the raw text kept, placeholders read as values', () => {
    const t = sample('seeds/apifox-mj-task-fetch.json');
    assert.strictEqual(t.id, 'string');
    assert.strictEqual(t.status, 'UNKNOWN');
    assert.strictEqual(t.rawStatus, "/** NOT_START */\r\nNOT_START = 'NOT_START'");
    assert.strictEqual(t.terminal, false);
    assert.strictEqual(t.action, "/** IMAGINE */\r\nIMAGINE = 'IMAGINE'");
    assert.strictEqual(t.progress, null);
    assert.deepStrictEqual([t.submitTime, t.startTime, t.finishTime], [null, null, null]);
    assert.deepStrictEqual(t.imageUrls, ['string']);
    assert.deepStrictEqual(t.videoUrls, ['string']);
    assert.deepStrictEqual(t.buttons, [{ customId: 'string', label: 'string', emoji: 'string' }]);
    assert.strictEqual(t.seed, 'string');
    assert.strictEqual(t.parentId, 'string');
    assert.strictEqual(t.mode, "/** RELAX */\r\nRELAX = 'RELAX'");
    assert.strictEqual(t.finalPrompt, null);
  });
});

describe('samples: derived task bodies', () => {
  it('new-api right after submit: status "" is SUBMITTED, zero values are empty', () => {
    const t = sample('derived/newapi-fetch-just-submitted.json');
    assert.strictEqual(t.status, 'SUBMITTED');
    assert.strictEqual(t.rawStatus, '');
    assert.strictEqual(t.progress, 0);
    assert.strictEqual(t.terminal, false);
    assert.deepStrictEqual([t.startTime, t.finishTime], [null, null]);
    assert.deepStrictEqual([t.imageUrl, t.failReason, t.promptEn, t.finalPrompt], [null, null, null, null]);
    assert.deepStrictEqual([t.buttons, t.videoUrls, t.imageUrls], [[], [], []]);
  });

  it('new-api 1 h timeout: FAILURE at 100% with the reason', () => {
    const t = sample('derived/newapi-fetch-failure-timeout.json');
    assert.strictEqual(t.status, 'FAILURE');
    assert.strictEqual(t.progress, 100);
    assert.strictEqual(t.failReason, '上游任务超时（超过1小时）');
    assert.strictEqual(t.finishTime, null);
    assert.strictEqual(t.terminal, true);
  });

  it('novicezk failure: progress "" is null, Discord reason kept', () => {
    const t = sample('derived/novicezk-fetch-failure.json');
    assert.strictEqual(t.status, 'FAILURE');
    assert.strictEqual(t.progress, null);
    assert.strictEqual(t.failReason, '[Invalid parameter] Invalid value');
    assert.strictEqual(t.description, '/imagine Cat');
    assert.strictEqual(t.finishTime, 1689231444312);
    assert.strictEqual(t.imageUrl, null);
  });

  it('the non-task bodies are not tasks', () => {
    const tasks = ['newapi-fetch-just-submitted.json', 'newapi-fetch-failure-timeout.json', 'novicezk-fetch-failure.json'];
    for (const f of fs.readdirSync(path.join(fixtures, 'derived'))) {
      if (!f.endsWith('.json') || tasks.includes(f)) continue;
      assert.strictEqual(normalizeTask(parseJson(readFixture(`derived/${f}`))), null, f);
    }
  });
});

describe('samples: derived error and submit bodies over HTTP', () => {
  let server: Loopback;
  /** What the server answers next: fixture file, status, Content-Type. */
  let next: { file: string; status: number; type: string | null };

  before(async () => {
    server = await startLoopback((_req, res) => send(res, next.status, readFixture(next.file), next.type));
  });
  after(() => server.close());

  const client = (): MjClient => new MjClient({ baseUrl: server.url, auth: 'bearer', apiKey: 'sk-test-key-1234567890' });
  const serve = (file: string, status: number, type: string | null = 'application/json; charset=utf-8'): void => {
    next = { file, status, type };
  };

  async function rejects<T extends MjError>(p: Promise<unknown>, kind: string, check?: (e: T) => void): Promise<void> {
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof MjError, `expected an MjError, got ${String(e)}`);
      assert.strictEqual(e.kind, kind, e.message);
      assert.ok(!e.message.includes('sk-test-key'));
      check?.(e as T);
      return true;
    });
  }

  it('new-api fetch of an unknown ID (400 "task_no_found ") → TaskNotFound', async () => {
    serve('derived/newapi-fetch-unknown-id.json', 400);
    await rejects(client().fetchTask('1730621826053455'), 'TaskNotFound');
  });

  it('novicezk fetch of an unknown ID (200, empty) → TaskNotFound', async () => {
    serve('derived/novicezk-fetch-unknown-id.txt', 200, null);
    await rejects(client().fetchTask('1730621826053455'), 'TaskNotFound');
  });

  it('trueai fetch of an unknown ID (204) → TaskNotFound', async () => {
    serve('derived/trueai-fetch-unknown-id.txt', 204, null);
    await rejects(client().fetchTask('1730621826053455'), 'TaskNotFound');
  });

  it('new-api and one-hub invalid token (401 {error:{message}}) → Unauthorized with the server’s message', async () => {
    serve('derived/newapi-401-invalid-token.json', 401);
    await rejects(client().fetchTask('1'), 'Unauthorized', (e) => assert.match(e.message, /无效的令牌/));
    serve('derived/onehub-401-invalid-token.json', 401);
    await rejects(client().fetchTask('1'), 'Unauthorized', (e) => assert.match(e.message, /无效的令牌/));
  });

  it('novicezk 401 with an empty body → Unauthorized', async () => {
    serve('derived/novicezk-401.txt', 401, null);
    await rejects(client().fetchTask('1'), 'Unauthorized');
  });

  it('trueai 401 plain text → Unauthorized quoting the text', async () => {
    serve('derived/trueai-401.txt', 401, 'text/plain; charset=utf-8');
    await rejects(client().fetchTask('1'), 'Unauthorized', (e) => assert.match(e.message, /Authorization header missing\./));
  });

  it('new-api group saturated (429 code 30) → RateLimited, for fetches and submits', async () => {
    serve('derived/newapi-429-group-saturated.json', 429);
    await rejects(client().fetchTask('1'), 'RateLimited');
    await rejects(client().submitImagine('cat'), 'RateLimited', (e) => assert.ok(e instanceof RateLimitedError));
  });

  it('new-api action on an unfinished parent (400 upstream_error) → SubmitRejected with the description', async () => {
    serve('derived/newapi-action-parent-not-success.json', 400);
    await rejects<SubmitRejectedError>(client().submitAction('1730621826053455', 'MJ::JOB::upsample::1::h'), 'SubmitRejected', (e) => {
      assert.strictEqual(e.code, 4);
      assert.strictEqual(e.description, 'task_status_not_success ');
    });
  });

  it('new-api unknown customId (400) → SubmitRejected', async () => {
    serve('derived/newapi-action-unknown-customid.json', 400);
    await rejects<SubmitRejectedError>(client().submitAction('1', 'MJ::Job::PicReader::1'), 'SubmitRejected', (e) =>
      assert.match(e.description, /^unknown_action:MJ::Job::PicReader::1/),
    );
  });

  it('new-api web UI page for an unrouted path (200 text/html) → BadResponse html, never parsed', async () => {
    serve('derived/newapi-unknown-path-spa.txt', 200, 'text/html; charset=utf-8');
    await rejects<BadResponseError>(client().fetchTask('1'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'html'));
    await rejects<BadResponseError>(client().cancel('1'), 'BadResponse', (e) => assert.strictEqual(e.reason, 'html'));
  });

  it('one-hub invalid mode prefix (400 code 4) → refused for fetches, SubmitRejected for submits', async () => {
    serve('derived/onehub-invalid-mode.json', 400);
    await rejects<BadResponseError>(client().fetchTask('1'), 'BadResponse', (e) => {
      assert.strictEqual(e.reason, 'refused');
      assert.match(e.message, /无效的加速模式/);
    });
    await rejects<SubmitRejectedError>(client().submitImagine('cat'), 'SubmitRejected', (e) => assert.strictEqual(e.description, '无效的加速模式'));
  });

  it('trueai action on an unknown parent (404 code 3) → SubmitRejected code 3', async () => {
    serve('derived/trueai-action-parent-not-found.json', 404);
    await rejects<SubmitRejectedError>(client().submitAction('1', 'MJ::JOB::upsample::1::h'), 'SubmitRejected', (e) => {
      assert.strictEqual(e.code, 3);
      assert.strictEqual(e.description, '关联任务不存在或已失效');
    });
  });

  it('trueai cancel by a non-admin (400 plain text) → refused with the text', async () => {
    serve('derived/trueai-cancel-non-admin.txt', 400, 'text/plain; charset=utf-8');
    await rejects<BadResponseError>(client().cancel('1'), 'BadResponse', (e) => {
      assert.strictEqual(e.reason, 'refused');
      assert.match(e.message, /演示模式，禁止操作/);
    });
  });

  it('trueai image-seed: success → the seed; no hash (400 code 4) → refused', async () => {
    serve('derived/trueai-image-seed-success.json', 200);
    assert.strictEqual(await client().imageSeed('1'), '2754419917');
    serve('derived/trueai-image-seed-no-hash.json', 400);
    await rejects<BadResponseError>(client().imageSeed('1'), 'BadResponse', (e) => assert.match(e.message, /关联任务状态错误/));
  });

  it('trueai logic exception (200 success:false) → SubmitRejected for submits, refused for fetches', async () => {
    serve('derived/trueai-logic-exception.json', 200);
    await rejects<SubmitRejectedError>(client().submitImagine('cat'), 'SubmitRejected', (e) => {
      assert.strictEqual(e.code, -1);
      assert.strictEqual(e.description, '访客今日绘图次数已达上限');
    });
    await rejects<BadResponseError>(client().fetchTask('1'), 'BadResponse', (e) => {
      assert.strictEqual(e.reason, 'refused');
      assert.match(e.message, /访客今日绘图次数已达上限/);
    });
  });

  it('trueai code 21 → accepted, needs the modal, finalPrompt in properties', async () => {
    serve('derived/trueai-submit-action-modal-code21.json', 200);
    const r = await client().submitAction('1748339029401828', 'MJ::CustomZoom::1::h');
    assert.deepStrictEqual(r, {
      code: 21,
      description: 'Waiting for window confirm',
      taskId: '1748339029401829',
      needsModal: true,
      properties: { finalPrompt: 'dog playing ball --v 7', remix: true },
    });
  });

  it('trueai code 22 → accepted (queued), not a modal', async () => {
    serve('derived/trueai-submit-code22-queued.json', 200);
    const r = await client().submitImagine('cat');
    assert.strictEqual(r.code, 22);
    assert.strictEqual(r.taskId, '1748339029401830');
    assert.strictEqual(r.needsModal, false);
    assert.strictEqual(r.properties.numberOfQueues, 2);
  });

  it('derived task bodies served as fetch responses come back as tasks', async () => {
    for (const f of ['newapi-fetch-just-submitted.json', 'newapi-fetch-failure-timeout.json', 'novicezk-fetch-failure.json']) {
      serve(`derived/${f}`, 200);
      const expected = sample(`derived/${f}`);
      assert.deepStrictEqual(await client().fetchTask(expected.id), expected, f);
    }
  });

  it('seed bodies served as fetch responses come back as tasks', async () => {
    for (const f of fs.readdirSync(path.join(fixtures, 'seeds')).filter((x) => x.endsWith('.json'))) {
      serve(`seeds/${f}`, 200);
      const expected = sample(`seeds/${f}`);
      assert.deepStrictEqual(await client().fetchTask(expected.id), expected, f);
    }
  });
});
