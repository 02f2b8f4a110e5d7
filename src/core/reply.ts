// What an HTTP reply means on every endpoint alike: its body classified before anything uses it
// as JSON (servers mislabel JSON and answer errors with pages or plain text), the statuses that
// mean the same everywhere (401/403, 429, 5xx), what the server said in words, and Retry-After.
// What a 200/204/400/404 means depends on the endpoint: notFound.ts and the client read those.

import {
  BadResponseError,
  MjError,
  MjErrorContext,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from './errors';
import { HttpReply } from './http';
import { tryParseJson } from './json';
import { isRecord } from './record';
import { maskSecrets } from './secretMask';

/** A response body, classified before anything tries to use it as JSON. */
export type Body =
  | { kind: 'empty' }
  | { kind: 'html' }
  | { kind: 'json'; value: unknown }
  /** Labelled JSON (or unlabelled and JSON-looking) but not parseable: truncated or broken. */
  | { kind: 'bad-json' }
  /** text/plain or unlabelled, not JSON: servers answer errors like this ("演示模式，禁止操作"). */
  | { kind: 'text'; text: string }
  | { kind: 'other'; contentType: string };

/**
 * Reads the body by its Content-Type first. Real servers mislabel JSON as text/plain or send no
 * Content-Type, so those are parsed too; anything else is not trusted to be JSON.
 */
export function classifyBody(reply: HttpReply): Body {
  const trimmed = reply.text.trim();
  const ct = reply.contentType;
  const htmlLabelled = ct === 'text/html' || ct === 'application/xhtml+xml';
  // PHP and some Go relays label every answer text/html; JSON is still JSON, a page is a page.
  if (htmlLabelled && /^[[{]/.test(trimmed)) {
    const parsed = tryParseJson(trimmed);
    if (parsed.ok) return { kind: 'json', value: parsed.value };
  }
  if (htmlLabelled || trimmed.startsWith('<')) return { kind: 'html' };
  if (trimmed === '') return { kind: 'empty' };
  const jsonLabelled = ct === 'application/json' || ct === 'text/json' || (ct !== null && ct.endsWith('+json'));
  if (jsonLabelled || ct === null || ct === 'text/plain') {
    const parsed = tryParseJson(trimmed);
    if (parsed.ok) return { kind: 'json', value: parsed.value };
    if (jsonLabelled || /^[[{"]/.test(trimmed)) return { kind: 'bad-json' };
    return { kind: 'text', text: trimmed };
  }
  return { kind: 'other', contentType: ct };
}

/** The BadResponseError for a body that is not the JSON the caller needed. */
export function badBody(body: Body, ctx: MjErrorContext): BadResponseError {
  switch (body.kind) {
    case 'html':
      return new BadResponseError(ctx, 'html');
    case 'empty':
      return new BadResponseError(ctx, 'empty');
    case 'bad-json':
    case 'text':
      return new BadResponseError(ctx, 'invalid-json');
    case 'other':
      return new BadResponseError(ctx, 'content-type', body.contentType);
    case 'json':
      return new BadResponseError(ctx, 'shape');
  }
}

/**
 * The error for statuses that mean the same on every endpoint: 401/403 (403 HTML pages are
 * Cloudflare-style challenges, not a key problem), 429 and new-api's code 30, 5xx. Null otherwise.
 */
export function statusError(reply: HttpReply, body: Body, ctx: MjErrorContext, apiKey?: string): MjError | null {
  const c = { ...ctx, status: reply.status };
  if (reply.status === 401 || (reply.status === 403 && body.kind !== 'html')) {
    return new UnauthorizedError(c, serverMessage(body, apiKey));
  }
  if (reply.status === 403) return new BadResponseError(c, 'html');
  if (reply.status === 429 || (body.kind === 'json' && isRecord(body.value) && body.value.code === 30)) {
    return new RateLimitedError(c, retryAfterMs(reply.retryAfter));
  }
  if (reply.status >= 500) return new ServerError({ ...c, status: reply.status });
  return null;
}

/**
 * What the server said, for showing in an error: `{error:{message}}` (new-api, one-hub),
 * `{message}` (trueai), `{description}` (proxy codes), or a short plain-text body. The key is
 * masked in case a server echoes it.
 */
export function serverMessage(body: Body, apiKey?: string): string | undefined {
  let said: unknown;
  if (body.kind === 'json' && isRecord(body.value)) {
    const v = body.value;
    said = (isRecord(v.error) ? v.error.message : typeof v.error === 'string' ? v.error : undefined) ?? v.message ?? v.msg ?? v.description;
  } else if (body.kind === 'text' && body.text.length <= 200) {
    said = body.text;
  }
  if (typeof said !== 'string' || said.trim() === '') return undefined;
  let text = said.trim().replace(/\s+/g, ' ');
  text = maskSecrets(text, [apiKey]);
  return text.length > 200 ? text.slice(0, 197) + '…' : text;
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const s = header.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

