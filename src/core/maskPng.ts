import * as l10n from '@vscode/l10n';
import { inflateSync } from 'zlib';

// The Vary (Region) mask, checked before it is sent: the preview draws it on a canvas of the
// image's own size and sends it as a PNG data URL. Midjourney's editor (and the proxies' own
// admin pages, which pass the mask through as drawn) reads white as the region to change and
// black as the rest, over the whole picture — a mask of any other size, a blank one or anything
// that is not a plain black-and-white PNG would be a billed job that changes the wrong thing.

export const MASK_DATA_URL_PREFIX = 'data:image/png;base64,';

/** Far beyond any Midjourney image (2048 px for an upscale, 4096 for a 2× upscale of it). */
export const MASK_MAX_SIDE = 8192;

/** A black-and-white PNG of an image of MASK_MAX_SIDE² stays well below this; anything larger is not a mask. */
export const MASK_MAX_BYTES = 16 * 1024 * 1024;

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Channels per pixel by PNG colour type (8-bit, no palette). */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

export interface DecodedPng {
  width: number;
  height: number;
  /** One byte per pixel: 255 for a white (opaque) pixel, 0 for black, anything else as a grey level. */
  luma: Uint8Array;
}

/** Decodes an 8-bit greyscale/RGB(A) PNG without interlace (what a canvas writes); throws with a reason otherwise. */
export function decodePng(png: Uint8Array): DecodedPng {
  if (png.length < 8 || !SIGNATURE.every((b, i) => png[i] === b)) throw new Error(l10n.t('it is not a PNG image'));
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4], png[at + 5], png[at + 6], png[at + 7]);
    const data = png.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new Error(l10n.t('the PNG is cut short'));
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const bitDepth = png[at + 16];
      colourType = png[at + 17];
      if (bitDepth !== 8 || CHANNELS[colourType] === undefined || png[at + 20] !== 0) {
        throw new Error(l10n.t('the PNG is not an 8-bit greyscale or RGB image'));
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (!width || !height || colourType < 0) throw new Error(l10n.t('the PNG has no header'));
  if (width > MASK_MAX_SIDE || height > MASK_MAX_SIDE) throw new Error(l10n.t('the PNG is {0}×{1} pixels', width, height));
  const channels = CHANNELS[colourType];
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height + 1 });
  } catch {
    throw new Error(l10n.t('the PNG data does not decompress'));
  }
  if (raw.length !== (stride + 1) * height) throw new Error(l10n.t('the PNG data does not match its size'));
  return { width, height, luma: toLuma(unfilter(raw, stride, height, channels), width, height, colourType) };
}

/** Undoes the per-row PNG filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = a;
          break;
        case 2:
          predictor = b;
          break;
        case 3:
          predictor = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(l10n.t('the PNG data is damaged'));
      }
      out[row + x] = (raw[src + x] + predictor) & 0xff;
    }
  }
  return out;
}

/** White only where every colour channel is 255 and the pixel is opaque; a transparent pixel counts as black. */
function toLuma(px: Uint8Array, width: number, height: number, colourType: number): Uint8Array {
  const channels = CHANNELS[colourType];
  const luma = new Uint8Array(width * height);
  for (let i = 0; i < luma.length; i++) {
    const o = i * channels;
    const alpha = colourType === 4 ? px[o + 1] : colourType === 6 ? px[o + 3] : 255;
    const grey = colourType === 0 || colourType === 4 ? px[o] : Math.min(px[o], px[o + 1], px[o + 2]);
    const max = colourType === 0 || colourType === 4 ? px[o] : Math.max(px[o], px[o + 1], px[o + 2]);
    // A pixel that is neither black nor white keeps a middle value, so the check below sees it.
    luma[i] = alpha === 0 ? 0 : alpha !== 255 ? 128 : grey === max ? grey : 128;
  }
  return luma;
}

export type MaskCheck =
  | { ok: true; dataUrl: string; width: number; height: number; regionPixels: number }
  | { ok: false; reason: string };

/**
 * Whether `dataUrl` is a mask MJ Tasks may send for an image of `width`×`height`: a PNG data URL
 * of exactly that size, black and white only, with a region drawn (some white).
 */
export function checkMask(dataUrl: unknown, width: number, height: number): MaskCheck {
  const fail = (why: string): MaskCheck => ({ ok: false, reason: l10n.t('The region mask cannot be sent: {0}.', why) });
  if (typeof dataUrl !== 'string' || !dataUrl.startsWith(MASK_DATA_URL_PREFIX)) return fail(l10n.t('it is not a PNG data URL'));
  const base64 = dataUrl.slice(MASK_DATA_URL_PREFIX.length);
  if (base64.length > (MASK_MAX_BYTES * 4) / 3 + 4) return fail(l10n.t('it is larger than {0} MB', MASK_MAX_BYTES / (1024 * 1024)));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return fail(l10n.t('it is not valid base64'));
  let png: DecodedPng;
  try {
    png = decodePng(Buffer.from(base64, 'base64'));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if (png.width !== width || png.height !== height) {
    return fail(l10n.t('it is {0}×{1} pixels, the image is {2}×{3}', png.width, png.height, width, height));
  }
  let region = 0;
  for (const v of png.luma) {
    if (v === 255) region++;
    else if (v !== 0) return fail(l10n.t('it has pixels that are neither black nor white'));
  }
  if (region === 0) return fail(l10n.t('no region is drawn'));
  return { ok: true, dataUrl, width, height, regionPixels: region };
}
