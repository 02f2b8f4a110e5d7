import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEV_SETUP_VARIABLE, devSetupFile } from '../../src/providers/devSetupFile';

describe('the development setup (MJ_TASKS_DEV_SETUP)', () => {
  let root: string;
  let checkout: string;
  let installed: string;
  const env = { [DEV_SETUP_VARIABLE]: '/tmp/dev-setup.json' };

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-dev-setup-'));
    // A source checkout linked in as an extension, and an installed .vsix (what runs, no sources).
    checkout = path.join(root, 'checkout');
    fs.mkdirSync(path.join(checkout, 'src'), { recursive: true });
    fs.writeFileSync(path.join(checkout, 'src', 'extension.ts'), '');
    installed = path.join(root, 'mj-tasks.mj-tasks-0.1.0');
    fs.mkdirSync(path.join(installed, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(installed, 'dist', 'extension.js'), '');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('is ignored by an installed extension, even with the variable set', () => {
    assert.strictEqual(devSetupFile({ env, production: true, extensionPath: installed }), undefined);
  });

  it('applies in development and test mode', () => {
    assert.strictEqual(devSetupFile({ env, production: false, extensionPath: installed }), env[DEV_SETUP_VARIABLE]);
    assert.strictEqual(devSetupFile({ env, production: false, extensionPath: checkout }), env[DEV_SETUP_VARIABLE]);
  });

  it('applies to a linked source checkout (npm start, the E2E suites), which VS Code runs in production mode', () => {
    assert.strictEqual(devSetupFile({ env, production: true, extensionPath: checkout }), env[DEV_SETUP_VARIABLE]);
  });

  it('is nothing without the variable, in any mode', () => {
    for (const production of [true, false]) assert.strictEqual(devSetupFile({ env: {}, production, extensionPath: checkout }), undefined);
  });
});
