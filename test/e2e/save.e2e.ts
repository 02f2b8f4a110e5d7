// Keeping results in a real VS Code: Save Image from the preview (the whole grid, and quadrant 2
// cut from it), the files and their sidecar in the Explorer, "Track this task again" from a
// sidecar's CodeLens, and link expiry on simulator tasks with Discord-style links (the expiry is
// set where the test needs it: far, within the hour, past — no waiting for time).
// Screenshots (one per test, by the harness) land in test-results/screenshots/Save--*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import { cutQuadrant, decodeImage } from '../../src/core/imageCut';
import { normalizeTask } from '../../src/core/task';
import { readSidecar, Sidecar } from '../../src/core/sidecar';
import { API_KEY, PROVIDER, answerQuickInput, readmeShot, readyQuickInput, useWorkbench, waitFor, workbench } from './harness/index';
import { demoTask, pickTaskWith, previewFrame, taskJson, trackTask } from './previewHelpers';

/* eslint-disable @typescript-eslint/no-explicit-any */

const HOUR = 3600_000;

function savedFiles(): string[] {
  const dir = workbench.workspacePath('mj-images');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

async function explorerRows(): Promise<string[]> {
  return workbench.page.locator('.explorer-folders-view .monaco-list-row').evaluateAll((rows: any[]) => rows.map((r) => r.getAttribute('aria-label') ?? r.textContent ?? ''));
}

describe('Save', function () {
  this.timeout(180_000);
  useWorkbench();

  it('saves the whole grid and quadrant 2 from the preview, with sidecars, and shows them in the Explorer', async () => {
    const id = workbench.simulator.createTask({ prompt: 'a harbour at dawn, oil painting --ar 1:1', status: 'SUCCESS' });
    await trackTask(id);
    await workbench.closeAllEditors();
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame('Upscale image 2');
    const q2 = frame.locator('[data-action="save"][data-part="q2"]');
    await q2.waitFor({ timeout: 30_000 });

    // Click one: Save image 2. The first save in a workspace asks for the folder (mj-images/ offered).
    await q2.click();
    const asked = await workbench.waitForQuickInput({ placeholder: /Save Midjourney results/ });
    assert.strictEqual(asked.value, 'mj-images');
    await answerQuickInput('mj-images');
    const base = `a-harbour-at-dawn-oil-painting-${id}`;
    await waitFor(() => savedFiles().includes(`${base}-q2.json`), `${base}-q2.png and its sidecar in mj-images/`, 30_000);
    assert.ok(savedFiles().includes(`${base}-q2.png`), savedFiles().join(', '));

    // Quadrant 2 is the grid's top-right quarter, pixel for pixel.
    const gridUrl = taskJson(id).imageUrl;
    const grid = Buffer.from(await (await fetch(gridUrl)).arrayBuffer());
    const saved = decodeImage(fs.readFileSync(workbench.workspacePath(`mj-images/${base}-q2.png`)));
    const expected = decodeImage(cutQuadrant(grid, 2));
    assert.deepStrictEqual([saved.width, saved.height], [expected.width, expected.height]);
    assert.ok(Buffer.from(saved.data).equals(Buffer.from(expected.data)), 'the saved quadrant is the quarter of the grid');

    // The sidecar: the task, its buttons with meanings, the provider's name — never the key.
    const sidecarText = fs.readFileSync(workbench.workspacePath(`mj-images/${base}-q2.json`), 'utf8');
    assert.ok(!sidecarText.includes(API_KEY), 'the API key is not in the sidecar');
    const sidecar = JSON.parse(sidecarText) as Sidecar;
    assert.deepStrictEqual(readSidecar(sidecarText), { ok: true, ref: { taskId: id, provider: PROVIDER } });
    assert.strictEqual(sidecar.part, 'quadrant 2');
    assert.strictEqual(sidecar.cutLocally, true);
    assert.strictEqual(sidecar.sourceUrl, gridUrl);
    const u2 = sidecar.buttons.find((b) => b.label === 'U2');
    assert.ok(u2 && /^MJ::JOB::upsample::2::/.test(u2.customId) && u2.meaning === 'Upscale image 2', JSON.stringify(u2));

    // The preview says where it went; the saved image is open in VS Code's image preview.
    await waitFor(async () => (await frame.locator('.saved-to').innerText().catch(() => '')).includes(`${base}-q2.png`), 'the preview saying "Saved to …"');
    await waitFor(async () => (await workbench.page.locator('.editor-group-container .title', { hasText: `${base}-q2.png` }).count()) > 0, 'the saved image open in an editor');
    await waitFor(async () => (await workbench.page.locator('.editor-group-container .title', { hasText: `${base}-q2.png` }).innerText()).length > 0, 'its title');

    // The whole grid, saved the same way (no question the second time).
    await frame.locator('[data-action="save"][data-part="image"]').click();
    await waitFor(() => savedFiles().includes(`${base}.json`), `${base}.png and its sidecar`, 30_000);
    assert.ok(fs.readFileSync(workbench.workspacePath(`mj-images/${base}.png`)).equals(grid), 'the whole grid is saved as served');

    // The tree marks the task as saved.
    await workbench.openMjTasksView();
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes('harbour') && /saved/.test(r.description)), 'the row saying "saved"');

    // The Explorer shows the folder with both files and both sidecars.
    await workbench.runCommand('File: Focus on Files Explorer');
    await workbench.runCommand('Refresh Explorer');
    await waitFor(async () => (await explorerRows()).some((r) => r.startsWith('mj-images')), 'mj-images in the Explorer');
    const folder = workbench.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mj-images' }).first();
    if ((await folder.getAttribute('aria-expanded')) !== 'true') await folder.click();
    for (const name of [`${base}-q2.png`, `${base}-q2.json`, `${base}.png`, `${base}.json`]) {
      await waitFor(async () => (await explorerRows()).some((r) => r.includes(name)), `${name} in the Explorer`);
    }
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    await previewFrame(`${base}.png`);
    await readmeShot('save-quadrant');
  });

  it('saves a clip of a finished VIDEO task from the preview: the MP4 as served, with its sidecar', async () => {
    const id = demoTask(/finished VIDEO/);
    const url = normalizeTask(taskJson(id))?.videoUrls[0];
    assert.ok(url, 'the VIDEO demo task has a clip');
    await workbench.closeAllEditors();
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame(/Videos/);
    const save = frame.locator('[data-action="save"][data-part="video1"]');
    await save.waitFor({ timeout: 30_000 });
    const before = savedFiles();
    await save.click();
    // The folder is asked once per workspace (the test above answered it; asked here when this runs alone).
    const added = await waitFor(async () => {
      const state = await readyQuickInput(workbench.page);
      if (state && /Save Midjourney results/.test(`${state.placeholder}\n${state.ariaLabel}\n${state.title}`)) await answerQuickInput('mj-images');
      const now = savedFiles().filter((f) => !before.includes(f));
      return now.some((f) => f.endsWith('.mp4')) && now.some((f) => f.endsWith('.json')) ? now : undefined;
    }, 'the clip and its sidecar in mj-images/', 30_000);
    const mp4 = added.find((f) => f.endsWith('.mp4'))!;
    assert.ok(mp4.includes(id), `named with the task ID: ${mp4}`);
    const served = Buffer.from(await (await fetch(url)).arrayBuffer());
    assert.ok(fs.readFileSync(workbench.workspacePath(`mj-images/${mp4}`)).equals(served), 'the clip is saved as served');
    const sidecarText = fs.readFileSync(workbench.workspacePath(`mj-images/${mp4.replace(/\.mp4$/, '.json')}`), 'utf8');
    assert.ok(!sidecarText.includes(API_KEY), 'the API key is not in the sidecar');
    assert.deepStrictEqual(readSidecar(sidecarText), { ok: true, ref: { taskId: id, provider: PROVIDER } });
    const sidecar = JSON.parse(sidecarText) as Sidecar;
    assert.strictEqual(sidecar.part, 'video 1');
    assert.strictEqual(sidecar.sourceUrl, url);
    await waitFor(async () => (await frame.locator('.saved-to').innerText().catch(() => '')).includes(mp4), 'the preview saying "Saved to …"');
    await workbench.screenshot('Save', 'a video clip saved');
  });

  it('tracks a task again from its sidecar (CodeLens "Track this task again")', async () => {
    // A finished task the window does not track, and the sidecar a saved copy of it would have.
    const id = workbench.simulator.createTask({ prompt: 'a paper boat on a puddle', status: 'SUCCESS' });
    const sidecar = {
      kind: 'mj-tasks/saved-task', schemaVersion: 1, taskId: id, provider: PROVIDER, action: 'IMAGINE', status: 'SUCCESS',
      prompt: 'a paper boat on a puddle', promptEn: null, finalPrompt: null, seed: null, buttons: [], parentId: null, childrenIds: [],
      submitTime: null, startTime: null, finishTime: null, part: 'image', sourceUrl: 'https://example.invalid/a.png',
      file: 'a-paper-boat.png', cutLocally: false, savedAt: new Date().toISOString(),
    };
    await workbench.closeAllEditors();
    await workbench.writeFile('kept/a-paper-boat.json', `${JSON.stringify(sidecar, null, 2)}\n`);
    await workbench.openFile('kept/a-paper-boat.json');
    const lens = workbench.page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Track this task again' });
    await lens.waitFor({ timeout: 30_000 });
    assert.ok((await lens.innerText()).includes(id));
    await workbench.screenshot('Save', 'sidecar CodeLens');
    await lens.click();
    await previewFrame('a paper boat on a puddle');
    await workbench.openMjTasksView();
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes('paper boat')), 'the re-tracked task in the tree');
  });

  it('shows how long a Discord-style link lives, warns once when it is near, and says why an expired image does not load', async () => {
    const now = Date.now();
    const far = workbench.simulator.createTask({ prompt: 'a lantern festival, far expiry', status: 'SUCCESS', linkExpiresAt: now + 5 * HOUR + 10 * 60_000 });
    assert.match(taskJson(far).imageUrl, /\?ex=[0-9a-f]+&is=/);
    await trackTask(far);
    await pickTaskWith('MJ Tasks: Open in Preview', far);
    let frame = await previewFrame('link expires in 5 h');
    assert.strictEqual(await frame.locator('.link-expiry').innerText(), 'link expires in 5 h');

    // Within the hour and not saved: one quiet notification with Save, and a notice in the preview.
    const near = workbench.simulator.createTask({ prompt: 'a kite over dunes, near expiry', status: 'SUCCESS', linkExpiresAt: now + 40 * 60_000 });
    await trackTask(near);
    const warning = await workbench.waitForNotification(/kite over dunes.*is not saved and its link expires in (39|40) min/, 30_000);
    assert.ok(warning.buttons.includes('Save'), warning.buttons.join(', '));
    await pickTaskWith('MJ Tasks: Open in Preview', near);
    frame = await previewFrame(/Not saved, and the link expires in/);
    await workbench.screenshot('Save', 'link expiry near');

    // Past its expiry: said in plain words, the task asked for again, the image's failure explained.
    const dead = workbench.simulator.createTask({ prompt: 'a glass orchard, expired link', status: 'SUCCESS', linkExpiresAt: now - 2 * HOUR });
    await trackTask(dead);
    await workbench.waitForNotification(/glass orchard.*has expired/, 30_000);
    await pickTaskWith('MJ Tasks: Open in Preview', dead);
    frame = await previewFrame('glass orchard');
    await waitFor(async () => (await frame.locator('.main-image .image-failed').innerText().catch(() => '')).startsWith('Expired: the link expired 2 h ago'), 'the image saying it expired', 30_000);
    // A finished task is not polled: a second request for it is the fetch after expiry.
    await waitFor(() => workbench.simulator.requestLog().filter((r) => r.ids.includes(dead)).length >= 2, 'the task fetched again after expiry');
  });
});
