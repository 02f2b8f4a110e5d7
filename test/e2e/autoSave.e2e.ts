// Keeping results without the preview: auto-save (mjTasks.autoSave on, two running tasks finished
// together by the test, both saved with sidecars, one notification for the batch) and "Save
// Image…" from a succeeded task's row in the tree. The setting is turned on through the workspace
// settings file and seen on in the Settings editor before anything finishes; it is off again, the
// tasks untracked and the files removed afterwards, for the suites that run after this one.
// The tree's Save Image asks for the save folder once per workspace, and the Save suite checks
// that question on the run's workspace: this test saves from a second window on a folder of its own.
// Screenshots (one per test, by the harness) land in test-results/screenshots/Auto-save--*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readSidecar } from '../../src/core/sidecar';
import { API_KEY, PROVIDER, RUN_DIR, answerQuickInput, openSecondWindow, trackTasks, useWorkbench, waitFor, workbench } from './harness/index';
import type { SecondWindow } from './harness/index';
import { taskJson } from './previewHelpers';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SETTINGS = '.vscode/settings.json';
const RUN = Date.now().toString(36);

function filesIn(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

async function explorerRows(): Promise<string[]> {
  return workbench.page.locator('.explorer-folders-view .monaco-list-row').evaluateAll((rows: any[]) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

/** The Explorer shows `folder` opened, with every one of `names` in it. */
async function expectInExplorer(folder: string, names: string[]): Promise<void> {
  await workbench.runCommand('File: Focus on Files Explorer');
  await workbench.runCommand('Refresh Explorer');
  await waitFor(async () => (await explorerRows()).some((r) => r.startsWith(folder)), `${folder} in the Explorer`);
  const row = workbench.page.locator('.explorer-folders-view .monaco-list-row', { hasText: folder }).first();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  for (const name of names) {
    await waitFor(async () => (await explorerRows()).some((r) => r.includes(name)), `${name} in the Explorer`);
  }
}

/** The Settings editor on the workspace's mjTasks.autoSave; resolves once its checkbox shows `on`. */
async function expectAutoSaveShown(on: boolean): Promise<void> {
  const body = await workbench.searchSettings('Preferences: Open Workspace Settings', 'mjTasks.autoSave');
  const checkbox = body.locator('.setting-item-bool', { hasText: 'Auto Save' }).locator('.setting-value-checkbox').first();
  await waitFor(async () => (await checkbox.getAttribute('aria-checked').catch(() => null)) === String(on), `the Settings editor showing Auto Save ${on ? 'on' : 'off'}`, 30_000);
}

/** The saved task's sidecar names it and its provider, and holds no key. */
function expectSidecar(file: string, id: string): void {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(!text.includes(API_KEY), 'the API key is not in the sidecar');
  assert.deepStrictEqual(readSidecar(text), { ok: true, ref: { taskId: id, provider: PROVIDER } });
  assert.strictEqual(JSON.parse(text).part, 'image');
}

describe('Auto-save', function () {
  this.timeout(240_000);
  useWorkbench();

  const saveDir = () => workbench.workspacePath('mj-images');
  let settingsBefore: string | undefined;
  let hadVscodeDir = false;
  let hadSaveDir = false;
  let created: string[] = [];
  const tracked: string[] = [];

  before(() => {
    const file = workbench.workspacePath(SETTINGS);
    settingsBefore = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    hadVscodeDir = fs.existsSync(path.dirname(file));
    hadSaveDir = fs.existsSync(saveDir());
  });

  after(async function () {
    this.timeout(60_000);
    const file = workbench.workspacePath(SETTINGS);
    if (settingsBefore === undefined) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, settingsBefore);
    if (!hadVscodeDir && fs.existsSync(path.dirname(file)) && filesIn(path.dirname(file)).length === 0) fs.rmdirSync(path.dirname(file));
    for (const f of created) fs.rmSync(f, { force: true });
    if (!hadSaveDir && fs.existsSync(saveDir()) && filesIn(saveDir()).length === 0) fs.rmdirSync(saveDir());
    await workbench.closeAllEditors();
    await workbench.openMjTasksView();
    for (const prompt of tracked) {
      if ((await workbench.treeRows()).some((r) => r.text.includes(prompt))) await workbench.contextMenu(workbench.treeRow(prompt), 'Stop Tracking');
      await waitFor(async () => !(await workbench.treeRows()).some((r) => r.text.includes(prompt)), `${prompt} untracked`);
    }
  });

  it('saves every task that succeeds, with sidecars, and says so once for the batch', async () => {
    const prompts = [`a tide pool ${RUN}`, `a salt marsh ${RUN}`];
    const ids = prompts.map((prompt) => workbench.simulator.createTask({ prompt, status: 'IN_PROGRESS', progress: 40, frozen: true }));
    await workbench.openMjTasksView();
    await trackTasks(ids.join(' '));
    tracked.push(...prompts);
    for (const p of prompts) await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(p) && /40%/.test(r.description)), `${p} running at 40 %`);

    // The user turns auto-save on for this workspace; the Settings editor shows it on.
    await workbench.writeFile(SETTINGS, `${JSON.stringify({ 'mjTasks.autoSave': true }, null, 2)}\n`);
    await expectAutoSaveShown(true);
    await workbench.screenshot('Auto-save', 'the setting on');

    // Both finish in the same poll round: both are saved, whole image and sidecar, without a question.
    const before = filesIn(saveDir());
    for (const id of ids) workbench.simulator.completeTask(id, 'SUCCESS');
    const expected = ids.flatMap((id) => [`${id}.png`, `${id}.json`]);
    await waitFor(() => expected.every((end) => filesIn(saveDir()).some((f) => f.endsWith(end))), `both images and sidecars in mj-images/`, 60_000);
    const fresh = filesIn(saveDir()).filter((f) => !before.includes(f));
    created = fresh.map((f) => path.join(saveDir(), f));
    assert.strictEqual(fresh.length, 4, `two images and two sidecars: ${fresh.join(', ')}`);
    for (const id of ids) {
      const png = fresh.find((f) => f.endsWith(`${id}.png`))!;
      const served = Buffer.from(await (await fetch(taskJson(id).imageUrl)).arrayBuffer());
      assert.ok(fs.readFileSync(path.join(saveDir(), png)).equals(served), `${png} is the image as served`);
      expectSidecar(path.join(saveDir(), png.replace(/\.png$/, '.json')), id);
    }

    // One notification for the batch, naming both files; none per task.
    await workbench.waitForNotification('Auto-saved 2 files and their sidecars.', 30_000);
    await workbench.screenshot('Auto-save', 'the batch notification');
    const told = (await workbench.notifications({ openCentre: true })).filter((n) => /Auto-saved/.test(n.message));
    await workbench.dismissOverlays();
    assert.deepStrictEqual(
      [...new Set(told.map((n) => n.message))],
      ['Auto-saved 2 files and their sidecars.'],
      `one auto-save notification: ${JSON.stringify(told)}`,
    );

    // The tree marks both as saved; the Explorer shows the four files.
    await workbench.openMjTasksView();
    for (const p of prompts) await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(p) && /saved/.test(r.description)), `${p} marked saved`);
    await expectInExplorer('mj-images', fresh);
    await workbench.screenshot('Auto-save', 'both saved');

    // Off again: the Settings editor shows it off.
    if (settingsBefore === undefined) fs.rmSync(workbench.workspacePath(SETTINGS), { force: true });
    else fs.writeFileSync(workbench.workspacePath(SETTINGS), settingsBefore);
    await expectAutoSaveShown(false);
    await workbench.closeAllEditors();
  });

  describe('from the tree', () => {
    let second: SecondWindow | undefined;
    const folder = path.join(RUN_DIR, `save-from-tree-${RUN}`);

    after(async function () {
      this.timeout(30_000);
      if (second && !second.page.isClosed()) await second.close();
      fs.rmSync(folder, { recursive: true, force: true });
    });

    it('saves the whole grid and its sidecar from a succeeded row\'s "Save Image…"', async () => {
      const prompt = `a kelp forest ${RUN}`;
      const id = workbench.simulator.createTask({ prompt: `${prompt} --ar 1:1`, status: 'SUCCESS' });
      await workbench.openMjTasksView();
      await trackTasks(id);
      tracked.push(prompt);
      await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt)), `${prompt} in the tree`);

      // A window on a folder of its own (its first save asks where to save); the tracked list is shared.
      fs.mkdirSync(folder, { recursive: true });
      second = await openSecondWindow(`folder=${encodeURIComponent(folder)}`);
      await second.use(async () => {
        await workbench.openMjTasksView();
        await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt)), `${prompt} in the second window's tree`, 30_000);
        await workbench.contextMenu(workbench.treeRow(prompt), 'Save Image…');
        await workbench.waitForQuickInput({ placeholder: /Save which image/ });
        await workbench.pickQuickInputRow('Whole grid');
        const asked = await workbench.waitForQuickInput({ placeholder: /Save Midjourney results/ });
        assert.strictEqual(asked.value, 'mj-images');
        await answerQuickInput('mj-images');
        const dir = path.join(folder, 'mj-images');
        await waitFor(() => filesIn(dir).some((f) => f.endsWith(`${id}.json`)), 'the grid and its sidecar in mj-images/', 30_000);
        const files = filesIn(dir);
        assert.deepStrictEqual(files.map((f) => f.slice(f.indexOf(id))), [`${id}.json`, `${id}.png`], files.join(', '));
        const png = files.find((f) => f.endsWith('.png'))!;
        const served = Buffer.from(await (await fetch(taskJson(id).imageUrl)).arrayBuffer());
        assert.ok(fs.readFileSync(path.join(dir, png)).equals(served), 'the whole grid is saved as served');
        expectSidecar(path.join(dir, files.find((f) => f.endsWith('.json'))!), id);

        // On screen: the saved grid open in an editor, the row saying "saved", both files in the Explorer.
        await waitFor(async () => (await workbench.page.locator('.editor-group-container .title', { hasText: png }).count()) > 0, 'the saved grid open in an editor');
        await workbench.openMjTasksView();
        await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt) && /saved/.test(r.description)), 'the row saying "saved"');
        await expectInExplorer('mj-images', files);
        await workbench.screenshot('Auto-save', 'Save Image from the tree');
      });
    });
  });
});
