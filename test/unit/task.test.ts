import * as assert from 'assert';
import { parseJson } from '../../src/core/json';
import { epochMs, normalizeTask, progressOf, statusOf } from '../../src/core/task';
import { Task } from '../../src/core/types';

function task(raw: Record<string, unknown>): Task {
  const t = normalizeTask({ id: '1730621826053455', ...raw });
  assert.ok(t, 'expected a task');
  return t;
}

describe('task: normalizeTask', () => {
  it('returns null for anything that is not an object with an ID', () => {
    for (const raw of [null, undefined, 'x', 42, [], [{ id: '1' }], {}, { id: '' }, { id: '  ' }, { id: null }, { id: 1.5 }, { code: 1, result: '1730621826053455' }]) {
      assert.strictEqual(normalizeTask(raw), null, JSON.stringify(raw));
    }
  });

  it('fills every field with its empty value when only an ID is given', () => {
    assert.deepStrictEqual(normalizeTask({ id: '1730621826053455' }), {
      id: '1730621826053455',
      action: '',
      status: 'UNKNOWN',
      rawStatus: '',
      progress: null,
      prompt: null,
      promptEn: null,
      finalPrompt: null,
      finalZhPrompt: null,
      description: null,
      imageUrl: null,
      imageUrls: [],
      videoUrls: [],
      failReason: null,
      buttons: [],
      seed: null,
      parentId: null,
      mode: null,
      submitTime: null,
      startTime: null,
      finishTime: null,
      terminal: false,
    });
  });

  it('turns a numeric ID into a string without losing digits (via parseJson)', () => {
    assert.strictEqual(normalizeTask(parseJson('{"id":1320098173412546789}'))?.id, '1320098173412546789');
    assert.strictEqual(normalizeTask({ id: 1730621826053455 })?.id, '1730621826053455');
    assert.strictEqual(normalizeTask({ id: ' 1730621826053455 ' })?.id, '1730621826053455');
  });

  it('maps null, "" and whitespace-only text to null and keeps other text exactly as sent', () => {
    const t = task({ prompt: '', promptEn: null, description: '   ', failReason: '  [Banned prompt] x  ', imageUrl: '\n' });
    assert.strictEqual(t.prompt, null);
    assert.strictEqual(t.promptEn, null);
    assert.strictEqual(t.description, null);
    assert.strictEqual(t.imageUrl, null);
    assert.strictEqual(t.failReason, '  [Banned prompt] x  ');
  });

  it('reads finalPrompt and finalZhPrompt from properties (top level as a fallback)', () => {
    assert.strictEqual(task({ properties: { finalPrompt: 'cat --v 7', finalZhPrompt: '猫' } }).finalPrompt, 'cat --v 7');
    assert.strictEqual(task({ properties: { finalPrompt: 'cat --v 7', finalZhPrompt: '猫' } }).finalZhPrompt, '猫');
    assert.strictEqual(task({ properties: { finalPrompt: '' }, finalPrompt: 'top' }).finalPrompt, 'top');
    assert.strictEqual(task({ properties: null }).finalPrompt, null);
    assert.strictEqual(task({ properties: 'junk' }).finalZhPrompt, null);
  });

  it('reads imageUrls as strings or {url, thumbnail} objects, dropping empties and duplicates', () => {
    assert.deepStrictEqual(task({ imageUrls: ['a.png', '', null, 'b.png', 'a.png'] }).imageUrls, ['a.png', 'b.png']);
    assert.deepStrictEqual(task({ imageUrls: [{ url: 'a.png', thumbnail: 't.png' }, { url: '' }, { thumbnail: 'x' }, 7] }).imageUrls, ['a.png', '7']);
    assert.deepStrictEqual(task({ image_urls: ['snake.png'] }).imageUrls, ['snake.png']);
    assert.deepStrictEqual(task({ imageUrls: null }).imageUrls, []);
    assert.deepStrictEqual(task({ imageUrls: 'a.png' }).imageUrls, ['a.png']);
  });

  it('reads videoUrls like imageUrls and puts a single videoUrl first', () => {
    assert.deepStrictEqual(task({ videoUrls: [{ url: 'v1.mp4' }, 'v2.mp4'] }).videoUrls, ['v1.mp4', 'v2.mp4']);
    assert.deepStrictEqual(task({ videoUrl: 'v0.mp4', videoUrls: [{ url: 'v1.mp4' }] }).videoUrls, ['v0.mp4', 'v1.mp4']);
    assert.deepStrictEqual(task({ videoUrl: 'v1.mp4', videoUrls: [{ url: 'v1.mp4' }] }).videoUrls, ['v1.mp4']);
    assert.deepStrictEqual(task({ videoUrl: '', videoUrls: null }).videoUrls, []);
  });

  it('reads buttons, treating null as none and skipping entries without a customId', () => {
    assert.deepStrictEqual(task({ buttons: null }).buttons, []);
    assert.deepStrictEqual(
      task({
        buttons: [
          { customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '', type: 2, style: 2 },
          { customId: 'MJ::JOB::reroll::0::h::SOLO', emoji: '🔄' },
          { customId: '', label: 'broken' },
          { label: 'no id' },
          'junk',
          { customId: 'MJ::X', label: null, emoji: 5 },
        ],
      }).buttons,
      [
        { customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '' },
        { customId: 'MJ::JOB::reroll::0::h::SOLO', label: '', emoji: '🔄' },
        { customId: 'MJ::X', label: '', emoji: '' },
      ],
    );
  });

  it('reads seed and parentId as strings whether sent as numbers or strings', () => {
    assert.strictEqual(task({ seed: 2754419917 }).seed, '2754419917');
    assert.strictEqual(task({ seed: '2754419917' }).seed, '2754419917');
    assert.strictEqual(task({ seed: '' }).seed, null);
    assert.strictEqual(normalizeTask(parseJson('{"id":"1","parentId":1730621826053455123}'))?.parentId, '1730621826053455123');
  });

  it('keeps the action as an open string set', () => {
    assert.strictEqual(task({ action: 'VIDEO_EXTEND' }).action, 'VIDEO_EXTEND');
    assert.strictEqual(task({ action: null }).action, '');
  });

  it('marks SUCCESS, FAILURE and CANCEL as terminal and nothing else', () => {
    const terminal = (status: string): boolean => task({ status }).terminal;
    assert.deepStrictEqual(
      ['SUCCESS', 'FAILURE', 'CANCEL', 'failed', 'cancelled', 'NOT_START', 'SUBMITTED', 'MODAL', 'IN_PROGRESS', '', 'WHATEVER'].map(terminal),
      [true, true, true, true, true, false, false, false, false, false, false],
    );
  });
});

