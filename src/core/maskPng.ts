import * as l10n from '@vscode/l10n';
import { PNG } from 'pngjs';

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

export interface DecodedPng {
  width: number;
  height: number;
  /** One byte per pixel: 255 for a white (opaque) pixel, 0 for black, anything else as a grey level. */
  luma: Uint8Array;
}

/** Decodes a PNG (pngjs, as Save Image does); throws with a reason otherwise. The size is checked before inflating. */
export function decodePng(png: Uint8Array): DecodedPng {
  if (png.length < 8 || !SIGNATURE.every((b, i) => png[i] === b)) throw new Error(l10n.t('it is not a PNG image'));
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 24 || bytes.toString('ascii', 12, 16) !== 'IHDR') throw new Error(l10n.t('the PNG has no header'));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width > MASK_MAX_SIDE || height > MASK_MAX_SIDE) throw new Error(l10n.t('the PNG is {0}×{1} pixels', width, height));
  let rgba: Buffer;
  try {
    rgba = PNG.sync.read(bytes).data;
  } catch {
    throw new Error(l10n.t('the PNG data does not decompress'));
  }
  if (rgba.length !== width * height * 4) throw new Error(l10n.t('the PNG data does not match its size'));
  return { width, height, luma: toLuma(rgba) };
}

/** White only where every colour channel is 255 and the pixel is opaque; a transparent pixel counts as black. */
function toLuma(rgba: Uint8Array): Uint8Array {
  const luma = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < luma.length; i++) {
    const o = i * 4;
    const alpha = rgba[o + 3];
    const grey = Math.min(rgba[o], rgba[o + 1], rgba[o + 2]);
    const max = Math.max(rgba[o], rgba[o + 1], rgba[o + 2]);
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
