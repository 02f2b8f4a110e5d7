// The preview's Content-Security-Policy and the one folder it may load files from. Pure, so the
// policy is unit-tested as the webview gets it.

/** Where the build puts everything the webview loads (esbuild.js, WEBVIEW.outDir): its only localResourceRoot. */
export const WEBVIEW_DIR = ['dist', 'webview'] as const;

/** The files the HTML shell references, inside WEBVIEW_DIR (preview.css sizes the codicons: it comes second). */
export const WEBVIEW_FILES = {
  script: ['webview.js'],
  style: ['preview.css'],
  codicons: ['codicons', 'codicon.css'],
} as const;

/** What a CSP host-source can hold: a host name or [IPv6] and a port. Anything else could end the directive. */
const HTTP_ORIGIN = /^http:\/\/(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * The plain-http origins images and videos may come from: the configured providers' own (a relay
 * on the LAN or on localhost serves its images itself). https: is allowed from anywhere; any other
 * http: host is refused, so a task cannot make the webview fetch from the local network at large.
 */
export function httpMediaOrigins(baseUrls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const raw of baseUrls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (url.protocol === 'http:' && HTTP_ORIGIN.test(url.origin)) {
      origins.add(url.origin);
    }
  }
  return [...origins].sort();
}

/**
 * Deny by default; our script by nonce; our styles and the codicon font; images and video over
 * https from anywhere, over http only from `httpOrigins` (see httpMediaOrigins).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, httpOrigins: readonly string[]): string {
  const media = [cspSource, 'https:', ...httpOrigins.filter((o) => HTTP_ORIGIN.test(o))].join(' ');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${media}`,
    `media-src ${media}`,
    `font-src ${cspSource}`,
    // Not covered by default-src: no <base> rewriting, no form posts anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
