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

/**
 * VS Code's codicons for the preview webview: the stylesheet and its font from @vscode/codicons,
 * copied next to preview.css (media/ is what the package ships, see scripts/package.js).
 * Generated, not edited: rebuilt from node_modules on every build. LICENSE: the font is CC BY 4.0.
 */
const CODICON_FILES = ['dist/codicon.css', 'dist/codicon.ttf', 'LICENSE'];

function copyCodicons(destDir) {
  const from = path.dirname(require.resolve('@vscode/codicons/package.json'));
  fs.mkdirSync(destDir, { recursive: true });
  for (const f of CODICON_FILES) {
    const src = path.join(from, f);
    const dest = path.join(destDir, path.basename(f));
    const data = fs.readFileSync(src);
    // Only when changed: an untouched file keeps its mtime, so watchers and caches stay quiet.
    if (!fs.existsSync(dest) || !fs.readFileSync(dest).equals(data)) fs.writeFileSync(dest, data);
  }
}

async function main() {
  copyCodicons(path.join(__dirname, 'media', 'codicons'));
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

module.exports = { copyCodicons };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
