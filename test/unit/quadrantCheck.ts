// The check the quadrant tests share: cut four times, compare with the grid's quarters.

import * as assert from 'assert';
import { crop, cutQuadrant, decodeImage, quadrantRect, Rgba } from '../../src/core/imageCut';

/** An image whose every pixel differs from its neighbours (a cut off by one shows). */
export function pattern(width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data.set([(x * 37 + y * 11) & 255, (x * 5 + y * 53) & 255, (x ^ y) & 255, 255 - ((x + y) & 63)], i);
    }
  }
  return { width, height, data };
}

/** The four quarters, joined back together. */
function join(q: Rgba[], width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const [r1, r2, r3, r4] = ([1, 2, 3, 4] as const).map((i) => quadrantRect(width, height, i));
  [r1, r2, r3, r4].forEach((r, k) => {
    for (let row = 0; row < r.height; row++) {
      out.set(q[k].data.subarray(row * r.width * 4, (row + 1) * r.width * 4), ((r.y + row) * width + r.x) * 4);
    }
  });
  return out;
}

export function assertQuartersOf(gridBytes: Buffer | Uint8Array, label: string): void {
  const grid = decodeImage(gridBytes);
  const quarters = ([1, 2, 3, 4] as const).map((i) => decodeImage(cutQuadrant(gridBytes, i)));
  quarters.forEach((q, k) => {
    const r = quadrantRect(grid.width, grid.height, (k + 1) as 1 | 2 | 3 | 4);
    assert.deepStrictEqual([q.width, q.height], [r.width, r.height], `${label} q${k + 1} size`);
    assert.ok(Buffer.from(q.data).equals(Buffer.from(crop(grid, r).data)), `${label} q${k + 1} pixels`);
  });
  assert.ok(Buffer.from(join(quarters, grid.width, grid.height)).equals(Buffer.from(grid.data)), `${label}: the quarters make the grid`);
}

