// Which URLs the preview may load or open. Shared by the host and the webview, so it uses only
// what both have (the WHATWG URL parser); no `vscode`, no DOM types.

/** Longer than any real image URL (signed CDN links run to ~600 characters); keeps junk out. */
const MAX_URL_LENGTH = 8192;

/**
 * The normalised URL when `raw` is an absolute http(s) URL, else null. Everything else —
 * `javascript:`, `data:`, `file:`, `command:`, relative paths, URLs with embedded credentials
 * (`https://bank.example@evil.example/…` reads as one host and goes to another) — is refused, so
 * the caller shows it as text instead of loading or opening it.
 */
export function safeHttpUrl(raw: unknown): string | null {
  if (typeof raw !== 'string') {
    return null;
  }
  const text = raw.trim();
  if (!text || text.length > MAX_URL_LENGTH) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return null;
  }
  if (url.username || url.password || !url.hostname) {
    return null;
  }
  return url.href;
}
