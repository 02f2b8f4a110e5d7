// Shared by esbuild.js and the benchmark's bundle-size measurement, so both build the same thing.
const path = require('path');

const root = path.resolve(__dirname, '..');

/** Options every Node-side bundle uses. */
function nodeBundle(production) {
  return {
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
  };
}

/** The preview's browser-side script and stylesheet (sources), built into dist/webview/ with the codicons. */
const WEBVIEW = { entry: 'src/preview/webview/main.ts', style: 'src/preview/webview/preview.css', outDir: 'dist/webview' };

/** The webview script runs in the browser inside VS Code. */
function webviewBundle(production) {
  return { bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: !production, minify: production };
}

module.exports = { root, nodeBundle, webviewBundle, WEBVIEW };
