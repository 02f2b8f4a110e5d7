import * as l10n from '@vscode/l10n';
import { describeExpiry, linkExpiry } from '../../core/linkExpiry';
import { DownloadError, downloadMedia, MediaKind } from '../../core/mediaDownload';
import { safeHttpUrl } from '../shared/urlSafety';

// Why an image or video the preview showed did not load. The webview only learns "error"; the
// host looks: a link past its `ex=` expiry, a plain-http host the preview's policy blocks, or what
// the host answers when asked (without the key) — not found, refused, not an image.

export async function mediaProblem(url: string, kind: MediaKind, httpOrigins: readonly string[], now: number, signal?: AbortSignal): Promise<string> {
  const safe = safeHttpUrl(url);
  if (!safe) return l10n.t('Blocked: the link is not a plain http(s) address.');
  const expiresAt = linkExpiry(safe);
  if (expiresAt !== null && expiresAt <= now) {
    return l10n.t('Expired: the {0}. Refresh asks the server again; some relays hand out a fresh link.', describeExpiry(expiresAt, now));
  }
  const parsed = new URL(safe);
  if (parsed.protocol === 'http:' && !httpOrigins.includes(parsed.origin)) {
    return l10n.t('Blocked: the preview loads plain-http images only from your providers\' addresses, and {0} is not one.', parsed.origin);
  }
  try {
    await downloadMedia(safe, kind, { signal, now });
    return l10n.t('The file downloads fine, but the preview could not show it (the host may refuse to be embedded).');
  } catch (e) {
    if (e instanceof DownloadError) {
      const what = {
        'unsafe-url': l10n.t('Blocked'),
        expired: l10n.t('Expired'),
        'not-found': l10n.t('Not found'),
        blocked: l10n.t('Blocked'),
        http: l10n.t('Failed'),
        'not-media': kind === 'image' ? l10n.t('Not an image') : l10n.t('Not a video'),
        network: l10n.t('Unreachable'),
      }[e.reason];
      return `${what}: ${e.message}`;
    }
    throw e;
  }
}
