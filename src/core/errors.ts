import * as l10n from '@vscode/l10n';

// Every failure the client can meet, as one typed set. A message names the task and the server
// (origin only: never a path with a key, never the key) and a hint says what to check.

export type MjErrorKind =
  | 'TaskNotFound'
  | 'Unauthorized'
  | 'RateLimited'
  | 'ServerError'
  | 'BadResponse'
  | 'SubmitRejected'
  | 'Network'
  | 'Timeout'
  | 'NotConfigured';

export interface MjErrorContext {
  /** The server's origin, e.g. `https://api.example.com` (never a full URL with query). */
  server: string;
  taskId?: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** How many tasks a batch request asked for (when no single taskId applies). */
  taskCount?: number;
}

export abstract class MjError extends Error {
  abstract readonly kind: MjErrorKind;
  readonly server: string;
  readonly taskId?: string;
  readonly status?: number;
  /** One sentence on what to check. */
  readonly hint: string;
  /**
   * The library's code behind a transport failure (ECONNRESET, HPE_INVALID_CONSTANT, Z_DATA_ERROR),
   * for log lines only: messages say it in words, and toJSON leaves it out.
   */
  transportCode?: string;

  protected constructor(message: string, hint: string, ctx: MjErrorContext) {
    super(message);
    this.server = ctx.server;
    this.taskId = ctx.taskId;
    this.status = ctx.status;
    this.hint = hint;
  }

  /** The message and its hint on one line, as a CLI or a notification shows it. */
  get oneLine(): string {
    return joinSentences(this.message, this.hint);
  }

  toJSON(): { kind: MjErrorKind; message: string; hint: string; status?: number } {
    return { kind: this.kind, message: this.message, hint: this.hint, ...(this.status ? { status: this.status } : {}) };
  }
}

/** Chinese sentences follow each other without a space; Latin ones need one. */
export function joinSentences(first: string, second: string): string {
  return /[。！？）」]$/.test(first) ? first + second : `${first} ${second}`;
}

/**
 * The ID Test Connection asks for: no server has it, so a "not found" proves URL and key. Errors
 * about it speak of the request, not of a task the user never had.
 */
export const PROBE_TASK_ID = '0000000000000000';

function subject(ctx: MjErrorContext): string {
  if (ctx.taskId && ctx.taskId !== PROBE_TASK_ID) {
    return l10n.t('Task {0} on {1}', ctx.taskId, ctx.server);
  }
  return ctx.taskCount && ctx.taskCount > 1
    ? l10n.t('The request for {0} tasks to {1}', ctx.taskCount, ctx.server)
    : l10n.t('The request to {0}', ctx.server);
}

export class TaskNotFoundError extends MjError {
  readonly kind = 'TaskNotFound' as const;
  constructor(ctx: MjErrorContext & { taskId: string }) {
    super(
      l10n.t('Task {0} was not found on {1}.', ctx.taskId, ctx.server),
      l10n.t('Check the ID, and that it was submitted to this server with this key (relays only show your own tasks).'),
      ctx,
    );
  }
}

/** Why a key was not sent: `checkApiKey`'s message, which says where and what, never the key. */
export interface KeyNotSendable {
  keyProblem: string;
}

export class UnauthorizedError extends MjError {
  readonly kind = 'Unauthorized' as const;
  /** `serverSays`: what the server said in refusing; a KeyNotSendable: the key was never sent. */
  constructor(ctx: MjErrorContext, reason?: string | KeyNotSendable) {
    super(
      typeof reason === 'object'
        ? joinSentences(l10n.t('{0} was not sent: the API key cannot be sent as it is.', subject(ctx)), reason.keyProblem)
        : reason
          ? l10n.t('{0} was refused: the API key was not accepted ({1}).', subject(ctx), reason)
          : l10n.t('{0} was refused: the API key was not accepted.', subject(ctx)),
      typeof reason === 'object'
        ? l10n.t('Set the API key again, without that character.')
        : l10n.t('Check the API key and the auth scheme (Bearer, raw Authorization or mj-api-secret) this server expects.'),
      ctx,
    );
  }
}

