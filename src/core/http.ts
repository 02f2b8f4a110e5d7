// One HTTP exchange with a Midjourney-proxy server: the auth header, timeouts, caller
// cancellation, the body size cap, decompression, redirects that could leak the key, and
// transport failures mapped onto typed errors (transportFaults.ts says each in words). What the
// answer means is read elsewhere: reply.ts for what means the same on every endpoint,
// notFound.ts and the client for what depends on the endpoint.
//
// Built on Node's own http/https rather than a fetch library: only there does a connection
// closed before the declared Content-Length show as an error at once (a fetch library waits for
// the timeout), and only there is every failure a code, never a message quoting the headers.
// VS Code's proxy support patches these same modules, so proxies keep working.

import * as http from 'http';
import * as https from 'https';
import * as l10n from '@vscode/l10n';
import { pipeline, Readable } from 'stream';
import * as zlib from 'zlib';
import { BadResponseError, MjError, MjErrorContext, TimeoutError } from './errors';
import { TransportFailure, transportError } from './transportFaults';
import { AuthScheme } from './types';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

/** Thrown when the caller's AbortSignal fired: not a failure of the server, so not an MjError. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super(l10n.t('The request was cancelled.'));
  }
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** The request headers for an auth scheme. The key goes nowhere else. */
export function authHeaders(auth: AuthScheme, apiKey: string | undefined): Record<string, string> {
  const key = apiKey?.trim();
  if (!key) return {};
  switch (auth) {
    case 'bearer':
      return { Authorization: `Bearer ${key}` };
    case 'raw':
      return { Authorization: key };
    case 'mj-api-secret':
      return { 'mj-api-secret': key };
    case 'none':
      return {};
  }
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** A JSON text; sent with Content-Type application/json. */
  body?: string;
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal;
  /** Names the server (and task) in any error thrown. */
  ctx: MjErrorContext;
  /**
   * 'same-host' (default): a redirect to another host is refused, so a key in the headers cannot
   * follow it. 'any': for requests that carry no key (image downloads), up to the same hop limit.
   */
  redirects?: 'same-host' | 'any';
}

export interface HttpReply {
  status: number;
  /** The media type, lower-case, without parameters; null when the header was missing. */
  contentType: string | null;
  retryAfter: string | null;
  text: string;
}

/**
 * Sends one request and reads the whole body (up to `maxBodyBytes`, decompressed). Resolves for
 * every HTTP status; rejects with NetworkError, TimeoutError, BadResponseError ('too-large',
 * 'redirect' and the transport's own reasons) or AbortError (the caller's signal).
 */
