// What users type as the base URL, and the endpoint URLs built from it.
//
// Users copy whatever their provider's docs show: `https://host`, `https://host/mj`,
// `https://host/mj-relax`, `https://host/mj-fast/mj`, `https://host/api/mj`, sometimes a full
// `…/mj/task/123/fetch` URL. Every API path starts with `/mj/`, so a base that already ends in
// an `mj` segment must not get a second one, and anything after `/mj/` is not part of the base.

import * as l10n from '@vscode/l10n';

/** A user-facing message saying what is wrong with `text` as a base URL, or null if it is usable. */
export function validateBaseUrl(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') {
    return l10n.t('Enter the base URL of the Midjourney-proxy API, e.g. https://api.example.com or http://127.0.0.1:8080.');
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return l10n.t('"{0}" is not a URL. Enter the API root with http:// or https://, e.g. https://api.example.com.', clip(trimmed));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return l10n.t('The base URL must start with http:// or https:// (got {0}).', url.protocol);
  }
  if (url.search !== '' || url.hash !== '') {
    return l10n.t('The base URL must not contain a query (?…) or fragment (#…); the API key is set separately (MJ Tasks: Set API Key).');
  }
  return null;
}

/**
 * The full URL of `path` (which starts with `/mj/`) under `baseUrl`. `{name}` placeholders in
 * `path` are replaced by the URL-encoded `params[name]`. Throws when `baseUrl` is not usable
 * (see `validateBaseUrl`).
 */
export function endpoint(baseUrl: string, path: string, params: Record<string, string> = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`endpoint: no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
  if (!filled.startsWith('/mj/')) throw new Error(`endpoint: path must start with /mj/: ${path}`);
  return apiRoot(baseUrl) + filled;
}

/**
 * The base with everything from its `mj` segment on removed, and no trailing slash:
 * `https://host/mj-fast/mj/` → `https://host/mj-fast`. API paths (`/mj/…`) are appended to it,
 * and it identifies "the same server" (e.g. for remembering which endpoints it lacks).
 */
export function apiRoot(baseUrl: string): string {
  const problem = validateBaseUrl(baseUrl);
  if (problem !== null) throw new Error(problem);
  const url = new URL(baseUrl.trim());
  const segments = url.pathname.split('/').filter((s) => s !== '');
  // Cut at the last `mj` segment: it is either the end of the base (`…/mj`) or the start of
  // an API path pasted along with it (`…/mj/task/1/fetch`).
  const mj = segments.lastIndexOf('mj');
  const kept = mj >= 0 ? segments.slice(0, mj) : segments;
  const prefix = kept.map((s) => '/' + s).join('');
  return url.origin + prefix;
}

/**
 * The server as named in messages: its origin (`https://host:8443`). Never the path, query or
 * credentials. Unparsable input yields a best effort with the same guarantees.
 */
export function serverLabel(baseUrl: string): string {
  const trimmed = baseUrl.trim();
  try {
    const url = new URL(trimmed);
    if (url.origin !== 'null') return url.origin;
  } catch {
    // fall through to the textual best effort
  }
  const withoutQuery = trimmed.split(/[?#]/)[0];
  const schemeEnd = withoutQuery.indexOf('://');
  const rest = schemeEnd >= 0 ? withoutQuery.slice(schemeEnd + 3) : withoutQuery;
  const authority = rest.split('/')[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return schemeEnd >= 0 ? withoutQuery.slice(0, schemeEnd + 3) + host : host;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '…' : s;
}