export class RateLimitedError extends MjError {
  readonly kind = 'RateLimited' as const;
  /** From Retry-After, when the server sent one. */
  readonly retryAfterMs?: number;
  constructor(ctx: MjErrorContext, retryAfterMs?: number) {
    super(
      l10n.t('{0} was rate-limited (HTTP 429).', subject(ctx)),
      retryAfterMs !== undefined
        ? l10n.t('The server asks to wait {0} s before the next request.', Math.ceil(retryAfterMs / 1000))
        : l10n.t('Wait a little before asking again; polling backs off by itself.'),
      ctx,
    );
    this.retryAfterMs = retryAfterMs;
  }
}

export class ServerError extends MjError {
  readonly kind = 'ServerError' as const;
  constructor(ctx: MjErrorContext & { status: number }) {
    super(
      l10n.t('{0} failed with a server error (HTTP {1}).', subject(ctx), ctx.status),
      l10n.t('The server or relay has a problem; try again later.'),
      ctx,
    );
  }
}

export class BadResponseError extends MjError {
  readonly kind = 'BadResponse' as const;
  /**
   * What was wrong with the body: 'html', 'empty', 'invalid-json', 'too-large', 'shape', 'content-type';
   * 'redirect' (to another host: not followed, the key would go with it), 'no-endpoint' (the server
   * does not serve this path), 'bare-404' (a 404 that says nothing: every server of the family says
   * "no such task" its own way — 200-empty, 204, 400 task_no_found, a 404 with a message — while any
   * web server answers a path it lacks like this), 'refused' (an error answer that fits no other
   * kind; detail = its text), 'wrong-task' (a fetch answered with another task), and what the
   * transport could not read: 'bad-encoding' (a gzip/deflate/br body that does not decompress),
   * 'not-http' (something other than an HTTP server answers), 'header-overflow' (headers beyond
   * Node's 16 KB limit), 'malformed-http' (HTTP that breaks the protocol further on).
   */
  readonly reason:
    | 'html'
    | 'empty'
    | 'invalid-json'
    | 'too-large'
    | 'shape'
    | 'content-type'
    | 'redirect'
    | 'no-endpoint'
    | 'bare-404'
    | 'refused'
    | 'wrong-task'
    | 'bad-encoding'
    | 'not-http'
    | 'header-overflow'
    | 'malformed-http';
  constructor(ctx: MjErrorContext, reason: BadResponseError['reason'], detail?: string) {
    const what = {
      html: l10n.t('an HTML page instead of JSON'),
      empty: l10n.t('an empty response'),
      'invalid-json': l10n.t('a response that is not valid JSON'),
      'too-large': l10n.t('a response larger than {0}', detail ?? '5 MB'),
      shape: l10n.t('JSON that is not a Midjourney-proxy task'),
      'content-type': l10n.t('a response that is not JSON ({0})', detail ?? '?'),
      redirect: l10n.t('a redirect to another server ({0})', detail ?? '?'),
      'no-endpoint': l10n.t('an answer saying the server has no such endpoint'),
      'bare-404': l10n.t('HTTP 404 with nothing to say what was not found'),
      refused: l10n.t('an error answer: {0}', detail ?? '—'),
      'wrong-task': l10n.t('the answer for another task'),
      'bad-encoding': l10n.t('a compressed response that does not decompress (a broken gzip, deflate or br body)'),
      'not-http': l10n.t('an answer that is not HTTP: something else is listening at this address'),
      'header-overflow': l10n.t('response headers too large to read'),
      'malformed-http': l10n.t('an answer that breaks the HTTP protocol'),
    }[reason];
    super(l10n.t('{0} got {1}.', subject(ctx), what), badResponseHint(reason, ctx.status), ctx);
    this.reason = reason;
  }
}

