// A real VS Code for this machine: code-server (VS Code in the browser, extension host in Node),
// installed on first use into .vscode-test/ and started as its own process group; Debian's
// Chromium to drive it. Only the npm registry and Debian's packages are reachable here, so VS Code's
// own download servers (used by @vscode/test-electron) are out of reach. See docs/development.md.
//
// The parts, each in scripts/vscode/: common.js (paths, versions, log lines), debian.js (the
// packages of scripts/debianPackages.js), install.js (Node 24 and code-server), profile.js
// (settings, the linked extension, the dev-setup file), codeServer.js (starting and stopping it),
// chromium.js, ports.js, processGroups.js (groups killed as a whole, run folders).
//
// Used by scripts/start.js, scripts/e2e.js, scripts/integration.js, scripts/test-electron.js and
// the E2E harness (test/e2e/harness/).
//
//   node scripts/vscode-server.js [--no-browser]   install (handy in CI images and for timing)
//   node scripts/vscode-server.js --debian-only    only the Debian packages the whole test run needs
'use strict';

const { E2E, UNIT_TESTS } = require('./debianPackages');
const { CHROMIUM, CHROMIUM_ARGS, launchChromium } = require('./vscode/chromium');
const { startCodeServer } = require('./vscode/codeServer');
const { CACHE, CODE_SERVER_DIR, CODE_SERVER_VERSION, NODE_VERSION, ROOT, log, seconds } = require('./vscode/common');
const { ensureDebianPackages } = require('./vscode/debian');
const { codeServerEntry, ensureCodeServer, ensureInstalled, ensureNode24, node24Binary } = require('./vscode/install');
const { freePort, portIsFree, waitForHttp } = require('./vscode/ports');
const { claimRunDir, groupAlive, killGroup, processesMentioning } = require('./vscode/processGroups');
const { extensionFolderName, linkExtension, mjTasksSettings, userSettings, writeDevSetup } = require('./vscode/profile');

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
  try {
    if (process.argv.includes('--debian-only')) {
      ensureDebianPackages([...Object.keys(E2E), ...Object.keys(UNIT_TESTS)]);
    } else {
      ensureInstalled({ browser: !process.argv.includes('--no-browser') });
    }
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
