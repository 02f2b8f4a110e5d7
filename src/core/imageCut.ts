import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { decodeWebp } from './webpDecoder';

// One quadrant of a 2×2 grid, cut here when the server sent no per-image links: the grid decoded
// (PNG, JPEG or WebP, as Midjourney hosts serve them; pure JS and wasm, no native module), the
// quarter copied pixel for pixel, written as PNG (lossless: the quarter is exactly what the grid
// held). Quadrants are numbered as Midjourney numbers them: 1 top-left, 2 top-right,
// 3 bottom-left, 4 bottom-right.

export interface Rgba {
  width: number;
  height: number;
  /** width × height × 4 bytes, row by row. */
  data: Uint8Array;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** Refused before decoding: a grid is about 2048², this is far beyond any real one (and bounds memory). */
export const MAX_PIXELS = 64 * 1024 * 1024;

/** What the bytes are, by their signature (a server's Content-Type is only a hint). */
export function sniffImage(bytes: Uint8Array): ImageFormat | 'gif' | null {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'gif';
  return null;
}

/** Whether the bytes start like a video MJ Tasks saves (MP4's `ftyp` box, WebM's EBML header). */
export function looksLikeVideo(bytes: Uint8Array): boolean {
  const at = (i: number, ...b: number[]) => b.every((v, k) => bytes[i + k] === v);
  return at(4, 0x66, 0x74, 0x79, 0x70) || at(0, 0x1a, 0x45, 0xdf, 0xa3);
}

export function decodeImage(bytes: Uint8Array): Rgba {
  const format = sniffImage(bytes);
  switch (format) {
    case 'png': {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    case 'jpeg': {
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
      return { width: img.width, height: img.height, data: img.data };
    }
    case 'webp':
      return decodeWebp(bytes);
    default:
      throw new Error(format === 'gif' ? 'a GIF cannot be cut into quadrants' : 'not a PNG, JPEG or WebP image');
  }
}

/** The rectangle of quadrant `index` (1–4); an odd width or height gives the right or bottom half the extra pixel. */
export function quadrantRect(width: number, height: number, index: 1 | 2 | 3 | 4): { x: number; y: number; width: number; height: number } {
  const left = Math.floor(width / 2);
  const top = Math.floor(height / 2);
  const right = index === 2 || index === 4;
  const bottom = index === 3 || index === 4;
  return { x: right ? left : 0, y: bottom ? top : 0, width: right ? width - left : left, height: bottom ? height - top : top };
}

export function crop(img: Rgba, rect: { x: number; y: number; width: number; height: number }): Rgba {
  const out = new Uint8Array(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const from = ((rect.y + row) * img.width + rect.x) * 4;
    out.set(img.data.subarray(from, from + rect.width * 4), row * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data: out };
}

export function encodePng(img: Rgba): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength).copy(png.data);
  return PNG.sync.write(png);
}

/** Quadrant `index` of the grid in `bytes`, as PNG bytes. Throws with a plain reason when it cannot. */
export function cutQuadrant(bytes: Uint8Array, index: 1 | 2 | 3 | 4): Buffer {
  const grid = decodeImage(bytes);
  if (grid.width < 2 || grid.height < 2) throw new Error('the image is too small to be a grid');
  return encodePng(crop(grid, quadrantRect(grid.width, grid.height, index)));
}
