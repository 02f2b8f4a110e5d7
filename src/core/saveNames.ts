import * as path from 'path';
import { plainText } from './inertText';

// Names of saved results: from the prompt and the task ID, safe on every OS (Windows' reserved
// characters and device names, trailing dots and spaces, no control or bidi characters, a length
// any file system takes), and the folder they go into, which must stay inside the workspace.

/** What of a task is saved: the whole image, one quadrant of a grid (1–4), or the n-th image/video link (0-based). */
export type SavePart = { kind: 'image' } | { kind: 'quadrant'; index: 1 | 2 | 3 | 4 } | { kind: 'gallery'; index: number } | { kind: 'video'; index: number };

/** The prompt part of a name: enough words to recognise it, short enough for every file system with the ID beside it. */
const STEM_MAX = 48;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** A prompt as a file-name stem: words joined by '-', lower-case ASCII kept, letters of other scripts kept, the rest dropped. */
export function promptStem(prompt: string | null): string {
  if (!prompt) return '';
  const words = plainText(prompt.slice(0, 2000))
    // Reference-image links and parameters (--ar 16:9) say nothing about the picture.
    .replace(/<?https?:\/\/\S+>?/g, ' ')
    .replace(/(^|\s)--?[a-z]+(\s+[^\s-][^\s]*)?/gi, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let stem = '';
  for (const w of words) {
    const next = stem ? `${stem}-${w}` : w;
    if ([...next].length > STEM_MAX) {
      if (!stem) stem = [...w].slice(0, STEM_MAX).join('');
      break;
    }
    stem = next;
  }
  return WINDOWS_DEVICES.test(stem) ? `${stem}-` : stem;
}

/** A task ID as it may appear in a name: digits and letters only (IDs are digits; relays' may have dashes). */
function idPart(taskId: string): string {
  return taskId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'task';
}

function partSuffix(part: SavePart): string {
  switch (part.kind) {
    case 'image':
      return '';
    case 'quadrant':
      return `-q${part.index}`;
    case 'gallery':
      return `-image${part.index + 1}`;
    case 'video':
      return `-video${part.index + 1}`;
  }
}

/** `a-red-fox-1730621826053455-q2` (no extension): the prompt's stem, the task ID, the part. */
export function baseName(prompt: string | null, taskId: string, part: SavePart): string {
  const stem = promptStem(prompt);
  return `${stem ? `${stem}-` : ''}${idPart(taskId)}${partSuffix(part)}`;
}

/** The n-th candidate for a name: `name.png`, then `name-2.png`, `name-3.png`… (never the same as an existing file). */
export function candidateName(base: string, ext: string, attempt: number): string {
  return attempt <= 1 ? `${base}${ext}` : `${base}-${attempt}${ext}`;
}

/** The file extension for a media type, or null when it is not one MJ Tasks saves. */
export function extensionFor(contentType: string | null): string | null {
  switch (contentType) {
    case 'image/png':
      return '.png';
    case 'image/jpeg':
    case 'image/jpg':
      return '.jpg';
    case 'image/webp':
      return '.webp';
    case 'image/gif':
      return '.gif';
    case 'video/mp4':
      return '.mp4';
    case 'video/webm':
      return '.webm';
    default:
      return null;
  }
}

/**
 * The folder to save into, resolved against the workspace folder, or a reason it is refused:
 * absolute paths, `..` that leaves the workspace, and characters no file system takes.
 */
export function resolveSaveFolder(workspaceRoot: string, setting: string): { ok: true; folder: string } | { ok: false; reason: 'absolute' | 'outside' | 'invalid' } {
  const rel = setting.trim().replace(/\\/g, '/');
  if (/[<>:"|?*]/.test(rel) || [...rel].some((c) => c.charCodeAt(0) < 0x20)) return { ok: false, reason: 'invalid' };
  if (path.isAbsolute(rel) || path.win32.isAbsolute(rel)) return { ok: false, reason: 'absolute' };
  const folder = path.resolve(workspaceRoot, rel || '.');
  return isInside(workspaceRoot, folder) ? { ok: true, folder } : { ok: false, reason: 'outside' };
}

/** Whether `child` is `root` or inside it (after resolving both). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
