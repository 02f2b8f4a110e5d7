// Where a run lives and the fixed names and timeouts every helper uses.
import * as path from 'path';

/** The repository root (this file runs from out/test/e2e/harness/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** Where screenshots go: test-results/screenshots/<suite>--<test>.png (git-ignored). */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots');
/**
 * Everything of one run: user data, extensions dir, HOME, the workspace. Wiped at each start; one run
 * at a time (MJ_E2E_RUN_DIR picks another folder, e.g. for a second run in the same tree).
 */
export const RUN_DIR = process.env.MJ_E2E_RUN_DIR ? path.resolve(process.env.MJ_E2E_RUN_DIR) : path.join(ROOT, '.vscode-test', 'e2e-run');
/** The folder VS Code opens; fixtures are copied here at start. */
export const WORKSPACE = path.join(RUN_DIR, 'workspace');
/** The provider name the settings and MJ_TASKS_DEV_SETUP use. */
export const PROVIDER = 'Simulator';
export const API_KEY = 'mj-e2e-key';
/** The ID of the extension under test (publisher.name). */
export const EXTENSION_ID = 'mj-tasks.mj-tasks';

/** The first workbench load (and a reload) may take this long; code-server is cold. */
export const FIRST_LOAD_TIMEOUT_MS = 120_000;
/** Everything else, unless a test says more. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const POLL_MS = 100;

export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}
