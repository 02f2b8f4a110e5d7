// What went wrong below HTTP, in plain words. Node's http module reports a refused port, a
// reset, a body cut short, a non-HTTP service, a broken gzip body and a DNS failure as errors
// with codes (ECONNREFUSED, HPE_INVALID_CONSTANT, Z_DATA_ERROR, …) and messages that may quote
// what was sent, headers included. None of that text is passed on: each failure becomes a typed
// error whose message is ours, and the code goes only to the log line (MjError.transportCode).

import * as l10n from '@vscode/l10n';
import { BadResponseError, MjError, MjErrorContext, NetworkError } from './errors';

/** Where in the exchange a failure happened: it decides what a reset means. */
export type TransportStage =
  /** Connecting, sending, or waiting for the status line and headers. */
  | 'request'
  /** Reading the body after the headers arrived. */
  | 'response'
  /** Decompressing the body (Content-Encoding gzip, deflate, br). */
  | 'decode';

/** A library error, with the stage it happened in. Internal to the transport. */
export class TransportFailure extends Error {
  constructor(
    readonly stage: TransportStage,
    readonly error: unknown,
  ) {
    super('transport failure');
  }
}

/** The typed error for a failed exchange; never a library message. */
export function transportError(failure: TransportFailure, ctx: MjErrorContext): MjError {
  const code = codeOf(failure.error);
  const error = errorFor(failure.stage, code, messageOf(failure.error), ctx);
  if (code !== undefined) error.transportCode = code;
  return error;
}

function errorFor(stage: TransportStage, code: string | undefined, message: string, ctx: MjErrorContext): MjError {
  if (stage === 'decode') return new BadResponseError(ctx, 'bad-encoding');
  if (code?.startsWith('HPE_')) return parseError(code, ctx);
  switch (code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      if (stage === 'response') return new NetworkError(ctx, l10n.t('the server closed the connection before the answer was complete'), 'answer');
      // Node says "socket hang up" when the server closed without a word, "read ECONNRESET" for a reset.
      return /hang up/i.test(message)
        ? new NetworkError(ctx, l10n.t('the server closed the connection without answering'), 'answer')
        : new NetworkError(ctx, l10n.t('the server reset the connection'), 'answer');
    case 'ECONNREFUSED':
      return new NetworkError(ctx, l10n.t('connection refused'));
    case 'ENOTFOUND':
      return new NetworkError(ctx, l10n.t('the host name was not found'));
    case 'EAI_AGAIN':
      return new NetworkError(ctx, l10n.t('the DNS lookup failed'));
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return new NetworkError(ctx, l10n.t('connection timed out'));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return new NetworkError(ctx, l10n.t('network unreachable'));
    case 'ERR_INVALID_CHAR':
    case 'ERR_INVALID_HTTP_TOKEN':
      return new NetworkError(ctx, l10n.t('a request header holds a character HTTP does not allow'));
  }
  const tls = tlsProblem(code);
  if (tls !== undefined) return new NetworkError(ctx, tls);
  return new NetworkError(ctx, l10n.t('an unexpected network failure'));
}

/** The response could not be read as HTTP: which way, in words. */
function parseError(code: string, ctx: MjErrorContext): MjError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new BadResponseError(ctx, 'header-overflow');
    // The very first bytes are not "HTTP/1.x <status>": something else listens on the port.
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
    case 'HPE_INVALID_STATUS':
    case 'HPE_INVALID_METHOD':
      return new BadResponseError(ctx, 'not-http');
    default:
      return new BadResponseError(ctx, 'malformed-http');
  }
}

function tlsProblem(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return l10n.t('the server’s TLS certificate is expired or not yet valid');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return l10n.t('the server’s TLS certificate is for another host name');
  if (/SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|CERT_UNTRUSTED|CERT_REJECTED/.test(code)) return l10n.t('the server’s TLS certificate is not trusted');
  if (code === 'EPROTO' || /SSL|TLS|CERT/.test(code)) return l10n.t('the TLS handshake failed (does the server speak https on this port?)');
  return undefined;
}

/** A code as libraries set it (`code`, else `errno` when it is a name); only plain identifiers. */
function codeOf(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, errno } = e as { code?: unknown; errno?: unknown };
  const candidate = typeof code === 'string' ? code : typeof errno === 'string' ? errno : undefined;
  return candidate !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(candidate) ? candidate : undefined;
}

/** Only ever matched against, never shown: it may quote what was sent. */
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : '';
}
