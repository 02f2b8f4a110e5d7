import type { Dialect } from './types';

// What a handler answers, before it is written: kept as data so a fault can still cut it short
// (truncated JSON) or replace it, and so the server writes everything in one place.

export type Reply =
  | { kind: 'body'; status: number; headers: Record<string, string>; body: Buffer }
  /** Destroy the socket without answering. */
  | { kind: 'reset' }
  /** Never answer; the socket stays open until the client goes or the simulator closes. */
  | { kind: 'hang' }
  /** Stream `bytes` of valid-looking JSON, chunked, with no Content-Length. */
  | { kind: 'oversized'; bytes: number; contentType: string };

/** Spring writes plain application/json; ASP.NET Core and gin add the charset. */
export function jsonType(dialect: Dialect): string {
  return dialect === 'novicezk' ? 'application/json' : 'application/json; charset=utf-8';
}

export function bodyReply(status: number, body: string | Buffer, contentType?: string, extra: Record<string, string> = {}): Reply {
  const headers: Record<string, string> = { ...extra };
  if (contentType) headers['Content-Type'] = contentType;
  return { kind: 'body', status, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body };
}

export function jsonReply(dialect: Dialect, status: number, value: unknown, extra?: Record<string, string>): Reply {
  return bodyReply(status, JSON.stringify(value), jsonType(dialect), extra);
}

/** For JSON text built by hand (new-api's numeric `result` with more digits than a double holds). */
export function rawJsonReply(dialect: Dialect, status: number, text: string): Reply {
  return bodyReply(status, text, jsonType(dialect));
}

export function emptyReply(status: number, extra?: Record<string, string>): Reply {
  return bodyReply(status, Buffer.alloc(0), undefined, extra);
}

export function textReply(status: number, text: string): Reply {
  return bodyReply(status, text, 'text/plain; charset=utf-8');
}

export function htmlReply(status: number, html: string): Reply {
  return bodyReply(status, html, 'text/html; charset=utf-8');
}

export function isJsonReply(r: Reply): r is Extract<Reply, { kind: 'body' }> {
  return r.kind === 'body' && (r.headers['Content-Type'] ?? '').startsWith('application/json');
}
