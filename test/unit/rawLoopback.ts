// A TCP server on 127.0.0.1 that answers with raw bytes, for what an HTTP server cannot send:
// another protocol on the port, broken status lines and headers, resets at a chosen moment.

import * as net from 'net';
import { AddressInfo } from 'net';

/** What a connection gets once its request arrives: these bytes (then the end), or a handler. */
export type RawReply = string | Buffer | ((socket: net.Socket) => void);

export interface RawLoopback {
  url: string;
  /** Connections that sent a request. */
  connections(): number;
  close(): Promise<void>;
}

export async function startRawLoopback(reply: RawReply): Promise<RawLoopback> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => {
      connections++;
      if (typeof reply === 'function') reply(socket);
      else socket.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * A `serveRaw(reply)` for the enclosing `describe`, resolving to the server's base URL; every
 * server and connection it made is closed after each test.
 */
export function rawLoopbacks(): (reply: RawReply) => Promise<string> {
  let open: RawLoopback[] = [];
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()));
    open = [];
  });
  return async (reply) => {
    const s = await startRawLoopback(reply);
    open.push(s);
    return s.url;
  };
}
