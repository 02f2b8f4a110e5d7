import * as assert from 'assert';
import { idText, parseJson, quoteBigIntegers, tryParseJson } from '../../src/core/json';

describe('json: parseJson keeps every digit of big integers', () => {
  it('keeps a 19-digit submit result that JSON.parse would round', () => {
    const text = '{"code":1,"description":"Submit success","result":1320098173412546789}';
    assert.notStrictEqual(String((JSON.parse(text) as { result: number }).result), '1320098173412546789');
    assert.deepStrictEqual(parseJson(text), { code: 1, description: 'Submit success', result: '1320098173412546789' });
  });

  it('turns 16+ digit integers into strings and leaves 15-digit ones as numbers', () => {
    assert.deepStrictEqual(parseJson('[123456789012345, 1234567890123456, 9007199254740993]'), [
      123456789012345,
      '1234567890123456',
      '9007199254740993',
    ]);
  });

  it('keeps the sign of negative big integers', () => {
    assert.deepStrictEqual(parseJson('{"a":-12345678901234567890}'), { a: '-12345678901234567890' });
  });

  it('leaves fractions and exponents alone (they are not IDs)', () => {
    assert.deepStrictEqual(parseJson('[1234567890123456.5, 1234567890123456e2, 12345678901234567E-3, 1.5e+300]'), [
      1234567890123456.5,
      1234567890123456e2,
      // eslint-disable-next-line no-loss-of-precision -- the literal the parser is given, digit for digit
      12345678901234567e-3,
      1.5e300,
    ]);
  });

  it('does not touch digits inside strings, including escaped quotes before them', () => {
    const text = '{"id":"1730621826053455","prompt":"a \\"12345678901234567890\\" b","n":12345678901234567890}';
    assert.deepStrictEqual(parseJson(text), {
      id: '1730621826053455',
      prompt: 'a "12345678901234567890" b',
      n: '12345678901234567890',
    });
  });

  it('handles backslashes at the end of strings', () => {
    const text = '{"p":"C:\\\\dir\\\\","id":17306218260534551}';
    assert.deepStrictEqual(parseJson(text), { p: 'C:\\dir\\', id: '17306218260534551' });
  });

  it('works in nested arrays and objects and next to other tokens', () => {
    const text = '{"tasks":[{"id":1730621826053455,"submitTime":1730621826053,"ok":true,"x":null}],"ids":[17306218260534551,2]}';
    assert.deepStrictEqual(parseJson(text), {
      tasks: [{ id: '1730621826053455', submitTime: 1730621826053, ok: true, x: null }],
      ids: ['17306218260534551', 2],
    });
  });

  it('parses a top-level big integer', () => {
    assert.strictEqual(parseJson(' 12345678901234567890 '), '12345678901234567890');
  });

  it('returns the text unchanged when there is nothing to quote', () => {
    const text = '{"a":"12345678901234567890","b":123}';
    assert.strictEqual(quoteBigIntegers(text), text);
  });

  it('still rejects invalid and truncated JSON', () => {
    assert.throws(() => parseJson('{"id":12345678901234567890'), SyntaxError);
    assert.throws(() => parseJson('{"id":"1234567890123456'), SyntaxError);
    assert.throws(() => parseJson('<html>'), SyntaxError);
    assert.throws(() => parseJson(''), SyntaxError);
    assert.deepStrictEqual(tryParseJson('{'), { ok: false });
    assert.deepStrictEqual(tryParseJson('[1]'), { ok: true, value: [1] });
  });

  it('handles unicode escapes and non-ASCII text', () => {
    assert.deepStrictEqual(parseJson('{"d":"\\u63d0\\u4ea4\\u6210\\u529f","e":"🔄","r":1320098173412546789}'), {
      d: '提交成功',
      e: '🔄',
      r: '1320098173412546789',
    });
  });
});

describe('json: idText', () => {
  it('reads strings (trimmed) and integers without exponent notation', () => {
    assert.strictEqual(idText(' 1730621826053455 '), '1730621826053455');
    assert.strictEqual(idText(1730621826053455), '1730621826053455');
    assert.strictEqual(idText(1e21), '1000000000000000000000');
    assert.strictEqual(idText(BigInt('1320098173412546789')), '1320098173412546789');
  });

  it('rejects what cannot be an ID', () => {
    for (const v of ['', '   ', null, undefined, 1.5, NaN, {}, [], true]) assert.strictEqual(idText(v), null, String(v));
  });
});
