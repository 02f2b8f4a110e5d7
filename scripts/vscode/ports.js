// Free ports on loopback, and waiting until a server answers HTTP.
'use strict';

const net = require('net');
const { wait } = require('./common');

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Is the port free on 127.0.0.1? */
function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Waits until `url` answers HTTP (any status), or the process exits, or the time runs out. */
async function waitForHttp(url, { timeoutMs = 30000, proc } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && proc.exitCode !== null) throw new Error(`code-server exited (code ${proc.exitCode}) before it listened`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer().catch(() => undefined);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`code-server did not answer at ${url} within ${timeoutMs} ms`);
      await wait(100);
    }
  }
}

module.exports = { freePort, portIsFree, waitForHttp };
