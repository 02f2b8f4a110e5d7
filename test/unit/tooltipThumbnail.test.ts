import * as assert from 'assert';
import { thumbnailMarkdown } from '../../src/tree/tooltipThumbnail';

describe("tree: the tooltip's thumbnail", () => {
  it('shows an http(s) image, its Markdown link kept whole', () => {
    assert.strictEqual(thumbnailMarkdown('https://cdn.example.com/a/b.png?x=1'), '\n\n![thumbnail](https://cdn.example.com/a/b.png?x=1|width=240)\n');
    assert.strictEqual(thumbnailMarkdown('http://127.0.0.1:3000/mj/image/1'), '\n\n![thumbnail](http://127.0.0.1:3000/mj/image/1|width=240)\n');
    // A ")" would end the link early.
    assert.strictEqual(thumbnailMarkdown('https://cdn.example.com/a(1).png'), '\n\n![thumbnail](https://cdn.example.com/a%281%29.png|width=240)\n');
  });

  it('encodes what would change the Markdown around the URL: a size suffix, escapes, brackets', () => {
    assert.strictEqual(
      thumbnailMarkdown('https://cdn.example.com/x.png?a=|height=9000&b=\\)[c]'),
      '\n\n![thumbnail](https://cdn.example.com/x.png?a=%7Cheight=9000&b=%5C%29%5Bc%5D|width=240)\n',
    );
  });

  it('refuses what the preview refuses (the one URL check): credentials in the URL above all', () => {
    // The full list of refused URLs is safeHttpUrl's own test; these are the ones a hover must never carry.
    for (const url of ['http://user:secret@host/x.png', 'https://cdn.example.com@evil.example/x.png', 'javascript:alert(1)', null]) {
      assert.strictEqual(thumbnailMarkdown(url), '', String(url));
    }
  });
});
