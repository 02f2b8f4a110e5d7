// Starting code-server for a run: its own folders (user data, extensions, HOME, TMPDIR, XDG_*)
// inside the run folder, its own process group, and a stop() that waits until the group is gone.
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { wait } = require('./common');
const { ensureCodeServer, ensureNode24 } = require('./install');
const { forgetGroup, groupAlive, killGroup, trackGroup } = require('./processGroups');
const { freePort, waitForHttp } = require('./ports');
const { linkExtension, userSettings } = require('./profile');

/** The folders of a run inside `dataDir`, created, with the user settings written. */
function prepareFolders(dataDir, settings, link) {
  const userDataDir = path.join(dataDir, 'ud');
  const extensionsDir = path.join(dataDir, 'ext');
  const home = path.join(dataDir, 'home');
  const tmp = path.join(dataDir, 'tmp');
  for (const d of [userDataDir, extensionsDir, home, tmp, path.join(home, '.config'), path.join(home, '.local/share'), path.join(home, '.cache')]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(settings), null, 2) + '\n');
  if (link !== false) linkExtension(extensionsDir);
  return { userDataDir, extensionsDir, home, tmp };
}

/** The server's environment: ours, its home folders, `extra`, without what belongs to the npm run that started us. */
function serverEnv(home, tmp, extra) {
  const env = {
    ...process.env,
    HOME: home,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    ...extra,
  };
  for (const k of Object.keys(env)) if (k.startsWith('npm_') || k === 'NODE_OPTIONS' || k === 'VSCODE_IPC_HOOK_CLI') delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
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
 * @param {string} [o.locale] the display language, e.g. zh-cn
 * @param {object} [o.env] extra environment (e.g. MJ_TASKS_DEV_SETUP), inherited by the extension host
 * @param {boolean} [o.quiet] keep code-server's output in D/code-server.log only (default true)
 * @returns {Promise<{url: string, port: number, host: string, pid: number, dataDir: string, userDataDir: string, extensionsDir: string, workspace?: string, logFile: string, stop(): Promise<void>}>}
 */
async function startCodeServer(o) {
  const entry = ensureCodeServer();
  const node = ensureNode24();
  const dataDir = path.resolve(o.dataDir);
  const { userDataDir, extensionsDir, home, tmp } = prepareFolders(dataDir, o.settings, o.link);

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

  const logFile = path.join(dataDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const quiet = o.quiet !== false;
  const proc = spawn(node, args, {
    cwd: o.workspace ? path.resolve(o.workspace) : dataDir,
    env: serverEnv(home, tmp, o.env),
    detached: true, // its own process group: killed as a group
    stdio: ['ignore', quiet ? out : 'inherit', quiet ? out : 'inherit'],
  });
  fs.closeSync(out);
  trackGroup(proc.pid);
  const exited = new Promise((resolve) => proc.once('exit', resolve));

  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;
  const start = Date.now();
  try {
    await waitForHttp(`${url}healthz`, { proc });
  } catch (e) {
    killGroup(proc.pid, 'SIGKILL');
    forgetGroup(proc.pid);
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
        forgetGroup(proc.pid);
      })();
    }
    return stopping;
  }

  return { url, port, host, pid: proc.pid, process: proc, dataDir, userDataDir, extensionsDir, workspace: o.workspace && path.resolve(o.workspace), logFile, startedInMs: Date.now() - start, stop };
}

module.exports = { startCodeServer };
