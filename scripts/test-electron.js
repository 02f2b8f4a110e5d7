// `npm run test:electron`: the integration suite (test/integration) in desktop VS Code (Electron)
// through @vscode/test-electron — the standard way, for machines that can download VS Code or have
// it installed. It cannot run on this project's machines (no access to VS Code's download servers):
// there `npm run test:integration` runs the same suite in code-server. See docs/development.md.
//
//   VSCODE_EXECUTABLE=/path/to/code npm run test:electron   (uses that VS Code, downloads nothing)
//   npm run test:electron                                   (downloads VS Code stable into .vscode-test/)
//
// Linux without a display: run it under xvfb-run.
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

async function main() {
  if (!process.argv.includes('--no-build')) {
    for (const script of ['build', 'compile']) {
      if (spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status !== 0 && script === 'build') {
        throw new Error('npm run build failed');
      }
    }
  }
  const { runTests } = require('@vscode/test-electron');
  const runDir = path.join(ROOT, '.vscode-test', 'electron-run');
  fs.rmSync(runDir, { recursive: true, force: true });
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const outFile = path.join(runDir, 'mocha-output.txt');

  // What scripts/integration.js gives the same suite in code-server: a simulator, a provider
  // configured for it (user settings), its key (the dev-setup file the extension reads).
  const vs = require('./vscode-server');
  const simulatorModule = path.join(ROOT, 'out', 'src', 'simulator', 'index.js');
  const sim = fs.existsSync(simulatorModule)
    ? await require(simulatorModule).startSimulator({ port: 0, dialect: 'newapi', apiKey: 'mj-integration-key', speed: 1, seedDemo: false })
    : undefined;
  const env = { MJ_INTEGRATION_OUT: outFile };
  const userDir = path.join(runDir, 'ud', 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify(vs.userSettings(sim ? vs.mjTasksSettings(sim.url) : {}), null, 2));
  if (sim) {
    env.MJ_SIMULATOR_URL = sim.url;
    env.MJ_SIMULATOR_KEY = sim.apiKey;
    env.MJ_TASKS_DEV_SETUP = vs.writeDevSetup(path.join(runDir, 'dev-setup.json'), { keys: { Simulator: sim.apiKey }, track: {} });
  }

  let code = 1;
  try {
    code = await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'integration', 'index.js'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(runDir, 'ud')}`,
        `--extensions-dir=${path.join(runDir, 'ext')}`,
      ],
    });
  } catch (e) {
    console.error(`test:electron: ${e && e.message ? e.message : e}`);
    console.error('This needs VS Code: set VSCODE_EXECUTABLE, or allow downloads from VS Code\'s update servers.');
    console.error('On machines without either, run the same suite in code-server: npm run test:integration');
  }
  await sim?.close().catch(() => undefined);
  if (fs.existsSync(outFile)) process.stdout.write(fs.readFileSync(outFile, 'utf8'));
  process.exit(code === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e.stack || e.message);
  process.exit(1);
});
