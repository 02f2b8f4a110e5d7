#!/usr/bin/env node
// `npm run package`: a production build staged in its own folder, packed by vsce. dist/ (the
// development build the tests and F5 use) is left alone. Prints the .vsix path and size.
//   node scripts/package.js [--out FILE]
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { root, nodeBundle, WEBVIEW } = require('../build/bundleOptions');
const { copyCodicons, copyWebpWasm, webviewBuilds } = require('../esbuild');

/** What the .vsix holds besides the bundles; .vscodeignore in the stage keeps it to exactly this. */
const FILES = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore'];
const FOLDERS = ['media', 'l10n'];

async function packageVsix(outFile) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = path.resolve(outFile || path.join(root, `${pkg.name}-${pkg.version}.vsix`));
  const stage = path.join(root, '.vscode-test', 'package-stage');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(path.join(stage, 'dist'), { recursive: true });

  await esbuild.build({ ...nodeBundle(true), entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(stage, 'dist/extension.js'), external: ['vscode'], logLevel: 'warning' });
  for (const b of webviewBuilds(path.join(stage, WEBVIEW.outDir), true)) await esbuild.build({ ...b, logLevel: 'warning' });
  for (const f of FILES) fs.copyFileSync(path.join(root, f), path.join(stage, f));
  // The README's screenshots live in the repository (docs/images), not in the package: with no
  // published repository for vsce to point them at, they would show as broken images in VS Code.
  const readme = fs.readFileSync(path.join(stage, 'README.md'), 'utf8');
  fs.writeFileSync(path.join(stage, 'README.md'), readme.replace(/^!\[[^\]]*\]\(docs\/images\/[^)]+\)\n\n?/gm, ''));
  for (const d of FOLDERS) {
    if (fs.existsSync(path.join(root, d))) fs.cpSync(path.join(root, d), path.join(stage, d), { recursive: true });
  }
  // The preview's codicons, fresh from node_modules, in the webview's folder.
  copyCodicons(path.join(stage, WEBVIEW.outDir, 'codicons'));
  copyWebpWasm(path.join(stage, 'dist'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No repository is published yet: README links stay as they are (relative doc links).
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: stage,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { file: out, bytes: fs.statSync(out).size };
}

module.exports = { packageVsix };

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  packageVsix(i > 0 ? process.argv[i + 1] : undefined).then(
    ({ file, bytes }) => console.log(`packaged ${path.relative(process.cwd(), file)} (${(bytes / 1024).toFixed(1)} KB)`),
    (e) => {
      console.error(e.message || e);
      process.exit(1);
    },
  );
}
