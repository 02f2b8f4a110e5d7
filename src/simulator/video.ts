import * as fs from 'fs';
import * as path from 'path';
import { bodyReply, type Reply } from './reply';

// The clip VIDEO tasks point at: one real H.264 MP4 (assets/video.mp4: 2 s, 128×128, 12 fps,
// testsrc pattern, moov atom first), made once with ffmpeg and kept in the repository, so a
// <video> element loads it offline and nothing needs ffmpeg at run time. Every clip URL of every
// task serves these same bytes, with Range support: Chromium's media stack asks for byte ranges
// and expects 206 answers with Content-Range.

export const VIDEO_FILE = 'video.mp4';
export const VIDEO_SECONDS = 2;
export const VIDEO_FRAMES = 24;
export const VIDEO_SIZE = 128;
/** trueai's videoType for Midjourney's standard-definition video. */
export const VIDEO_TYPE = 'vid_1.1_i2v_480';

/** Clip URLs: /videos/<job hash>/0_<n>.mp4, the shape of Midjourney's video CDN. */
export function videoPath(hash: string, n: number): string {
  return `/videos/${hash}/0_${n}.mp4`;
}

const CLIP_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/0_[0-3]\.mp4$/;

/**
 * Where the MP4 is: beside this module (if a build copied it there), else in src/simulator/assets
 * under the package root, found by walking up — that covers dist/simulator.js, dist/bench.js and
 * out/src/simulator/*.js alike.
 */
export function videoAssetPath(from: string = __dirname): string | undefined {
  const direct = path.join(from, 'assets', VIDEO_FILE);
  if (fs.existsSync(direct)) return direct;
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'src', 'simulator', 'assets', VIDEO_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

let cached: Buffer | null | undefined;

/** The MP4 bytes, read once; null when the asset cannot be found. */
export function videoBytes(): Buffer | null {
  if (cached === undefined) {
    const file = videoAssetPath();
    cached = file ? fs.readFileSync(file) : null;
  }
  return cached;
}

export type ByteRange = { start: number; end: number };

/**
 * A `Range` header against a body of `size` bytes: the one range asked for, 'unsatisfiable'
 * (416), or null to answer with the whole body (no header, another unit, several ranges or a
 * malformed one — RFC 9110 lets a server ignore those).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

const VIDEO_HEADERS = { 'Accept-Ranges': 'bytes', 'Cache-Control': 'public, max-age=86400' };

/** GET/HEAD /videos/<hash>/0_<n>.mp4 — no key needed, like the images. */
export function videoFile(name: string, rangeHeader: string | string[] | undefined): Reply {
  const mp4 = CLIP_NAME.test(name) ? videoBytes() : null;
  if (!mp4) return bodyReply(404, 'Not Found', 'text/plain; charset=utf-8');
  const range = parseRange(Array.isArray(rangeHeader) ? rangeHeader[0] : rangeHeader, mp4.length);
  if (range === 'unsatisfiable') {
    return bodyReply(416, Buffer.alloc(0), undefined, { ...VIDEO_HEADERS, 'Content-Range': `bytes */${mp4.length}` });
  }
  if (range === null) return bodyReply(200, mp4, 'video/mp4', VIDEO_HEADERS);
  return bodyReply(206, mp4.subarray(range.start, range.end + 1), 'video/mp4', {
    ...VIDEO_HEADERS,
    'Content-Range': `bytes ${range.start}-${range.end}/${mp4.length}`,
  });
}
