import { createHash } from 'crypto';
import { bodyReply, type Reply } from './reply';

// Media links the way Discord attachments look (what most relays hand out): the expiry in the
// query as `ex=` (Unix seconds, hex), `is=` when it was issued, `hm=` a signature; after `ex` the
// CDN answers 404 "This content is no longer available.".

const hex = (ms: number) => Math.floor(ms / 1000).toString(16);

export function discordStyle(url: string, expiresAt: number, issuedAt: number): string {
  const hm = createHash('sha256').update(`${url}|${expiresAt}`).digest('hex');
  return `${url}?ex=${hex(expiresAt)}&is=${hex(issuedAt)}&hm=${hm}&`;
}

/** Whether a link's query says it expired before `now`. */
export function linkHasExpired(query: string, now: number): boolean {
  const ex = new URLSearchParams(query).get('ex');
  return ex !== null && /^[0-9a-f]{1,12}$/i.test(ex) && parseInt(ex, 16) * 1000 <= now;
}

export function expiredLinkReply(): Reply {
  return bodyReply(404, 'This content is no longer available.', 'text/plain; charset=utf-8');
}
