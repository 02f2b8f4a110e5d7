// What every part of the VS Code setup shares: where things live, the pinned versions, timing and
// log lines, running a command.
'use strict';

const { spawnSync } = require('child_process');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.vscode-test');
const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const NODE_DIR = path.join(CACHE, `node-${NODE_VERSION}`);
const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

/** Seconds since `start` (a `Date.now()` value), for the timing lines. */
function seconds(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

function log(message) {
  process.stderr.write(`[vscode] ${message}\n`);
}

/** Runs a command, output to our stderr; throws on failure. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', process.stderr, process.stderr], ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

function wait(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

module.exports = { ROOT, CACHE, NODE_VERSION, CODE_SERVER_VERSION, NODE_DIR, CODE_SERVER_DIR, seconds, log, run, wait };
