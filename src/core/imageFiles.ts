import * as l10n from '@vscode/l10n';

// Images the user sends to a server (describe, blend, imagine's reference images): what they are
// is read from their first bytes, not from the file name, and each is checked before anything is
// sent — a submit is a billed job, and a server that gets a renamed text file or a 40 MB photo
// refuses it only after the user has waited for the upload.

export type ImageType = 'png' | 'jpeg' | 'webp' | 'gif';

const MIME: Record<ImageType, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

/** Discord's attachment limit for the account the proxy drives; larger uploads fail there. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** What /mj/submit/blend takes. */
export const BLEND_MIN_IMAGES = 2;
export const BLEND_MAX_IMAGES = 5;

/** Reference images on /imagine: Midjourney reads a handful; more only make the request heavy. */
export const IMAGINE_MAX_IMAGES = 5;

/** The file extensions the Explorer menus offer Describe and Blend on (the bytes decide in the end). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif'] as const;

/** The image type the bytes start with, or null when they are not one MJ Tasks sends. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (bytes.length >= 8 && at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (bytes.length >= 3 && at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (bytes.length >= 12 && at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (bytes.length >= 6 && (at(0, 0x47, 0x49, 0x46, 0x38, 0x37, 0x61) || at(0, 0x47, 0x49, 0x46, 0x38, 0x39, 0x61))) return 'gif';
  return null;
}

export interface CheckedImage {
  name: string;
  type: ImageType;
  bytes: number;
  /** `data:image/png;base64,…`, as every server of the family takes images. */
  dataUrl: string;
}

export type ImageCheck = { ok: true; image: CheckedImage } | { ok: false; reason: string };

/** One file's bytes checked and turned into a data URL; `name` is only for the message. */
export function checkImage(name: string, bytes: Uint8Array): ImageCheck {
  const tooBig = sizeProblem(name, bytes.length);
  if (tooBig) return { ok: false, reason: tooBig };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, reason: l10n.t('{0} is not a PNG, JPEG, WebP or GIF image.', name) };
  const dataUrl = `data:${MIME[type]};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
  return { ok: true, image: { name, type, bytes: bytes.length, dataUrl } };
}

/** Why a file of `size` bytes cannot be sent (empty, too large), or null; checked before it is read. */
export function sizeProblem(name: string, size: number): string | null {
  if (size === 0) return l10n.t('{0} is empty.', name);
  if (size > MAX_IMAGE_BYTES) return l10n.t('{0} is {1} MB; servers take images up to {2} MB.', name, megabytes(size), megabytes(MAX_IMAGE_BYTES));
  return null;
}

/** Why a number of images does not fit the job, or null when it does. */
export function imageCountProblem(count: number, min: number, max: number): string | null {
  if (count < min) return l10n.t('Select at least {0} images (selected: {1}).', min, count);
  if (count > max) return l10n.t('Select at most {0} images (selected: {1}).', max, count);
  return null;
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
