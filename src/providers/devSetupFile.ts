import * as fs from 'fs';
import * as path from 'path';

/** The variable `npm start` and the test launchers set to the development setup's file. */
export const DEV_SETUP_VARIABLE = 'MJ_TASKS_DEV_SETUP';

export interface DevSetupContext {
  readonly env: NodeJS.ProcessEnv;
  /** VS Code runs the extension in Production mode (not launched for development or tests). */
  readonly production: boolean;
  /** The extension's own folder. */
  readonly extensionPath: string;
  readonly exists?: (file: string) => boolean;
}

/**
 * The development setup to apply, if any. It writes API keys into SecretStorage and tracks tasks,
 * so an installed extension must never act on an environment variable: only a copy VS Code runs
 * for development or tests, or a source checkout linked in as an extension (how `npm start` and
 * the E2E suites run it, in Production mode). A packaged .vsix never holds the sources.
 */
export function devSetupFile(c: DevSetupContext): string | undefined {
  const file = c.env[DEV_SETUP_VARIABLE];
  if (!file) {
    return undefined;
  }
  const exists = c.exists ?? fs.existsSync;
  const isCheckout = exists(path.join(c.extensionPath, 'src', 'extension.ts'));
  return !c.production || isCheckout ? file : undefined;
}
