// Bundles every entry point; type-checking is `npm run compile` (tsc), kept apart so builds stay fast.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const { nodeBundle, webviewBundle } = require('./build/bundleOptions');

const node = { ...nodeBundle(production), logLevel: 'info' };

/** Entry points: the extension (vscode is provided by the host), the CLI, the simulator, the benchmark. */
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js' },
  { ...node, entryPoints: ['src/bench/main.ts'], outfile: 'dist/bench.js', external: ['esbuild'] },
  { ...webviewBundle(production), logLevel: 'info', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
].filter((b) => fs.existsSync(path.join(__dirname, b.entryPoints[0])));

async function main() {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  const cli = path.join(__dirname, 'dist/cli.js');
  if (fs.existsSync(cli)) fs.chmodSync(cli, 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
