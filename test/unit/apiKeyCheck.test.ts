import * as assert from 'assert';
import { checkApiKey } from '../../src/core/apiKeyCheck';
import { assertNoKey, BAD_KEYS } from './keyFixture';

describe('checkApiKey: keys that cannot be sent, or are paste accidents', () => {
  for (const bad of BAD_KEYS) {
    it(`refuses ${bad.name}, saying which character and where, never echoing it`, () => {
      const problem = checkApiKey(bad.key);
      assert.ok(problem, 'refused');
      assert.strictEqual(problem.kind, bad.kind);
      assert.strictEqual(problem.position, bad.position);
      assert.strictEqual(problem.length, [...bad.key].length);
      assert.ok(problem.message.startsWith(`Character ${bad.position} of ${problem.length} is `), problem.message);
      assertNoKey(problem.message, bad.key, 'the message');
    });
  }

  const others: [string, string, string, number][] = [
    ['a tab', 'sk-abc\tdef', 'control', 7],
    ['a NUL', 'sk-abc\u0000def', 'control', 7],
    ['DEL', 'sk-abc\u007fdef', 'control', 7],
    ['a C1 control', 'sk-abc\u0085def', 'line-break', 7],
    ['a byte order mark at the start', '\ufeffsk-abcdef', 'invisible', 1],
    ['a word joiner', 'sk-abc\u2060def', 'invisible', 7],
    ['a zero-width joiner', 'sk-abc\u200ddef', 'invisible', 7],
    ['a leading space', ' sk-abcdef', 'edge-space', 1],
    ['a trailing space', 'sk-abcdef ', 'edge-space', 10],
    ['curly quotes', '\u201csk-abcdef\u201d', 'typographic', 1],
    ['a minus sign', 'sk\u2212abcdef', 'typographic', 3],
    ['full-width letters', 'sk-\uff41\uff42\uff43', 'full-width', 4],
    ['an ideographic space', 'sk-abc\u3000def', 'special-space', 7],
    ['a Cyrillic letter', 'sk-\u0430bcdef', 'non-ascii', 4],
    ['an emoji after it (counted as one character)', 'sk-\u{1F511}x\n', 'non-ascii', 4],
  ];
  for (const [name, key, kind, position] of others) {
    it(`refuses ${name}`, () => {
      const problem = checkApiKey(key);
      assert.deepStrictEqual([problem?.kind, problem?.position], [kind, position]);
    });
  }

  it('counts characters as the user sees them, emoji and all', () => {
    assert.strictEqual(checkApiKey('\u{1F511}abc\n')?.length, 5);
  });

  for (const key of ['sk-proj-4fA9xQ2mZ7vL1cR8tY3w', 'Bearer sk-abc', '0f8fad5b-d9cb-469f-a165-70867728950e', 'mj_~!@#$%^&*()+={}[]|:;<>,.?/', '']) {
    it(`accepts ${JSON.stringify(key)}`, () => assert.strictEqual(checkApiKey(key), null));
  }
});
