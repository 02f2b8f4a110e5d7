// The Vary (Region) mask is checked before it is sent: a PNG data URL of the image's own size,
// black and white only, with a region drawn. The decoder reads what a canvas writes (RGBA, any
// row filter) and what the simulator writes (RGB).

import * as assert from 'assert';
import { deflateSync } from 'zlib';
import { checkMask, decodePng } from '../../src/core/maskPng';
import { chunk, encodePng } from '../../src/simulator/png';

/** An RGBA PNG whose rows use the given filter (1 Sub, 2 Up, 3 Average, 4 Paeth), as browsers write. */
function rgbaPng(width: number, height: number, px: (x: number, y: number) => number[], filter: number): Buffer {
  const stride = width * 4;
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) row.push(...px(x, y));
    rows.push(row);
  }
  const raw: number[] = [];
  rows.forEach((row, y) => {
    raw.push(filter);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? row[i - 4] : 0;
      const b = y > 0 ? rows[y - 1][i] : 0;
      const c = i >= 4 && y > 0 ? rows[y - 1][i - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      raw.push((row[i] - predictor) & 0xff);
    }
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(raw))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const inRect = (x: number, y: number) => x >= 2 && x < 5 && y >= 1 && y < 3;
const url = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

describe('Vary (Region) mask', () => {
  for (const filter of [0, 1, 2, 3, 4]) {
    it(`decodes an RGBA PNG with row filter ${filter} pixel for pixel`, () => {
      const png = rgbaPng(7, 4, (x, y) => (inRect(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 255]), filter);
      const d = decodePng(png);
      assert.deepStrictEqual([d.width, d.height], [7, 4]);
      for (let y = 0; y < 4; y++) for (let x = 0; x < 7; x++) assert.strictEqual(d.luma[y * 7 + x], inRect(x, y) ? 255 : 0, `${x},${y}`);
    });
  }

  it('accepts a black-and-white mask of the image size and counts the region', () => {
    const r = checkMask(url(rgbaPng(7, 4, (x, y) => (inRect(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 255]), 4)), 7, 4);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.strictEqual(r.regionPixels, 6);
    const rgb = new Uint8Array(3 * 3 * 3);
    rgb.fill(255, 0, 3);
    assert.ok(checkMask(url(encodePng(3, 3, rgb)), 3, 3).ok, 'an RGB PNG too');
  });

  it('refuses a mask of another size than the image, naming both', () => {
    const r = checkMask(url(rgbaPng(8, 4, () => [255, 255, 255, 255], 0)), 512, 512);
    assert.ok(!r.ok && /8×4 pixels, the image is 512×512/.test(r.reason), !r.ok ? r.reason : '');
  });

  it('refuses a mask with no region, with grey or coloured pixels, or half-transparent ones', () => {
    const none = checkMask(url(rgbaPng(4, 4, () => [0, 0, 0, 255], 0)), 4, 4);
    assert.ok(!none.ok && /no region is drawn/.test(none.reason));
    const grey = checkMask(url(rgbaPng(4, 4, (x) => (x === 0 ? [128, 128, 128, 255] : [255, 255, 255, 255]), 1)), 4, 4);
    assert.ok(!grey.ok && /neither black nor white/.test(grey.reason));
    const red = checkMask(url(rgbaPng(4, 4, (x) => (x === 0 ? [255, 0, 0, 255] : [255, 255, 255, 255]), 2)), 4, 4);
    assert.ok(!red.ok && /neither black nor white/.test(red.reason));
    const faint = checkMask(url(rgbaPng(4, 4, (x) => (x === 0 ? [255, 255, 255, 100] : [255, 255, 255, 255]), 0)), 4, 4);
    assert.ok(!faint.ok && /neither black nor white/.test(faint.reason));
    // Fully transparent counts as black (outside the region), as a cleared canvas is.
    const clear = checkMask(url(rgbaPng(4, 4, (x) => (x === 0 ? [0, 0, 0, 0] : [255, 255, 255, 255]), 3)), 4, 4);
    assert.ok(clear.ok && clear.regionPixels === 12);
  });

  it('refuses what is not a PNG data URL, bad base64, a JPEG, a damaged PNG', () => {
    const reasons = [
      checkMask('https://example.com/mask.png', 4, 4),
      checkMask(42, 4, 4),
      checkMask('data:image/jpeg;base64,/9j/4AAQ', 4, 4),
      checkMask('data:image/png;base64,@@@@', 4, 4),
      checkMask(`data:image/png;base64,${Buffer.from('GIF89a').toString('base64')}`, 4, 4),
      checkMask(url(rgbaPng(4, 4, () => [255, 255, 255, 255], 0).subarray(0, 40)), 4, 4),
    ].map((r) => (r.ok ? 'ok' : r.reason));
    assert.match(reasons[0], /not a PNG data URL/);
    assert.match(reasons[1], /not a PNG data URL/);
    assert.match(reasons[2], /not a PNG data URL/);
    assert.match(reasons[3], /not valid base64/);
    assert.match(reasons[4], /not a PNG image/);
    assert.match(reasons[5], /cut short|no header|does not (decompress|match)/);
  });

  it('refuses a PNG whose declared size is beyond any image before inflating it', () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(100_000, 0);
    ihdr.writeUInt32BE(100_000, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(10))), chunk('IEND', Buffer.alloc(0))]);
    const r = checkMask(url(png), 100_000, 100_000);
    assert.ok(!r.ok && /100000×100000 pixels/.test(r.reason), !r.ok ? r.reason : '');
  });
});
