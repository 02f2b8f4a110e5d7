import * as assert from 'assert';
import { MAX_LINE_CHARS, terminalTaskLinks } from '../../src/core/terminalTaskLinks';

const ID = '1730621826053455';
const ID2 = '1730621826053456';

/** What each link covers in the line, and the tasks it tracks. */
function links(line: string): { text: string; ids: string[] }[] {
  return terminalTaskLinks(line).map((l) => ({ text: line.slice(l.start, l.start + l.length), ids: l.ids }));
}

describe('terminal task links', () => {
  it('links the result of an accepted submit response, as a script prints it', () => {
    const line = `{"code":1,"description":"Submit success","result":"${ID}","properties":{"discordInstanceId":"1118138338562560102"}}`;
    assert.deepStrictEqual(links(line), [{ text: ID, ids: [ID] }]);
  });

  it('links a 19-digit result sent as a JSON number and a queued answer (code 22)', () => {
    const big = '1895475839214530560';
    assert.deepStrictEqual(links(`{"code":1,"description":"成功","result":${big}}`), [{ text: big, ids: [big] }]);
    assert.deepStrictEqual(links(`{"code":22,"description":"排队中","result":"${ID}"}`), [{ text: ID, ids: [ID] }]);
  });

  it('does not link a refused submission, which made no task', () => {
    assert.deepStrictEqual(links(`{"code":24,"description":"可能包含敏感词","result":"${ID}"}`), []);
  });

  it('links a fetch URL and an ID after "task" / "任务"', () => {
    assert.deepStrictEqual(links(`GET http://127.0.0.1:8787/mj/task/${ID}/fetch 200`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`task ID: ${ID}`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`任务 ID：${ID}`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`提交成功，任务 ${ID} 已排队`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`${ID} 任务已提交`), [{ text: ID, ids: [ID] }]);
  });

  it('links the result or id line of JSON printed with indent, not other keys', () => {
    assert.deepStrictEqual(links(`  "result": ${ID},`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`    "id": "${ID}",`), [{ text: ID, ids: [ID] }]);
    assert.deepStrictEqual(links(`    "messageId": "${ID}",`), []);
    assert.deepStrictEqual(links(`    "submitTime": ${ID},`), []);
  });

  it('leaves a bare number no task word vouches for, timestamps and hashes alone', () => {
    assert.deepStrictEqual(links(`count ${ID}`), []);
    assert.deepStrictEqual(links('[2024-11-03 10:15:22] build 1730621826053 finished in 1.5 s'), []);
    assert.deepStrictEqual(links('commit 3785da154f7040349128f3ff1ac634fa1730621826053455'), []);
    assert.deepStrictEqual(links('$ ls -la'), []);
    assert.deepStrictEqual(links(''), []);
  });

  it('links each place one ID is printed, each tracking that ID', () => {
    const line = `task ${ID} → http://h/mj/task/${ID}/fetch`;
    assert.deepStrictEqual(links(line), [
      { text: ID, ids: [ID] },
      { text: ID, ids: [ID] },
    ]);
  });

  it('makes one link of many tasks on one line, tracking them all in order', () => {
    // trueai's "Imagine all" answers with the new IDs comma-joined.
    assert.deepStrictEqual(links(`{"code":1,"description":"Submit success","result":"${ID},${ID2}"}`), [{ text: `${ID},${ID2}`, ids: [ID, ID2] }]);
    assert.deepStrictEqual(links(`tasks: task ${ID2}, task ${ID}, task ${ID2}`), [{ text: `${ID2}, task ${ID}, task ${ID2}`, ids: [ID2, ID] }]);
  });

  it('reads at most MAX_LINE_CHARS of a huge line, in linear time', () => {
    const line = `task ${ID} ` + 'x'.repeat(MAX_LINE_CHARS * 50) + ` task ${ID2}`;
    const t0 = process.hrtime.bigint();
    assert.deepStrictEqual(links(line), [{ text: ID, ids: [ID] }]);
    assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 200, 'a megabyte line takes under 200 ms');
  });
});
