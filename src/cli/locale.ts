// Where the CLI finds its package (for the version and the l10n bundle) and which language
// it speaks. Runs before anything calls l10n.t: @vscode/l10n reads its bundle only once.

import * as l10n from '@vscode/l10n';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The directory holding mj-tasks' package.json: `dist/cli.js` lives one level below it,
 * the tsc output (`out/src/cli/`) three.
 */
export function packageRoot(start: string = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'mj-tasks') return dir;
    } catch {
      // no (readable) package.json here: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function packageVersion(root: string | undefined): string {
  if (root === undefined) return '0.0.0';
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The locale the environment asks for, POSIX precedence: LC_ALL, LC_MESSAGES, LANG. */
export function requestedLocale(env: Record<string, string | undefined>): string {
  return env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
}

/**
 * Loads the Chinese bundle when the locale asks for Chinese and the bundle ships with the
 * package; English (the source strings) otherwise. Returns the bundle loaded, if any.
 */
export function loadLocale(env: Record<string, string | undefined>, root: string | undefined): string | undefined {
  if (root === undefined || !/^zh/i.test(requestedLocale(env))) return undefined;
  const bundle = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  let contents: string;
  try {
    contents = fs.readFileSync(bundle, 'utf8');
    JSON.parse(contents);
  } catch {
    // missing or broken bundle: English is better than a crash
    return undefined;
  }
  l10n.config({ contents });
  return bundle;
}