export async function send(call: HttpCall): Promise<HttpReply> {
  const reply = await sendForBytes(call);
  const text = reply.body.toString('utf8');
  return { status: reply.status, contentType: reply.contentType, retryAfter: reply.retryAfter, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** An answer whose body is kept as bytes (an image, a video). */
export interface HttpBytesReply {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: Buffer;
}

/** `send` for binary bodies: the same caps, timeouts and failures; the body is not decoded as text. */
export async function sendForBytes(call: HttpCall): Promise<HttpBytesReply> {
  if (call.signal?.aborted) throw new AbortError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, call.timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  call.signal?.addEventListener('abort', onCallerAbort);
  try {
    return await exchange(call, controller.signal);
  } catch (e) {
    if (call.signal?.aborted) throw new AbortError();
    if (timedOut) throw new TimeoutError(call.ctx, call.timeoutMs);
    if (e instanceof MjError) throw e;
    throw transportError(e instanceof TransportFailure ? e : new TransportFailure('request', e), call.ctx);
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function exchange(call: HttpCall, signal: AbortSignal): Promise<HttpBytesReply> {
  let url = new URL(call.url);
  let method = call.method;
  let body = call.body;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Encoding': 'gzip, deflate, br',
      'User-Agent': 'mj-tasks',
      ...call.headers,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const { res, lateError } = await open(url, method, headers, body, signal);
    const status = res.statusCode ?? 0;
    const location = header(res, 'location');
    if (status >= 300 && status < 400 && location !== null) {
      const next = new URL(location, url);
      // The key travels in a header; following a redirect to another host would hand it over.
      if ((call.redirects !== 'any' && !sameHost(url, next)) || hop >= MAX_REDIRECTS || !/^https?:$/.test(next.protocol)) {
        res.destroy();
        throw new BadResponseError({ ...call.ctx, status }, 'redirect', next.origin);
      }
      if (status === 303) {
        method = 'GET';
        body = undefined;
      }
      res.resume();
      url = next;
      continue;
    }
    return {
      status,
      contentType: mediaType(header(res, 'content-type')),
      retryAfter: header(res, 'retry-after'),
      body: await readBody(res, lateError, call, signal),
    };
  }
}

interface Opened {
  res: http.IncomingMessage;
  /** An error the request reports after the headers came (a parse error in the body): the cause behind a broken body. */
  lateError: () => unknown;
}

/** Sends the request; resolves when the status line and headers have arrived. */
function open(url: URL, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal): Promise<Opened> {
  return new Promise((resolve, reject) => {
    let late: unknown = undefined;
    let answered = false;
    let req: http.ClientRequest;
    try {
      req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, signal });
    } catch (e) {
      // Invalid header values are refused before anything is sent.
      reject(new TransportFailure('request', e));
      return;
    }
    // Kept for the whole exchange: a request error after the answer began must not go unhandled.
    req.on('error', (e) => {
      if (!answered) reject(new TransportFailure('request', e));
      else late ??= e;
    });
    req.once('response', (res) => {
      answered = true;
      resolve({ res, lateError: () => late });
    });
    req.end(body);
  });
}

/**
 * The whole body, decompressed, stopped at the cap. A connection that closes before the
 * body is complete fails here at once (the response stream errors), not at the timeout.
 */
async function readBody(res: http.IncomingMessage, lateError: () => unknown, call: HttpCall, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = (): BadResponseError =>
    new BadResponseError({ ...call.ctx, status: res.statusCode }, 'too-large', formatBytes(call.maxBodyBytes));
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared > call.maxBodyBytes) {
    res.destroy();
    throw tooLarge();
  }
  // Whichever stream fails first is the cause: the other one fails because of it.
  let first: TransportFailure | undefined;
  res.on('error', (e) => (first ??= new TransportFailure('response', lateError() ?? e)));
  const onAbort = (): void => void res.destroy();
  signal.addEventListener('abort', onAbort);
  const decoder = decoderFor(header(res, 'content-encoding'));
  decoder?.on('error', (e) => (first ??= new TransportFailure('decode', e)));
  const source: Readable = decoder ? pipeline(res, decoder, () => undefined) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      size += buf.length;
      // Counted after decompression: a small gzip body can unpack to gigabytes.
      if (size > call.maxBodyBytes) {
        source.destroy();
        res.destroy();
        throw tooLarge();
      }
      chunks.push(buf);
    }
  } catch (e) {
    if (e instanceof MjError) throw e;
    // A parse error reported by the request explains an aborted body better than "aborted".
    throw first ?? new TransportFailure('response', lateError() ?? e);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  return Buffer.concat(chunks);
}

/**
 * The decompressor for a Content-Encoding, or null to read the body as it is. Like browsers, a
 * stream that ends without its trailer is read as far as it goes (Z_SYNC_FLUSH); data that is not
 * what the header says fails. `deflate` is read zlib-wrapped, as the standard defines it.
 */
function decoderFor(encoding: string | null): zlib.Gunzip | zlib.Unzip | zlib.BrotliDecompress | null {
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      return zlib.createUnzip(flush);
    case 'br':
      return zlib.createBrotliDecompress({
        flush: zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
      });
    default:
      return null;
  }
}

function header(res: http.IncomingMessage, name: string): string | null {
  const value = res.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** http→https on the same host is an upgrade, not a hand-over; https→http is refused. */
function sameHost(from: URL, to: URL): boolean {
  if (from.host !== to.host && !(from.hostname === to.hostname && from.protocol === 'http:' && to.protocol === 'https:')) return false;
  return !(from.protocol === 'https:' && to.protocol === 'http:');
}

function mediaType(value: string | null): string | null {
  if (value === null) return null;
  const type = value.split(';')[0].trim().toLowerCase();
  return type === '' ? null : type;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} B`;
}
