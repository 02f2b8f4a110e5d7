// The one list of Debian packages the project's test runs need, with why each one is there.
// Read by scripts/vscode-server/debian.js (which installs them on first use when run as root) and by
// .ci/run before `npm ci`, so this file needs nothing but Node:
//
//   node scripts/debianPackages.js      one package name per line, every group
'use strict';

/** Without these the E2E runs cannot start (a clear error when missing and not root). */
const E2E = {
  'libkrb5-dev': "to build code-server's kerberos module",
  chromium: 'the browser the tests drive',
};

/**
 * What the unit suite's string-literal round-trips and snippet runs need besides what a machine
 * of this kind brings (python3 with requests, bash, gcc, java and rustc come with it; requests
 * belongs to whichever python3 is first on PATH, so it is not a Debian package here).
 */
const UNIT_TESTS = {
  sqlite3: 'the SQL string-literal round-trip',
  curl: 'running the generated curl snippets against the simulator',
};

/** Nice to have: only a note when missing. */
const OPTIONAL = {
  'fonts-wqy-microhei': 'CJK glyphs in screenshots (Chinese prompts, the zh-cn translation)',
  'fonts-noto-color-emoji': 'emoji in screenshots (the 🔄 and 1️⃣ buttons)',
};

/** Why a package is needed, for messages. */
function purposeOf(pkg) {
  return E2E[pkg] || UNIT_TESTS[pkg] || OPTIONAL[pkg] || 'needed';
}

/** Every package of every group: what CI installs. */
function allDebianPackages() {
  return [...Object.keys(E2E), ...Object.keys(UNIT_TESTS), ...Object.keys(OPTIONAL)];
}

module.exports = { E2E, UNIT_TESTS, OPTIONAL, purposeOf, allDebianPackages };

if (require.main === module) {
  process.stdout.write(`${allDebianPackages().join('\n')}\n`);
}
