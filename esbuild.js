// Bundles every entry point; type-checking is `npm run compile` (tsc), kept apart so builds stay fast.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const { nodeBundle, webviewBundle, WEBVIEW } = require('./build/bundleOptions');

const node = { ...nodeBundle(production), logLevel: 'info' };

/**
 * What the preview webview loads, built into one folder of its own (`outDir`): the script and the
 * stylesheet (plus the codicons, copyCodicons). That folder is the webview's only
 * localResourceRoot: VS Code takes folders there, not single files, so nothing else may sit in it.
 */
function webviewBuilds(outDir, prod) {
  return [
    { ...webviewBundle(prod), entryPoints: [path.join(__dirname, WEBVIEW.entry)], outfile: path.join(outDir, 'webview.js') },
    { bundle: true, minify: prod, entryPoints: [path.join(__dirname, WEBVIEW.style)], outfile: path.join(outDir, 'preview.css') },
  ];
}

/** Entry points: the extension (vscode is provided by the host), the CLI, the simulator, the benchmark. */
const builds = [
  { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/simulator/main.ts'], outfile: 'dist/simulator.js' },
  { ...node, entryPoints: ['src/bench/main.ts'], outfile: 'dist/bench.js', external: ['esbuild'] },
  ...webviewBuilds(path.join(__dirname, WEBVIEW.outDir), production).map((b) => ({ ...b, logLevel: 'info' })),
].filter((b) => fs.existsSync(path.resolve(__dirname, b.entryPoints[0])));

/**
 * VS Code's codicons for the preview webview: the stylesheet and its font from @vscode/codicons,
 * copied into the webview's folder (`<outDir>/codicons`, next to preview.css).
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

/**
 * libwebp as WebAssembly (from @cwasm/webp), beside the extension bundle: src/core/webpDecoder.ts
 * reads it from there. Pure wasm, the same file on every platform (no native module).
 */
function copyWebpWasm(destDir) {
  const src = require.resolve('@cwasm/webp/webp.wasm');
  const dest = path.join(destDir, 'webp.wasm');
  fs.mkdirSync(destDir, { recursive: true });
  const data = fs.readFileSync(src);
  if (!fs.existsSync(dest) || !fs.readFileSync(dest).equals(data)) fs.writeFileSync(dest, data);
}

async function main() {
  copyCodicons(path.join(__dirname, WEBVIEW.outDir, 'codicons'));
  copyWebpWasm(path.join(__dirname, 'dist'));
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

module.exports = { copyCodicons, copyWebpWasm, webviewBuilds };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
