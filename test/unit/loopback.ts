// A real HTTP server on 127.0.0.1 for client tests, with full control over status, headers
// and the bytes of the body (including bodies that stall, never end or are cut off).

import * as http from 'http';
import { AddressInfo } from 'net';

export interface Recorded {
  method: string;
  /** Path and query as requested. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

export interface Loopback {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startLoopback(handler: Handler): Promise<Loopback> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((e: unknown) => {
        res.destroy(e instanceof Error ? e : new Error(String(e)));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a fixed status, body and Content-Type (null: no Content-Type header at all). */
export function send(res: http.ServerResponse, status: number, body: string | Buffer = '', contentType: string | null = 'application/json', extra: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extra };
  if (contentType !== null) headers['Content-Type'] = contentType;
  res.writeHead(status, headers);
  res.end(body);
}

/** A port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A `serve(handler)` for the enclosing `describe`: each server it starts is closed after each
 * test. Call it at describe level, where mocha's `afterEach` applies.
 */
export function loopbacks(): (handler: Handler) => Promise<Loopback> {
  let servers: Loopback[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
  });
  return async (handler) => {
    const s = await startLoopback(handler);
    servers.push(s);
    return s;
  };
}
