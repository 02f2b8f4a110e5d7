import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseTaskIdInput } from '../../src/core/taskIdInput';

const fixtures = path.join(__dirname, '../../../test/fixtures');

function ids(text: string): string[] {
  const r = parseTaskIdInput(text);
  assert.deepStrictEqual(r.problems, [], `unexpected problems for ${text}`);
  return r.ids;
}

describe('taskIdInput: parseTaskIdInput', () => {
  it('reads a plain ID, trimmed', () => {
    assert.deepStrictEqual(ids('  1730621826053455 \n'), ['1730621826053455']);
  });

  it('accepts other alphanumeric IDs (UUIDs, relay IDs)', () => {
    assert.deepStrictEqual(ids('3785da15-4f70-4034-9128-f3ff1ac634fa task_abc1'), ['3785da15-4f70-4034-9128-f3ff1ac634fa', 'task_abc1']);
  });

  it('reads many IDs separated by commas, spaces and new lines, deduplicated in order', () => {
    assert.deepStrictEqual(ids('1730621826053455, 1747132423020537\n1712205491372224  1730621826053455,,;'), [
      '1730621826053455',
      '1747132423020537',
      '1712205491372224',
    ]);
  });

  it('strips quotes and trailing punctuation copied along with an ID', () => {
    assert.deepStrictEqual(ids('"1730621826053455", \'1747132423020537\' `1712205491372224`.'), [
      '1730621826053455',
      '1747132423020537',
      '1712205491372224',
    ]);
  });

  it('reads IDs out of task URLs on any host', () => {
    assert.deepStrictEqual(
      ids(
        'https://api.quickrouter.ai/mj/task/1743326750223591/fetch https://h/mj-relax/mj/task/1730621826053455/image-seed?x=1 http://localhost:3000/mj/image/1747132423020537?rand=5',
      ),
      ['1743326750223591', '1730621826053455', '1747132423020537'],
    );
  });

  it('decodes URL-encoded IDs', () => {
    assert.deepStrictEqual(ids('https://h/mj/task/abc%2Ddef/fetch'), ['abc-def']);
  });

  it('reads a pasted task JSON (the DMXAPI sample)', () => {
    const text = fs.readFileSync(path.join(fixtures, 'seeds/dmxapi-query-task.json'), 'utf8');
    assert.deepStrictEqual(ids(text), ['1747132423020537']);
  });

  it('reads an array of task JSONs', () => {
    const a = fs.readFileSync(path.join(fixtures, 'seeds/quickrouter-mj-task-fetch.json'), 'utf8');
    const b = fs.readFileSync(path.join(fixtures, 'seeds/maisi-ai-mj-task-fetch.json'), 'utf8');
    assert.deepStrictEqual(ids(`[${a}, ${b}]`), ['1730621826053455', '1712205491372224']);
  });

  it('reads a submit response, keeping every digit of a numeric result', () => {
    assert.deepStrictEqual(ids('{"code":1,"description":"Submit success","result":1320098173412546789,"properties":{}}'), ['1320098173412546789']);
    assert.deepStrictEqual(ids(fs.readFileSync(path.join(fixtures, 'derived/trueai-submit-code22-queued.json'), 'utf8')), ['1748339029401830']);
  });

  it("splits trueai's comma-joined result of Imagine all", () => {
    assert.deepStrictEqual(ids('{"code":1,"result":"1748339029401831,1748339029401832"}'), ['1748339029401831', '1748339029401832']);
  });

  it('reads a mix of JSON, URLs and plain IDs', () => {
    assert.deepStrictEqual(ids('{"id":"1730621826053455","status":"SUCCESS"}\n1747132423020537, https://h/mj/task/1712205491372224/fetch {"result":"1748339029401830"}'), [
      '1730621826053455',
      '1747132423020537',
      '1712205491372224',
      '1748339029401830',
    ]);
  });

  it('reads a list-by-condition body and JSON arrays of IDs', () => {
    assert.deepStrictEqual(ids('{"ids":["1730621826053455",1747132423020537]}'), ['1730621826053455', '1747132423020537']);
    assert.deepStrictEqual(ids('[1730621826053455, "1747132423020537"]'), ['1730621826053455', '1747132423020537']);
  });

  it('reads JSON whose strings contain brackets', () => {
    assert.deepStrictEqual(ids('{"prompt":"a } ] { [ \\" b","id":"1730621826053455"}'), ['1730621826053455']);
  });

  it('reads a task inside a relay wrapper and a snake_case task_id', () => {
    assert.deepStrictEqual(ids('{"code":0,"msg":"ok","data":{"id":"1730621826053455","status":"SUCCESS"}}'), ['1730621826053455']);
    assert.deepStrictEqual(ids('{"success":true,"data":{"list":[{"task_id":1730621826053455},{"task_id":"1730621826053456"}]}}'), ['1730621826053455', '1730621826053456']);
  });

  it('reads an ID a console link names in its query, and task_id=… from a log or an .env file', () => {
    assert.deepStrictEqual(ids('https://relay.example/console/task?taskId=1730621826053455&tab=1'), ['1730621826053455']);
    assert.deepStrictEqual(ids('https://relay.example/#/task?id=1730621826053455'), ['1730621826053455']);
    assert.deepStrictEqual(ids('task_id=1730621826053455 TASK_ID="1730621826053456" taskId:1730621826053457'), ['1730621826053455', '1730621826053456', '1730621826053457']);
  });

  describe('problems', () => {
    function problems(text: string): string[] {
      const r = parseTaskIdInput(text);
      assert.ok(r.problems.length > 0, `expected a problem for ${JSON.stringify(text)}`);
      for (const p of r.problems) assert.match(p, /Expected a task ID|rejected|did not accept/);
      return r.problems;
    }

    it('says what was expected for empty input', () => {
      assert.match(problems('   \n ')[0], /No task ID given/);
    });

    it('rejects words that cannot be IDs', () => {
      assert.match(problems('abc')[0], /"abc" is not a task ID/);
      assert.match(problems('hello world!')[0], /not a task ID/);
      assert.match(problems('x'.repeat(65))[0], /not a task ID/);
      assert.match(problems('null')[0], /"null" is not a task ID/);
      assert.match(problems('{"result":[]}')[0], /holds no task ID/);
    });

    it('rejects URLs without /mj/task/<id>/', () => {
      assert.match(problems('https://example.com/foo')[0], /has no \/mj\/task\/<id>\//);
      assert.match(problems('https://example.com/page?id=about')[0], /has no \/mj\/task\/<id>\//);
      assert.match(problems('https://h/mj/task/a%20b/fetch')[0], /does not hold a valid task ID/);
    });

    it('rejects invalid or incomplete JSON and JSON without an ID', () => {
      assert.match(problems('{"id": "1730621826053455"')[0], /not valid JSON/);
      assert.match(problems('{"foo":1}')[0], /holds no task ID/);
      assert.match(problems('[]')[0], /list is empty/);
      assert.match(problems('[null]')[0], /holds no task ID/);
    });

    it('explains a rejected submit response, naming the banned word', () => {
      assert.match(
        problems('{"code":24,"description":"可能包含敏感词","properties":{"bannedWord":"xyz"}}')[0],
        /did not accept this submission \(code 24: the prompt was banned \(banned word: xyz\) — “可能包含敏感词”\)/,
      );
    });

    it('shows a banned word from the server inert and short', () => {
      const word = '\u001b]0;x\u0007bad\u202eword' + 'y'.repeat(500);
      const p = problems(JSON.stringify({ code: 24, description: 'banned', properties: { bannedWord: word } }))[0];
      assert.ok(![...p].some((c) => c === "\u001b" || c === "\u0007" || c === "\u202e"), p);
      assert.match(p, /banned word: badwordy+…\)/);
      assert.ok(p.length < 300, `${p.length} characters`);
    });

    it('tracks nothing from a refused submission even when it carries an ID', () => {
      for (const [code, words] of [
        [23, /the queue is full/],
        [4, /the request was invalid/],
        [9, /failed to submit/],
        [3, /does not exist/],
        [77, /refused/],
      ] as const) {
        const r = parseTaskIdInput(`{"code":${code},"description":"队列已满，请稍后尝试","result":"1730621826053455"}`);
        assert.deepStrictEqual(r.ids, [], `code ${code}`);
        assert.strictEqual(r.problems.length, 1);
        assert.match(r.problems[0], words);
        assert.match(r.problems[0], new RegExp(`code ${code}`));
      }
    });

    it('tracks accepted submissions: submitted (1), waiting for the modal (21), in queue (22)', () => {
      for (const code of [1, 21, 22]) {
        const r = parseTaskIdInput(`{"code":${code},"description":"In queue, there are 67 tasks ahead","result":"1730621826053455"}`);
        assert.deepStrictEqual(r.ids, ['1730621826053455'], `code ${code}`);
        assert.deepStrictEqual(r.problems, []);
      }
    });

    it('reads a relay wrapper {code: 0, result: {task}} as a wrapper, not as a refusal', () => {
      const r = parseTaskIdInput('{"code":0,"description":"ok","result":{"id":"1730621826053455","status":"SUCCESS"}}');
      assert.deepStrictEqual(r.ids, ['1730621826053455']);
    });

    it('parses and de-duplicates 100 000 pasted IDs in linear time, first-seen order kept', () => {
      const ids = Array.from({ length: 100_000 }, (_, i) => String(1730621826053455 + (i % 50_000)));
      const r = parseTaskIdInput(ids.join('\n'));
      assert.strictEqual(r.ids.length, 50_000);
      assert.strictEqual(r.ids[0], '1730621826053455');
      assert.strictEqual(r.ids[49_999], String(1730621826053455 + 49_999));
    });

    it('lists the first ten problems and counts the rest', () => {
      const r = parseTaskIdInput(Array.from({ length: 25 }, (_, i) => `word${'x'.repeat(i)}`).join(' '));
      assert.strictEqual(r.problems.length, 11);
      assert.match(r.problems[10], /and 15 more/);
    });

    it('does not take the words of a pasted log line for IDs', () => {
      const r = parseTaskIdInput('submitted: {"code":1,"description":"Submit success","result":1795358648877202}');
      assert.deepStrictEqual(r.ids, ['1795358648877202']);
      assert.deepStrictEqual(r.problems.length, 1);
      assert.match(r.problems[0], /"submitted" is not a task ID/);
      assert.deepStrictEqual(parseTaskIdInput('task done 1730621826053455').ids, ['1730621826053455']);
      assert.deepStrictEqual(parseTaskIdInput('{"id":"abcd-task"}').ids, ['abcd-task'], 'an explicit JSON id needs no digit');
    });

    it('keeps the good IDs next to the problems', () => {
      const r = parseTaskIdInput('1730621826053455 ??? 1747132423020537');
      assert.deepStrictEqual(r.ids, ['1730621826053455', '1747132423020537']);
      assert.strictEqual(r.problems.length, 1);
    });

    it('never throws on garbage', () => {
      const garbage = ['{{{{', ']]]]', '"', '\\', '%E0%A4%A', 'https://h/mj/task/%E0%A4%A/fetch', '\u0000\uffff', '{"id":{}}', '[[[[1]]]]', 'null', '-', '{"result":[]}'];
      for (const g of garbage) assert.doesNotThrow(() => parseTaskIdInput(g), g);
      assert.doesNotThrow(() => parseTaskIdInput(undefined as unknown as string));
      assert.doesNotThrow(() => parseTaskIdInput('['.repeat(10000)));
    });
  });
});
