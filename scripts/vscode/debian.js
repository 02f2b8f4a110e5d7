// Debian packages from the one list (scripts/debianPackages.js): installed when run as root,
// otherwise one message that says what to install.
'use strict';

const { spawnSync } = require('child_process');
const { E2E, OPTIONAL, purposeOf } = require('../debianPackages');
const { log, run, seconds } = require('./common');

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
 * @param {string[]} [packages] required packages; defaults to the E2E ones
 * @param {string[]} [optional] defaults to all of the optional ones
 */
function ensureDebianPackages(packages = Object.keys(E2E), optional = Object.keys(OPTIONAL)) {
  const missing = packages.filter((p) => !dpkgInstalled(p));
  const missingOptional = optional.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0 && missingOptional.length === 0) return;
  const describe = (list) => list.map((p) => `${p} (${purposeOf(p)})`).join(', ');
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

module.exports = { ensureDebianPackages };
