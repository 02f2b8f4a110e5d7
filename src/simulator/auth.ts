import type { IncomingHttpHeaders } from 'http';
import type { Dialect } from './types';

// Which header carries the key, per dialect:
//   novicezk  mj-api-secret only
//   trueai    Authorization taken whole as the token (so "Bearer KEY" fails), else Mj-Api-Secret
//   newapi    Authorization with an optional "Bearer " prefix; when it is empty or the literal
//             "midjourney-proxy", mj-api-secret; an "sk-" prefix is ignored on both sides

function header(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

function stripSk(key: string): string {
  return key.startsWith('sk-') ? key.slice(3) : key;
}

/** The key the request presents, as the dialect reads it ('' when none). */
export function presentedKey(dialect: Dialect, headers: IncomingHttpHeaders): string {
  const authorization = header(headers, 'authorization');
  const secret = header(headers, 'mj-api-secret');
  switch (dialect) {
    case 'novicezk':
      return secret;
    case 'trueai':
      return authorization !== '' ? authorization : secret;
    case 'newapi': {
      let key = authorization.startsWith('Bearer ') ? authorization.slice(7) : authorization;
      if (key === '' || key === 'midjourney-proxy') key = secret.startsWith('Bearer ') ? secret.slice(7) : secret;
      return key;
    }
  }
}

export function isAuthorized(dialect: Dialect, apiKey: string | null, headers: IncomingHttpHeaders): boolean {
  if (apiKey === null) return true;
  const key = presentedKey(dialect, headers);
  if (key === '') return false;
  return dialect === 'newapi' ? stripSk(key) === stripSk(apiKey) : key === apiKey;
}

/** How a client must authenticate, for main.ts's banner. */
export function authHint(dialect: Dialect, apiKey: string | null): string {
  if (apiKey === null) return 'no auth (any or no key accepted)';
  switch (dialect) {
    case 'novicezk':
      return `header "mj-api-secret: ${apiKey}" (auth scheme: mj-api-secret)`;
    case 'trueai':
      return `header "Authorization: ${apiKey}" — raw, no Bearer (auth scheme: raw); or "Mj-Api-Secret: ${apiKey}"`;
    case 'newapi':
      return `header "Authorization: Bearer ${apiKey}" (auth scheme: bearer); raw Authorization and mj-api-secret work too`;
  }
}
