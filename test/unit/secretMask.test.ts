import * as assert from 'assert';
import { maskSecrets } from '../../src/core/secretMask';

describe('maskSecrets: the key in every form it could come back in', () => {
  const KEY = 'sk-Secret/Key+0123';

  const forms: [string, string][] = [
    ['as it is', `token ${KEY} refused`],
    ['in another letter case (a host name)', `https://${KEY.toLowerCase()}.example.com`],
    ['JSON-escaped', JSON.stringify({ message: `bad "${KEY}"` })],
    ['percent-encoded', `/callback?key=${encodeURIComponent(KEY)}`],
  ];
  for (const [name, text] of forms) {
    it(`masks it ${name}`, () => {
      const masked = maskSecrets(text, [KEY]);
      assert.ok(masked.includes('***'), masked);
      assert.ok(!masked.toLowerCase().includes('secret'), masked);
    });
  }

  it('masks each line of a two-line key, and a key given with surrounding space', () => {
    assert.strictEqual(maskSecrets('a first-line-part b second-line-part', ['first-line-part\r\nsecond-line-part']), 'a *** b ***');
    assert.strictEqual(maskSecrets(`x ${KEY} y`, [`  ${KEY}\n`]), 'x *** y');
  });

  it('masks the JSON-escaped form of a key with a line break whole', () => {
    const key = 'abcd\nefgh';
    assert.strictEqual(maskSecrets(JSON.stringify(`[${key}]`), [key]), '"[***]"');
  });

  it('leaves text alone without secrets, and ignores keys too short to mask', () => {
    assert.strictEqual(maskSecrets('nothing here', [undefined, '', 'abc']), 'nothing here');
  });

  it('treats regular-expression characters in a key literally', () => {
    assert.strictEqual(maskSecrets('a.b*c+d a-b-c-d', ['a.b*c+d']), '*** a-b-c-d');
  });
});
