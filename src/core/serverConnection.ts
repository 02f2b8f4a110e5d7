// One client's line to its server: endpoint URLs under the base URL, each request sent with the
// auth header, the time limit and the body cap, reported to the request listener, and the
// readings that every endpoint shares before its own (statuses that mean the same everywhere,
// what the server said with the key masked, trueai's refusal on a 200).

import { checkApiKey } from './apiKeyCheck';
import { apiRoot, endpoint, serverLabel, validateBaseUrl } from './baseUrl';
import { MjError, MjErrorContext, UnauthorizedError } from './errors';
import { authHeaders, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS, HttpReply, isAbortError, send } from './http';
import { logicException } from './notFound';
import { Body, classifyBody, serverMessage, statusError } from './reply';
import { maskSecrets } from './secretMask';
import { AuthScheme } from './types';

export interface RequestEvent {
  method: string;
  /** The URL path only: never the query, never headers. */
  path: string;
  status?: number;
  ms: number;
  error?: string;
}

export interface ConnectionOptions {
  baseUrl: string;
  auth: AuthScheme;
  apiKey?: string;
  /** Per request, including reading the body. Default 15 000. */
  timeoutMs?: number;
  /** Bodies beyond this are cut off and reported as too large. Default 5 MB. */
  maxBodyBytes?: number;
  /** Called once per HTTP request, for logs. Exceptions thrown by it are ignored. */
  onRequest?: (e: RequestEvent) => void;
}

/** A reply with its body classified. */
export interface Answer {
  reply: HttpReply;
  body: Body;
}

export class ServerConnection {
  /** The server's origin, as named in messages. */
  readonly server: string;
  /** Identifies "the same server" for what is learnt about it (see ServerQuirks). */
  readonly root: string;
  /** Where the server's relative and loopback media links point (see mediaUrls.ts). */
  readonly origin: URL;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  /** A #private field: the key stays out of util.inspect, assertion diffs and JSON.stringify. */
  readonly #opts: ConnectionOptions;

  /** Throws the validation message when the base URL is not usable. */
  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
    const problem = validateBaseUrl(opts.baseUrl);
    if (problem !== null) throw new Error(problem);
    this.server = serverLabel(opts.baseUrl);
    this.root = apiRoot(opts.baseUrl);
    this.origin = new URL(opts.baseUrl.trim());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** The key, for masking it in what the server says; it is sent only by `request`. */
  get apiKey(): string | undefined {
    return this.#opts.apiKey;
  }

  async request(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    ctx: MjErrorContext,
    body: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Answer> {
    const headers = authHeaders(this.#opts.auth, this.#opts.apiKey);
    // A key HTTP cannot carry is refused here, in words of its own: sent, it would fail in the
    // HTTP library, whose error text quotes the header.
    const keyProblem = Object.keys(headers).length > 0 && this.#opts.apiKey !== undefined ? checkApiKey(this.#opts.apiKey.trim()) : null;
    if (keyProblem !== null) throw new UnauthorizedError(ctx, { keyProblem: keyProblem.message });
    const url = endpoint(this.#opts.baseUrl, path, params);
    const started = Date.now();
    const event = (extra: Partial<RequestEvent>): void => {
      try {
        this.#opts.onRequest?.({ method, path: new URL(url).pathname, ms: Date.now() - started, ...extra });
      } catch {
        // a failing logger must not fail the request
      }
    };
    try {
      const reply = await send({
        method,
        url,
        headers,
        body,
        timeoutMs: this.timeoutMs,
        maxBodyBytes: this.maxBodyBytes,
        signal,
        ctx,
      });
      event({ status: reply.status });
      return { reply, body: classifyBody(reply) };
    } catch (e) {
      event({ error: isAbortError(e) ? 'aborted' : e instanceof MjError ? logText(e) : this.mask(String(e)) });
      throw e;
    }
  }

  /** Throws for statuses that mean the same everywhere; returns the context with the status. */
  failFast<C extends MjErrorContext>({ reply, body }: Answer, ctx: C): C & { status: number } {
    const error = statusError(reply, body, ctx, this.#opts.apiKey);
    if (error) throw error;
    return { ...ctx, status: reply.status };
  }

  /** Throws trueai's business exception (HTTP 200 `{success:false, code:-1, message}`) as a refusal. */
  throwIfLogicException(value: unknown, c: MjErrorContext): void {
    const error = logicException(value, c, this.#opts.apiKey);
    if (error) throw error;
  }

  /** What the server said, short, with the key masked. */
  said(body: Body): string | undefined {
    return serverMessage(body, this.#opts.apiKey);
  }

  mask(text: string): string {
    return maskSecrets(text, [this.#opts.apiKey]);
  }
}

/** An error as a log line says it: the message, and the library's code where there was one. */
function logText(e: MjError): string {
  return e.transportCode === undefined ? e.message : `${e.message} [${e.transportCode}]`;
}
