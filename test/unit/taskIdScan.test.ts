import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scanTaskIds, TaskIdMatch } from '../../src/core/taskIdScan';

const fixtures = path.join(__dirname, '../../../test/fixtures');
const ID = '1730621826053455';
const BIG = '1320098173412546123';

function ids(text: string): string[] {
  return scanTaskIds(text).map((m) => m.id);
}

function kinds(text: string): string[] {
  return scanTaskIds(text).map((m) => `${m.kind}:${m.id}`);
}

/** Every match's offsets point at its ID. */
function checkedOffsets(text: string): TaskIdMatch[] {
  const found = scanTaskIds(text);
  for (const m of found) assert.strictEqual(text.slice(m.start, m.end), m.id, `offsets of ${m.id}`);
  return found;
}

describe('taskIdScan: IDs found in free text', () => {
  it('finds a bare 16-digit novicezk/trueai ID and a 19-digit new-api ID in code', () => {
    const code = `task = client.fetch("${ID}")\nother = fetch_task(${BIG})\n`;
    assert.deepStrictEqual(kinds(code), [`bare:${ID}`, `bare:${BIG}`]);
    checkedOffsets(code);
  });

  it('finds IDs in log lines, after "task" words and with a file extension', () => {
    const log = [
      `2024-11-03 12:00:01,123 INFO submitted task ${ID}`,
      `2024-11-03 12:00:02,001 INFO Task ID: 1747132423020537 status=SUCCESS`,
      `[worker] taskId=1712205491372224 saved to out/1689231405853400.png`,
      `task #3785da15-4f70-4034-9128-f3ff1ac634fa done`,
    ].join('\n');
    assert.deepStrictEqual(kinds(log), [
      `labelled:${ID}`,
      'labelled:1747132423020537',
      'labelled:1712205491372224',
      'bare:1689231405853400',
      'labelled:3785da15-4f70-4034-9128-f3ff1ac634fa',
    ]);
    checkedOffsets(log);
  });

  it('finds the ids of a task JSON but not its messageId, nonce, channel or times', () => {
    const task = fs.readFileSync(path.join(fixtures, 'seeds/dmxapi-query-task.json'), 'utf8');
    assert.deepStrictEqual(ids(task), ['1747132423020537']);
    const trueai = JSON.stringify({
      id: ID,
      parentId: '1730621826050001',
      nonce: '1302998161411457024',
      messageId: '1302998174124941312',
      submitTime: 1730621826053,
      properties: { discordChannelId: '1302998161411457025', discordInstanceId: '1302998161411457026' },
      displays: { finishTimeUs: 1730621826053455 },
    });
    assert.deepStrictEqual(ids(trueai), [ID, '1730621826050001']);
  });

  it('reads submit responses: string, number, comma-joined, Python repr, pretty-printed', () => {
    assert.deepStrictEqual(kinds(`{"code":1,"description":"Submit success","result":"${ID}","properties":{"discordInstanceId":"1302998161411457026"}}`), [
      `submit-response:${ID}`,
    ]);
    assert.deepStrictEqual(kinds(`{"code": 1, "description": "提交成功", "result": ${BIG}}`), [`submit-response:${BIG}`]);
    assert.deepStrictEqual(kinds(`{"properties":{"x":"1"},"code":22,"result":"1730621826053455,1730621826053456"}`), [
      `submit-response:${ID}`,
      'submit-response:1730621826053456',
    ]);
    assert.deepStrictEqual(kinds(`{'code': 21, 'description': 'Waiting for window confirm', 'result': '${ID}'}`), [`submit-response:${ID}`]);
    const pretty = `{\n  "code": 1,\n  "description": "Submit success",\n  "result": "${ID}"\n}`;
    assert.deepStrictEqual(kinds(pretty), [`submit-response:${ID}`]);
    checkedOffsets(`{"code":22,"result":"1730621826053455, 1730621826053456"}`);
  });

  it('reads the submit fixtures of the servers', () => {
    const queued = fs.readFileSync(path.join(fixtures, 'derived/trueai-submit-code22-queued.json'), 'utf8');
    const modal = fs.readFileSync(path.join(fixtures, 'derived/trueai-submit-action-modal-code21.json'), 'utf8');
    assert.deepStrictEqual(kinds(queued), ['submit-response:1748339029401830']);
    assert.deepStrictEqual(kinds(modal), ['submit-response:1748339029401829']);
    // image-seed answers code 1 too, but its result is a 10-digit seed.
    const seed = fs.readFileSync(path.join(fixtures, 'derived/trueai-image-seed-success.json'), 'utf8');
    assert.deepStrictEqual(ids(seed), []);
  });

  it('a refused submit response made no task', () => {
    assert.deepStrictEqual(ids(`{"code":24,"description":"可能包含敏感词","result":"${ID}","properties":{"bannedWord":"x"}}`), []);
  });

  it('finds fetch, image-seed and image-proxy URLs, with and without a host', () => {
    const text = [
      `GET http://127.0.0.1:8080/mj/task/${ID}/fetch`,
      `curl https://relay.example/mj-relax/mj/task/1747132423020537/image-seed`,
      `<img src="https://gw.example/mj/image/1712205491372224?rand=123">`,
      `log: GET /mj/task/${BIG}/fetch → 200`,
      'https://console.example/task?taskId=1689231405853400',
    ].join('\n');
    assert.deepStrictEqual(kinds(text), [
      `fetch-url:${ID}`,
      'fetch-url:1747132423020537',
      'fetch-url:1712205491372224',
      `fetch-url:${BIG}`,
      'fetch-url:1689231405853400',
    ]);
    checkedOffsets(text);
  });

  it('finds IDs in Markdown', () => {
    const md = `## Run\n\nThe grid is task \`${ID}\`; its upscale is **1747132423020537**.\n\n| id | status |\n|---|---|\n| ${BIG} | SUCCESS |\n`;
    assert.deepStrictEqual(ids(md), [ID, '1747132423020537', BIG]);
    checkedOffsets(md);
  });
});

