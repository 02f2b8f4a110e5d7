// The simulator's task JSON in each dialect: the keys, their order and their empty values, and
// what each dialect answers for a task ID it does not know.

import * as assert from 'assert';
import { sim, finishAll, call, fetchTask, submit } from './simulatorHelpers';

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
