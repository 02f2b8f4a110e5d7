// The integration suite (test/integration, mocha) inside a real extension host: code-server's
// workbench loaded in development mode, like @vscode/test-electron does with Electron.
//
//   node scripts/integration.js            (after npm run build && npm run compile)
//
// The server runs with the smoke-test driver, which is what makes it accept the development payload
// (extensionDevelopmentPath + extensionTestsPath). The workbench calls window.codeAutomationExit(code)
// when the tests' run() settles; mocha's output is in a file the tests write (MJ_INTEGRATION_OUT).
'use strict';

const fs = require('fs');
const path = require('path');
const vs = require('./vscode-server');

const ROOT = vs.ROOT;
const RUN_DIR = path.join(vs.CACHE, 'integration-run');
const TESTS_MODULE = path.join(ROOT, 'out', 'test', 'integration', 'index.js');
const TIMEOUT_MS = Number(process.env.MJ_INTEGRATION_TIMEOUT_MS || 240000);

/** Parses the closing `N passed, N failed, N skipped` line of the tests' output. */
function parseCounts(output) {
  const m = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(output.trim());
  return m ? { passed: +m[1], failed: +m[2], skipped: +m[3] } : undefined;
}

/** Starts the simulator from the compiled output, if it is there (tests may use it through env). */
async function startSimulator() {
  const file = path.join(ROOT, 'out', 'src', 'simulator', 'index.js');
  if (!fs.existsSync(file)) return undefined;
  return require(file).startSimulator({ port: 0, dialect: 'newapi', apiKey: 'mj-integration-key', speed: 1, seedDemo: false });
}

let active; // { stop(): Promise<void> } while a run is under way

/**
 * One run: server (smoke-test driver, nothing linked), browser, payload page, wait for the exit code.
 * @returns {Promise<{passed: number, failed: number, skipped: number, output: string, exitCode: number|undefined, seconds: number}>}
 */
async function runIntegration({ print = (s) => process.stdout.write(s) } = {}) {
  const t0 = Date.now();
  if (!fs.existsSync(TESTS_MODULE)) throw new Error(`${path.relative(ROOT, TESTS_MODULE)} is missing: run npm run compile`);
  vs.claimRunDir(RUN_DIR);
  const workspace = path.join(RUN_DIR, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const outFile = path.join(RUN_DIR, 'mocha-output.txt');

  let server;
  let browser;
  let simulator;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await simulator?.close().catch(() => undefined);
    browser = server = simulator = undefined;
  };
  active = { stop };
  try {
    simulator = await startSimulator();
    const env = { MJ_INTEGRATION_OUT: outFile };
    let settings = {};
    if (simulator) {
      settings = vs.mjTasksSettings(simulator.url);
      env.MJ_SIMULATOR_URL = simulator.url;
      env.MJ_SIMULATOR_KEY = simulator.apiKey;
      env.MJ_TASKS_DEV_SETUP = vs.writeDevSetup(path.join(RUN_DIR, 'dev-setup.json'), { keys: { Simulator: simulator.apiKey }, track: {} });
    }
    if (process.env.MJ_INTEGRATION_GREP) env.MJ_INTEGRATION_GREP = process.env.MJ_INTEGRATION_GREP;
    server = await vs.startCodeServer({ dataDir: RUN_DIR, workspace, settings, env, smokeTestDriver: true, link: false });
    browser = await vs.launchChromium();
    const page = await browser.newPage();
    const exit = new Promise((resolve) => {
      page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code))).catch(() => undefined);
    });
    const remote = `vscode-remote://${server.host}:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `${remote}${ROOT}`],
      ['extensionTestsPath', `${remote}${TESTS_MODULE}`],
    ];
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let timer;
    const exitCode = await Promise.race([
      exit,
      new Promise((resolve) => (timer = setTimeout(() => resolve(undefined), TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    const output = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    print(output || '(the integration tests wrote no output)\n');
    let counts = parseCounts(output);
    if (exitCode === undefined) {
      print(`integration: no result within ${TIMEOUT_MS / 1000} s (see ${path.relative(ROOT, server.logFile)})\n`);
      counts = { passed: counts?.passed ?? 0, failed: (counts?.failed ?? 0) + 1, skipped: counts?.skipped ?? 0 };
    } else if (!counts) {
      counts = { passed: 0, failed: exitCode === 0 ? 0 : 1, skipped: 0 };
    } else if (exitCode !== 0 && counts.failed === 0) {
      counts.failed = 1; // run() rejected without a failing test (e.g. a load error)
    }
    return { ...counts, output, exitCode, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await stop();
    active = undefined;
  }
}

/** Stops a run under way (Ctrl-C). */
async function stopIntegration() {
  await active?.stop();
}

module.exports = { runIntegration, stopIntegration, parseCounts, RUN_DIR };

if (require.main === module) {
  let stopping = false;
  const onSignal = (sig) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${sig}: stopping…\n`);
    stopIntegration().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  (async () => {
    vs.ensureInstalled({ browser: true });
    const r = await runIntegration();
    console.log(`integration: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds.toFixed(1)} s)`);
    process.exit(r.failed > 0 ? 1 : 0);
  })().catch((e) => {
    console.error(e.stack || e.message);
    process.exit(1);
  });
}