describe('taskIdScan: look-alikes left alone', () => {
  it('leaves timestamps in a date context alone', () => {
    const text = [
      `"submitTime": 1730621826053, "finishTimeUs": ${ID}`,
      `ts=${BIG} level=info`,
      `created_at: ${ID}`,
      `updatedAt = ${ID}`,
      `t = datetime.fromtimestamp(${ID} / 1e6)`,
      `new Date(${ID} / 1000)`,
      `"time_ns": ${BIG}`,
    ].join('\n');
    assert.deepStrictEqual(ids(text), []);
  });

  it('leaves parts of longer numbers, decimals, negatives and other lengths alone', () => {
    assert.deepStrictEqual(ids(`${ID}0 ${ID}12 9${BIG} 0.${ID} ${ID}.25 -${ID} 173062182605345 17306218260534551`), []);
    // Other numbers: 13-digit ms times, 10-digit seeds, an out-of-range 16-digit (a card number).
    assert.deepStrictEqual(ids('1730621826053 2754419917 4111111111111111 0000000000000000 9999999999999999999'), []);
  });

  it('leaves hex hashes, UUID pieces and snowflakes in other URLs alone', () => {
    const text = [
      `sha256 a${ID}f 6dc7beb8${ID} ${ID}deadbeef`,
      `3785da15-${ID}-4f70 abc-${ID}`,
      'https://cdn.discordapp.com/attachments/1371679336578420847/1371797719932469310/grid.png',
      'http://upload.mjdjourney.top/fileSystem/mj/133/2025/05/13/1747132422998780679_3218.png',
      'https://youtube.example/watch?id=1371679336578420847x',
      'by <@1364921896055083058> in <#1302998161411457025>',
    ].join('\n');
    assert.deepStrictEqual(ids(text), []);
  });

  it('reads no prose as an ID', () => {
    assert.deepStrictEqual(ids('task done; the task-runner2x started task 2 on 2024-11-03; taskId = task.id; tasks: none'), []);
    assert.deepStrictEqual(ids(''), []);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 50 }, (_, i) => String(1730621826053400 + i)).join(' ');
    assert.strictEqual(scanTaskIds(many).length, 50);
    assert.strictEqual(scanTaskIds(many, { limit: 3 }).length, 3);
  });

  it('stays linear on text built to make a scanner backtrack', () => {
    const hostile = 'a.'.repeat(200_000) + '{'.repeat(50_000) + '"result":'.repeat(20_000) + 'task '.repeat(50_000) + '9'.repeat(200_000);
    const started = process.hrtime.bigint();
    scanTaskIds(hostile);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 2000, `took ${ms} ms`);
  });
});