/** What to check after a bad response: mostly the base URL, said as the reason suggests. */
function badResponseHint(reason: BadResponseError['reason'], status: number | undefined): string {
  switch (reason) {
    case 'html':
      return status === 403
        ? l10n.t('A firewall or a Cloudflare challenge page blocked the request (HTTP 403): check the base URL, or ask the relay to let API clients through.')
        : l10n.t('The base URL is probably wrong: it should be the API root that serves /mj/task/…, not a web page.');
    case 'bare-404':
      return l10n.t('The base URL is probably wrong (it should be the API root that serves /mj/task/…); if it is right, check the task ID.');
    case 'redirect':
    case 'no-endpoint':
      return l10n.t('The base URL is probably wrong: it should be the API root that serves /mj/task/….');
    case 'refused':
      return l10n.t('The server refused the request; its message says why.');
    case 'not-http':
      return l10n.t('Check the host, the port and http versus https in the base URL.');
    case 'bad-encoding':
    case 'header-overflow':
    case 'malformed-http':
      return l10n.t('The server or a proxy in between sent a broken answer; try again, and tell the server’s operator if it persists.');
    default:
      return l10n.t('Check the base URL; the server may not speak the Midjourney-proxy API.');
  }
}

export class SubmitRejectedError extends MjError {
  readonly kind = 'SubmitRejected' as const;
  readonly code: number;
  readonly description: string;
  /** The answer's `properties` (a banned prompt's `bannedWord`, a queue's length); server text, not yet inert. */
  readonly properties: Readonly<Record<string, unknown>>;
  constructor(ctx: MjErrorContext, code: number, description: string, properties: Readonly<Record<string, unknown>> = {}) {
    super(
      l10n.t('{0} was rejected (code {1}): {2}', subject(ctx), code, description || '—'),
      l10n.t('The server refused the submission; its description says why.'),
      ctx,
    );
    this.code = code;
    this.description = description;
    this.properties = properties;
  }
}

export class NetworkError extends MjError {
  readonly kind = 'Network' as const;
  /**
   * `cause`: what happened, in words. `stage` 'reach': the server was never reached (refused, DNS,
   * unreachable); 'answer': it was reached, and the connection broke before a whole answer came.
   */
  readonly stage: 'reach' | 'answer';
  constructor(ctx: MjErrorContext, cause: string, stage: 'reach' | 'answer' = 'reach') {
    super(
      stage === 'answer' ? l10n.t('{0} failed: {1}.', subject(ctx), cause) : l10n.t('{0} could not reach the server ({1}).', subject(ctx), cause),
      stage === 'answer'
        ? l10n.t('The server or a proxy in between dropped the connection; try again.')
        : l10n.t('Check the base URL, your network and proxy settings.'),
      ctx,
    );
    this.stage = stage;
  }
}

export class TimeoutError extends MjError {
  readonly kind = 'Timeout' as const;
  constructor(ctx: MjErrorContext, timeoutMs: number) {
    super(
      l10n.t('{0} timed out after {1} s.', subject(ctx), Math.round(timeoutMs / 100) / 10),
      l10n.t('The server is slow or unreachable; check the base URL and try again.'),
      ctx,
    );
  }
}

/**
 * A tracked task names a provider that is not in the settings any more (removed or renamed): it
 * cannot be asked for, and says so on the task instead of spinning on in silence.
 */
export class NotConfiguredError extends MjError {
  readonly kind = 'NotConfigured' as const;
  constructor(provider: string) {
    super(
      l10n.t('The provider "{0}" is no longer configured.', provider),
      l10n.t('Add it again with "MJ Tasks: Add Provider…" (same name), or stop tracking its tasks.'),
      { server: provider },
    );
  }
}

export function isMjError(e: unknown): e is MjError {
  return e instanceof MjError;
}