describe('task: statusOf', () => {
  it('passes the known statuses through and accepts lower case', () => {
    for (const s of ['NOT_START', 'SUBMITTED', 'MODAL', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'CANCEL']) {
      assert.strictEqual(statusOf(s), s);
      assert.strictEqual(statusOf(s.toLowerCase()), s);
    }
    assert.strictEqual(statusOf(' in progress '), 'IN_PROGRESS');
    assert.strictEqual(statusOf('in-progress'), 'IN_PROGRESS');
  });

  it("reads new-api's empty status right after submit as SUBMITTED", () => {
    assert.strictEqual(statusOf(''), 'SUBMITTED');
  });

  it('maps the obvious synonyms other relays use', () => {
    const cases: Record<string, string> = {
      FAILED: 'FAILURE',
      failed: 'FAILURE',
      RUNNING: 'IN_PROGRESS',
      PENDING: 'SUBMITTED',
      QUEUED: 'SUBMITTED',
      submitted: 'SUBMITTED',
      CANCELED: 'CANCEL',
      CANCELLED: 'CANCEL',
      SUCCEEDED: 'SUCCESS',
      not_started: 'NOT_START',
      'In Progress': 'IN_PROGRESS',
      generating: 'IN_PROGRESS',
      timeout: 'FAILURE',
      succeed: 'SUCCESS',
      finished: 'SUCCESS',
      paused: 'UNKNOWN',
    };
    for (const [raw, expected] of Object.entries(cases)) assert.strictEqual(statusOf(raw), expected, raw);
  });

  it('maps anything else to UNKNOWN and the task keeps the raw text', () => {
    assert.strictEqual(statusOf('unknown'), 'UNKNOWN');
    assert.strictEqual(statusOf(3), 'UNKNOWN');
    assert.strictEqual(statusOf(null), 'UNKNOWN');
    const t = task({ status: 'WEIRD_STATE' });
    assert.strictEqual(t.status, 'UNKNOWN');
    assert.strictEqual(t.rawStatus, 'WEIRD_STATE');
    assert.strictEqual(task({ status: 'failed' }).rawStatus, 'failed');
    assert.strictEqual(task({ status: 7 }).rawStatus, '7');
  });
});

describe('task: progressOf', () => {
  it('reads "57%", "57", 57 and "100%"', () => {
    assert.strictEqual(progressOf('57%'), 57);
    assert.strictEqual(progressOf('57'), 57);
    assert.strictEqual(progressOf(57), 57);
    assert.strictEqual(progressOf('100%'), 100);
    assert.strictEqual(progressOf(' 12.5 % '), 12.5);
    assert.strictEqual(progressOf('0%'), 0);
  });

  it('reads "", junk, null and missing as null', () => {
    for (const v of ['', '  ', '%', 'string', 'abc%', null, undefined, NaN, Infinity, {}, []]) assert.strictEqual(progressOf(v), null, String(v));
  });

  it('clamps to 0–100', () => {
    assert.strictEqual(progressOf('150%'), 100);
    assert.strictEqual(progressOf(-3), 0);
  });
});

describe('task: epochMs', () => {
  it('keeps ms, reads numeric strings and scales seconds, µs and ns', () => {
    assert.strictEqual(epochMs(1730621826053), 1730621826053);
    assert.strictEqual(epochMs('1730621826053'), 1730621826053);
    assert.strictEqual(epochMs(1730621826), 1730621826000);
    assert.strictEqual(epochMs('1730621826'), 1730621826000);
    assert.strictEqual(epochMs(1730621826.5), 1730621826500);
    assert.strictEqual(epochMs(1730621826053123), 1730621826053);
    assert.strictEqual(epochMs('1730621826053123456'), 1730621826053);
  });

  it('reads ISO dates', () => {
    assert.strictEqual(epochMs('2024-11-03T08:17:06.053Z'), Date.UTC(2024, 10, 3, 8, 17, 6, 53));
  });

  it('treats 0, negatives, null, "" and junk as unknown', () => {
    for (const v of [0, '0', -5, null, undefined, '', 'string', NaN, {}, true]) assert.strictEqual(epochMs(v), null, String(v));
  });

  it('is applied to submitTime, startTime and finishTime', () => {
    const t = task({ submitTime: 1730621826053, startTime: '1730621828', finishTime: 0 });
    assert.deepStrictEqual([t.submitTime, t.startTime, t.finishTime], [1730621826053, 1730621828000, null]);
  });
});
