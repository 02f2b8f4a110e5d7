// Quadrant cutting: the four saved quadrants are the four quarters of the grid, pixel for pixel,
// for every format Midjourney hosts serve (PNG, JPEG, WebP), odd sizes included.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as jpeg from 'jpeg-js';
import { cutQuadrant, decodeImage, encodePng, quadrantRect, sniffImage } from '../../src/core/imageCut';
import { assertQuartersOf, pattern } from './quadrantCheck';

describe('imageCut: quadrants of a grid', () => {
  it('numbers quadrants row by row and gives odd sizes\' extra pixel to the right and bottom', () => {
    assert.deepStrictEqual(quadrantRect(2048, 2048, 1), { x: 0, y: 0, width: 1024, height: 1024 });
    assert.deepStrictEqual(quadrantRect(2048, 2048, 2), { x: 1024, y: 0, width: 1024, height: 1024 });
    assert.deepStrictEqual(quadrantRect(2048, 2048, 3), { x: 0, y: 1024, width: 1024, height: 1024 });
    assert.deepStrictEqual(quadrantRect(7, 5, 4), { x: 3, y: 2, width: 4, height: 3 });
  });

  it('cuts a PNG grid (odd size, alpha) into its four quarters, pixel for pixel', () => {
    const img = pattern(33, 21);
    const png = encodePng(img);
    assert.strictEqual(sniffImage(png), 'png');
    assert.ok(Buffer.from(decodeImage(png).data).equals(Buffer.from(img.data)), 'PNG round trip');
    assertQuartersOf(png, 'PNG');
    // Quadrant 2 of the pattern is exactly the pattern's top-right quarter.
    const q2 = decodeImage(cutQuadrant(png, 2));
    assert.deepStrictEqual(Array.from(q2.data.subarray(0, 4)), Array.from(img.data.subarray(16 * 4, 16 * 4 + 4)));
  });

  it('cuts a JPEG grid into the quarters of what it decodes to', () => {
    const img = pattern(64, 48);
    const jpg = jpeg.encode({ width: img.width, height: img.height, data: Buffer.from(img.data) }, 90).data;
    assert.strictEqual(sniffImage(jpg), 'jpeg');
    assertQuartersOf(jpg, 'JPEG');
  });

  it('cuts a WebP grid (libwebp as wasm)', () => {
    const webp = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/images/python.webp'));
    assert.strictEqual(sniffImage(webp), 'webp');
    const img = decodeImage(webp);
    assert.deepStrictEqual([img.width, img.height], [16, 16]);
    assertQuartersOf(webp, 'WebP');
  });

  it('refuses what is not an image it can decode, in words', () => {
    assert.throws(() => cutQuadrant(Buffer.from('<html>nope</html>'), 1), /not a PNG, JPEG or WebP image/);
    assert.throws(() => cutQuadrant(Buffer.from('GIF89a......'), 1), /GIF/);
  });
});
