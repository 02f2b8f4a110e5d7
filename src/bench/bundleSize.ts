import * as fs from 'fs';
import * as path from 'path';

interface BundleOptions {
  nodeBundle(production: boolean): Record<string, unknown>;
  webviewBundle(production: boolean): Record<string, unknown>;
  WEBVIEW: { entry: string };
}

/** The bundles as they ship: built in memory with the production options esbuild.js uses; dist/ untouched. */
export async function measureBundleBytes(root: string): Promise<{ extension: number; webview: number }> {
  // Both are the repository's own build tooling, loaded at run time rather than bundled in.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const options = require(path.join(root, 'build/bundleOptions.js')) as BundleOptions;
  const build = async (entry: string, base: Record<string, unknown>, external: string[]) => {
    const out = await esbuild.build({
      ...base,
      sourcemap: false,
      entryPoints: [path.join(root, entry)],
      external,
      write: false,
      logLevel: 'silent',
    });
    return out.outputFiles.reduce((sum, f) => sum + f.contents.length, 0);
  };
  const hasWebview = fs.existsSync(path.join(root, options.WEBVIEW.entry));
  return {
    extension: await build('src/extension.ts', options.nodeBundle(true), ['vscode']),
    webview: hasWebview ? await build(options.WEBVIEW.entry, options.webviewBundle(true), []) : 0,
  };
}
