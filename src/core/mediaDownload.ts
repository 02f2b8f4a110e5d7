import * as l10n from '@vscode/l10n';
import { safeHttpUrl } from '../preview/shared/urlSafety';
import { sendForBytes } from './http';
import { looksLikeVideo, sniffImage } from './imageCut';
import { linkExpiry } from './linkExpiry';

// Downloads a result (an image or a video) to save it. Image hosts are not the API server: no
// auth header is ever sent (there is no key parameter to pass one), redirects may go to another
// host (nothing secret could follow), the size is capped and what arrives must be what was asked
// for — by Content-Type and by its first bytes.

/** A grid is a few MB; a Midjourney video clip about 5–15 MB. */
export const MAX_IMAGE_BYTES = 32 * 1024 * 1024;
export const MAX_VIDEO_BYTES = 128 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;

export type MediaKind = 'image' | 'video';

export interface Downloaded {
  bytes: Buffer;
  contentType: string;
}

/** Why a download failed, in words a person can act on. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly reason: 'unsafe-url' | 'expired' | 'not-found' | 'blocked' | 'http' | 'not-media' | 'network',
    message: string,
  ) {
    super(message);
  }
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/** Fetches `url` without credentials; throws DownloadError with the reason. */
export async function downloadMedia(url: string, kind: MediaKind, options: { signal?: AbortSignal; now?: number } = {}): Promise<Downloaded> {
  const safe = safeHttpUrl(url);
  if (!safe) throw new DownloadError('unsafe-url', l10n.t('The link is not a plain http(s) address; MJ Tasks does not download it.'));
  const host = origin(safe);
  let reply;
  try {
    reply = await sendForBytes({
      method: 'GET',
      url: safe,
      headers: { Accept: kind === 'image' ? 'image/png,image/jpeg,image/webp,image/*;q=0.8' : 'video/*' },
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      maxBodyBytes: kind === 'image' ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES,
      signal: options.signal,
      ctx: { server: host },
      redirects: 'any',
    });
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    throw new DownloadError('network', l10n.t('Could not download from {0}: {1}', host, e instanceof Error ? e.message : String(e)));
  }
  const expiredAt = linkExpiry(safe);
  const expired = expiredAt !== null && expiredAt <= (options.now ?? Date.now());
  if (reply.status >= 400) {
    if (expired) throw new DownloadError('expired', l10n.t('The link has expired (HTTP {0} from {1}). Refresh the task: the server may hand out a fresh link.', reply.status, host));
    if (reply.status === 404 || reply.status === 410) throw new DownloadError('not-found', l10n.t('{0} no longer has this file (HTTP {1}).', host, reply.status));
    if (reply.status === 401 || reply.status === 403) throw new DownloadError('blocked', l10n.t('{0} refused the download (HTTP {1}).', host, reply.status));
    throw new DownloadError('http', l10n.t('{0} answered HTTP {1}.', host, reply.status));
  }
  const type = reply.contentType ?? '';
  const bytes = reply.body;
  const isMedia = kind === 'image' ? sniffImage(bytes) !== null : looksLikeVideo(bytes);
  const typeFits = type.startsWith(`${kind}/`) || type === 'application/octet-stream' || type === '';
  if (!isMedia || !typeFits) {
    const sent = type || l10n.t('something unlabelled');
    throw new DownloadError('not-media', kind === 'image' ? l10n.t('{0} sent {1}, not an image.', host, sent) : l10n.t('{0} sent {1}, not a video.', host, sent));
  }
  return { bytes, contentType: type.startsWith(`${kind}/`) ? type : kind === 'image' ? `image/${sniffImage(bytes)}` : 'video/mp4' };
}
