import * as http from 'http';
import type { Socket } from 'net';
import type { SimContext } from './context';
import { CONTROL_PREFIX, controlReply } from './controlRoutes';
import { dispatch } from './dispatch';
import { FaultSet, faultReply, oversizedChunk } from './faults';
import { emptyReply, type Reply } from './reply';
import { RequestLog } from './requestLog';
import { parseRoute } from './routes';

// The HTTP plumbing: read the body, count, apply faults, dispatch, write. Every socket and
// pending timer is tracked so close() ends keep-alive connections and delayed answers at once.

/** Bodies beyond this (base64 images for describe/blend are the big ones) get 413. */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;

export class SimHttpServer {
  readonly faults = new FaultSet();
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly requests = new RequestLog();
  private counts = new Map<string, number>();
  private total = 0;
  private closed = false;

  /** `controlToken`: turns on the control routes (controlRoutes.ts) for requests carrying it. */
  constructor(
    private readonly ctx: SimContext,
    private readonly controlToken?: string,
  ) {
    this.server = http.createServer((req, res) => this.onRequest(req, res));
    this.server.keepAliveTimeout = 10_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : port);
      });
    });
  }

  requestCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  totalRequests(): number {
    return this.total;
  }

  resetCounts(): void {
    this.counts = new Map();
    this.total = 0;
    this.requests.clear();
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    return done;
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  /** The request body; 'too-large' past the limit, 'gone' when the client went away. */
  private readBody(req: http.IncomingMessage): Promise<Buffer | 'too-large' | 'gone'> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_REQUEST_BYTES) chunks.push(c);
      });
      req.on('end', () => resolve(size > MAX_REQUEST_BYTES ? 'too-large' : Buffer.concat(chunks)));
      req.on('error', () => resolve('gone'));
      req.on('aborted', () => resolve('gone'));
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const rawPath = (req.url ?? '/').split('?')[0];
    if (this.controlToken && rawPath.startsWith(CONTROL_PREFIX)) {
      // A test's order, not an API request: neither counted nor subject to faults.
      const body = await this.readBody(req);
      if (this.closed || res.destroyed || body === 'gone') return;
      const reply = body === 'too-large' ? emptyReply(413) : controlReply(this.ctx, this.controlToken, method, rawPath, req.headers, body);
      this.write(req, res, reply);
      this.ctx.log(`${method} ${rawPath} → ${reply.kind === 'body' ? reply.status : reply.kind} (control)`);
      return;
    }
    const route = parseRoute(method, req.url ?? '/');
    this.counts.set(route.key, (this.counts.get(route.key) ?? 0) + 1);
    const requestNumber = ++this.total;
    const decision = this.faults.take(route);

    const body = await this.readBody(req);
    this.requests.add(method, route, Buffer.isBuffer(body) ? body : Buffer.alloc(0), this.ctx.now());
    if (decision.latencyMs > 0) await this.delay(decision.latencyMs);
    if (this.closed || res.destroyed || body === 'gone') return;

    let reply: Reply;
    if (body === 'too-large') {
      reply = { kind: 'body', status: 413, headers: {}, body: Buffer.alloc(0) };
    } else {
      const real = (): Reply => dispatch(this.ctx, { method, route, headers: req.headers, body }, requestNumber);
      reply = decision.effect ? faultReply(this.ctx, decision.effect, route, real) : real();
    }
    this.write(req, res, reply);
    const status = reply.kind === 'body' ? String(reply.status) : reply.kind === 'reset' ? 'RESET' : reply.kind === 'hang' ? 'NO ANSWER' : '200 (oversized)';
    const fault = decision.effect ? ` [fault: ${decision.effect.kind}]` : decision.latencyMs ? ` [latency ${decision.latencyMs} ms]` : '';
    this.ctx.log(`${method} ${req.url ?? '/'} → ${status} ${Date.now() - started} ms${fault}`);
  }

  private write(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
    switch (reply.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return;
      case 'body':
        res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
        res.end(reply.body);
        return;
      case 'oversized':
        this.stream(res, reply.bytes, reply.contentType);
        return;
    }
  }

  /** Writes `bytes` of JSON-looking filler with backpressure, chunked; stops if the client goes. */
  private stream(res: http.ServerResponse, bytes: number, contentType: string): void {
    res.writeHead(200, { 'Content-Type': contentType });
    const chunk = oversizedChunk();
    let sent = 0;
    res.write('[');
    const pump = (): void => {
      while (sent < bytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end('{}]');
    };
    pump();
  }
}
