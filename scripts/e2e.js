// `npm run test:e2e`: MJ Tasks in a real VS Code (code-server) driven through real Chromium.
//
//   node scripts/e2e.js [--no-build] [--only ui|integration] [--grep PATTERN]
//
// 1. builds (esbuild → dist/, tsc → out/) unless --no-build (npm test's pretest already did);
// 2. installs on first use: Debian packages (when root), Node 24 and code-server into .vscode-test/;
// 3. the integration suite inside the extension host (test/integration, scripts/integration.js);
// 4. the UI suites out/test/e2e/**/*.e2e.js with mocha, sharing ONE code-server + browser page +
//    simulator (test/e2e/harness/), stopped at the end and on Ctrl-C;
// 5. closes with `e2e: N passed, N failed` (both parts) and exits non-zero on any failure.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const vs = require('./vscode-server');

const ROOT = vs.ROOT;
const E2E_OUT = path.join(ROOT, 'out', 'test', 'e2e');
const HARNESS = path.join(E2E_OUT, 'harness', 'index.js');

function parseArgs(argv) {
  const o = { build: true, only: undefined, grep: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') o.build = false;
    else if (a === '--only') o.only = argv[++i];
    else if (a.startsWith('--only=')) o.only = a.slice(7);
    else if (a === '--grep' || a === '-g') o.grep = argv[++i];
    else if (a.startsWith('--grep=')) o.grep = a.slice(7);
    else if (a === '--help' || a === '-h') {
      console.log('node scripts/e2e.js [--no-build] [--only ui|integration] [--grep PATTERN]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  if (o.only && !['ui', 'integration'].includes(o.only)) throw new Error(`--only takes ui or integration, not ${o.only}`);
  return o;
}

function npmRun(script) {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0;
}

function build() {
  const t0 = Date.now();
  if (!npmRun('build')) throw new Error('npm run build failed');
  // tsc emits even with type errors; the tests can still run, so a type error is reported, not fatal here
  // (npm test's pretest, and so CI, fails on it).
  if (!npmRun('compile')) console.error('e2e: npm run compile reported type errors (output was still emitted); running the tests anyway');
  console.error(`e2e: build ${vs.seconds(t0)}`);
}

function e2eFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? e2eFiles(path.join(dir, e.name)) : e.name.endsWith('.e2e.js') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Stops whatever is running: the UI harness and an integration run. Safe to call twice. */
async function stopEverything() {
  let harness;
  try {
    harness = require.cache[require.resolve(HARNESS)] ? require(HARNESS) : undefined;
  } catch {
    harness = undefined; // not compiled: nothing of it can be running
  }
  await Promise.allSettled([harness?.stopWorkbench(), require('./integration').stopIntegration()]);
}

let stopping = false; // set by Ctrl-C / SIGTERM: the signal handler stops everything and exits
let currentRunner; // mocha's runner while the UI suites run

/** While stopping, parks the caller: the signal handler owns the exit. */
function unlessStopping() {
  return stopping ? new Promise(() => {}) : Promise.resolve();
}

function runMocha(files, grep) {
  const Mocha = require('mocha');
  const harness = require(HARNESS);
  const mocha = new Mocha({
    reporter: 'spec',
    timeout: 60000,
    slow: 10000,
    color: process.stdout.isTTY,
    grep,
    rootHooks: {
      async afterAll() {
        this.timeout(30000);
        await harness.stopWorkbench();
      },
    },
  });
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures, skipped: runner.stats.pending }));
    currentRunner = runner;
  });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  if (o.build) build();

  const tInstall = Date.now();
  vs.ensureInstalled({ browser: true });
  console.error(`e2e: install check ${vs.seconds(tInstall)}`);

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.skipped += r.skipped;
  };

  if (o.only !== 'ui') {
    const tInt = Date.now();
    console.log('\nIntegration tests (inside the extension host)\n');
    if (o.grep) process.env.MJ_INTEGRATION_GREP = o.grep;
    const r = await require('./integration').runIntegration();
    await unlessStopping();
    console.log(`integration: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${vs.seconds(tInt)})`);
    add(r);
  }

  if (o.only !== 'integration') {
    const files = e2eFiles(E2E_OUT);
    if (files.length === 0) throw new Error(`no *.e2e.js under ${path.relative(ROOT, E2E_OUT)}: run npm run compile`);
    const tUi = Date.now();
    console.log('\nUI tests (code-server + Chromium)');
    const r = await runMocha(files, o.grep);
    await unlessStopping();
    await stopEverything();
    console.log(`ui: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${vs.seconds(tUi)}); screenshots in test-results/screenshots/`);
    add(r);
  }

  const runDir = process.env.MJ_E2E_RUN_DIR ? path.resolve(process.env.MJ_E2E_RUN_DIR) : path.join(vs.CACHE, 'e2e-run');
  const left = [...vs.processesMentioning(runDir), ...vs.processesMentioning(require('./integration').RUN_DIR)];
  if (left.length) {
    console.error(`e2e: processes left running:\n  ${left.join('\n  ')}`);
    totals.failed += 1;
  }
  console.error(`e2e: total ${vs.seconds(t0)}`);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  return totals.failed > 0 ? 1 : 0;
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    currentRunner?.abort();
    console.error(`\ne2e: ${sig}, stopping VS Code, the browser and the simulator…`);
    stopEverything().finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  async (e) => {
    await unlessStopping();
    console.error(e && e.stack ? e.stack : String(e));
    await stopEverything();
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
