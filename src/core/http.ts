// One HTTP exchange with a Midjourney-proxy server: the auth header, timeouts, caller
// cancellation, the body size cap, redirects that could leak the key, and transport failures
// mapped onto typed errors. What the answer means is read elsewhere: reply.ts for what means
// the same on every endpoint, notFound.ts and the client for what depends on the endpoint.

import * as l10n from '@vscode/l10n';
import fetch, { Response } from 'node-fetch';
import { BadResponseError, MjError, MjErrorContext, NetworkError, TimeoutError } from './errors';
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
}

export interface HttpReply {
  status: number;
  /** The media type, lower-case, without parameters; null when the header was missing. */
  contentType: string | null;
  retryAfter: string | null;
  text: string;
}

/**
 * Sends one request and reads the whole body (up to `maxBodyBytes`). Resolves for every HTTP
 * status; rejects with NetworkError, TimeoutError, BadResponseError ('too-large', 'redirect')
 * or AbortError (the caller's signal).
 */
export async function send(call: HttpCall): Promise<HttpReply> {
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
    return await exchange(call, controller);
  } catch (e) {
    if (call.signal?.aborted) throw new AbortError();
    if (timedOut) throw new TimeoutError(call.ctx, call.timeoutMs);
    if (e instanceof MjError) throw e;
    throw new NetworkError(call.ctx, networkCause(e));
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener('abort', onCallerAbort);
  }
}

async function exchange(call: HttpCall, controller: AbortController): Promise<HttpReply> {
  let url = call.url;
  let method = call.method;
  let body = call.body;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'mj-tasks', ...call.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers, body, redirect: 'manual', signal: controller.signal });
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      // The key travels in a header; following a redirect to another host would hand it over.
      if (!sameHost(url, next) || hop >= MAX_REDIRECTS) {
        abortBody(res, controller);
        throw new BadResponseError({ ...call.ctx, status: res.status }, 'redirect', next.origin);
      }
      if (res.status === 303) {
        method = 'GET';
        body = undefined;
      }
      res.body.resume();
      url = next.toString();
      continue;
    }
    return {
      status: res.status,
      contentType: mediaType(res.headers.get('content-type')),
      retryAfter: res.headers.get('retry-after'),
      text: await readCapped(res, call, controller),
    };
  }
}

/** http→https on the same host is an upgrade, not a hand-over; https→http is refused. */
function sameHost(from: string, to: URL): boolean {
  const a = new URL(from);
  if (a.host !== to.host && !(a.hostname === to.hostname && a.protocol === 'http:' && to.protocol === 'https:')) return false;
  return !(a.protocol === 'https:' && to.protocol === 'http:');
}

async function readCapped(res: Response, call: HttpCall, controller: AbortController): Promise<string> {
  const tooLarge = (): BadResponseError =>
    new BadResponseError({ ...call.ctx, status: res.status }, 'too-large', formatBytes(call.maxBodyBytes));
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > call.maxBodyBytes) {
    abortBody(res, controller);
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > call.maxBodyBytes) {
      // Stop reading: aborting closes the socket instead of draining the rest.
      abortBody(res, controller);
      throw tooLarge();
    }
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Drops the connection. node-fetch reports the abort as an 'error' event on the body stream,
 * which would be an uncaught exception if nothing listened any more.
 */
function abortBody(res: Response, controller: AbortController): void {
  res.body.on('error', () => undefined);
  controller.abort();
}

function mediaType(header: string | null): string | null {
  if (header === null) return null;
  const type = header.split(';')[0].trim().toLowerCase();
  return type === '' ? null : type;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} B`;
}

/** A short cause for NetworkError: the system error code in words, never the URL. */
function networkCause(e: unknown): string {
  const err = e as { code?: string; errno?: string; message?: string } | undefined;
  const code = err?.code ?? err?.errno;
  switch (code) {
    case 'ECONNREFUSED':
      return l10n.t('connection refused');
    case 'ECONNRESET':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return l10n.t('connection reset by the server');
    case 'ENOTFOUND':
      return l10n.t('host not found');
    case 'EAI_AGAIN':
      return l10n.t('DNS lookup failed');
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return l10n.t('connection timed out');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return l10n.t('network unreachable');
    case 'EPROTO':
      return l10n.t('TLS/protocol error');
  }
  if (code && /CERT|SSL|TLS/.test(code)) return l10n.t('TLS certificate problem: {0}', code);
  if (code) return code;
  // node-fetch puts the URL in front ("request to <url> failed, reason: …"); keep only the reason.
  const message = err?.message ?? String(e);
  const reason = /reason: (.*)$/s.exec(message)?.[1] ?? message;
  return reason.length > 120 ? reason.slice(0, 117) + '…' : reason;
}
