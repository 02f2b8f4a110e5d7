// Acting on tasks in a real VS Code: pressing a grid's U2 in the preview (confirmed on the first
// submit, "don't ask again" remembered), the child under its grid in the tree and its preview
// once it finishes; a double click that sends one request; a refusal in plain words; Cancel on
// the dialect that has it and the plain "not on this server" on the one that has not; the seed.
// Screenshots land in test-results/screenshots/Actions--*.png.
import * as assert from 'assert';
import type { Frame } from 'playwright-core';
import { startSimulator, type Simulator } from '../../src/simulator';
import { answerQuickInput, readmeShot, useWorkbench, waitFor, workbench } from './harness/index';
import { expectClipboard, pickTaskWith, previewFrame, trackTask } from './previewHelpers';

const RUN = `a${Date.now().toString(36)}`;
const ACTION = 'POST /mj/submit/action';
const DIALOG = '.monaco-dialog-box';

/** A finished grid on the run's simulator, tracked; its prompt names it in the tree. */
async function trackedGrid(word: string): Promise<{ id: string; prompt: string }> {
  const prompt = `${word} ${RUN}`;
  const id = workbench.simulator.createTask({ prompt, status: 'SUCCESS' });
  await trackTask(id);
  return { id, prompt };
}

/** The confirmation dialog, when one shows within a moment of a press; its text. */
async function dialogText(timeoutMs: number): Promise<string | null> {
  const box = workbench.page.locator(DIALOG);
  return waitFor(async () => ((await box.isVisible()) ? await box.innerText() : null), 'the confirmation dialog', timeoutMs).catch(() => null);
}

async function clickDialogButton(label: string): Promise<void> {
  await workbench.page.locator(`${DIALOG} .monaco-button`, { hasText: label }).first().click();
  await waitFor(async () => !(await workbench.page.locator(DIALOG).isVisible()), 'the dialog to close');
}

/** Confirms the first submit to the provider if this run has not said "don't ask again" yet. */
async function confirmIfAsked(): Promise<void> {
  if ((await dialogText(3000)) !== null) await clickDialogButton("Submit, Don't Ask Again");
}

/**
 * Switches mjTasks.confirmSubmits in the Settings editor as a person does, and waits until the
 * workbench holds the new value: the setting's "modified" mark shows while it is off (its default
 * is on) and goes when it is on again.
 */
async function setConfirmSubmits(on: boolean): Promise<void> {
  const body = await workbench.searchSettings('Preferences: Open User Settings', 'mjTasks.confirmSubmits');
  const item = body.locator('.setting-item-bool', { hasText: 'Confirm Submits' }).first();
  const checkbox = item.locator('.setting-value-checkbox').first();
  await checkbox.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await checkbox.getAttribute('aria-checked')) !== String(on)) await checkbox.click();
  await waitFor(async () => (await checkbox.getAttribute('aria-checked')) === String(on), `the Confirm Submits box ${on ? 'checked' : 'unchecked'}`);
  await waitFor(
    async () => (await item.locator('.setting-item-contents.is-configured').count()) === (on ? 0 : 1),
    `mjTasks.confirmSubmits ${on ? 'back to its default' : 'set off'} in the user settings`,
  );
  await workbench.closeAllEditors();
}

async function childIdsIn(frame: Frame): Promise<string[]> {
  return frame.locator('.family-children .family-link').evaluateAll((els) => els.map((e) => (e as { dataset: { taskId: string } }).dataset.taskId));
}

describe('Actions', function () {
  this.timeout(180_000);
  useWorkbench();

  it('presses U2 of a grid in the preview: asked once, the child appears under the grid, finishes, and its preview shows', async () => {
    const grid = await trackedGrid('a harbour at dawn');
    await pickTaskWith('MJ Tasks: Open in Preview', grid.id);
    const frame = await previewFrame('Upscale image 2');
    workbench.simulator.resetCounts();
    await frame.locator('.quadrant-cell.q2 [data-action="press"]', { hasText: 'U2' }).click();

    // The first submit to a provider asks, naming the action in plain words and the provider.
    const text = await dialogText(15_000);
    assert.ok(text, 'the first submit asks for confirmation');
    assert.match(text, /Submit "Upscale image 2" to Simulator\?/);
    assert.match(text, /billed/);
    await workbench.screenshot('Actions', 'the first submit asks');
    await readmeShot('actions-confirm');
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION] ?? 0, 0, 'nothing is sent before the answer');
    await clickDialogButton("Submit, Don't Ask Again");

    const [childId] = await waitFor(async () => {
      const ids = await childIdsIn(frame);
      return ids.length ? ids : null;
    }, 'the child listed in the grid\'s preview');
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION], 1, 'one press, one request');

    // In the tree, the child sits under its grid.
    const rows = await waitFor(async () => {
      const all = await workbench.treeRows();
      const parent = all.findIndex((r) => r.text.includes(grid.prompt) && /IMAGINE/.test(r.text));
      const child = all.findIndex((r) => r.text.includes(grid.prompt) && /UPSCALE/.test(r.text));
      return parent >= 0 && child === parent + 1 && all[child].level === all[parent].level + 1 ? all : null;
    }, 'the UPSCALE row nested under its grid', 30_000);
    assert.ok(rows.length >= 2);

    workbench.simulator.completeTask(childId);
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(grid.prompt) && /UPSCALE/.test(r.text) && r.icons.includes('pass')), 'the child finished in the tree', 30_000);
    await workbench.screenshot('Actions', 'the child under its grid');
    await readmeShot('actions-family-tree');

    await frame.locator('.family-children .family-link', { hasText: 'Upscale image 2' }).click();
    const childFrame = await previewFrame('Zoom out 2×');
    assert.match(await childFrame.locator('.family-parent .family-link').innerText(), new RegExp(grid.id));
    await workbench.screenshot('Actions', 'the child preview with its parent link');
    await readmeShot('actions-child-preview');

    // "Don't ask again" is remembered: the next press goes straight out.
    workbench.simulator.resetCounts();
    await childFrame.locator('li.button-row', { hasText: 'Zoom out 2×' }).locator('[data-action="press"]').click();
    await waitFor(async () => (await childIdsIn(childFrame)).length === 1, 'the zoom-out listed under the upscale', 30_000);
    assert.strictEqual(await workbench.page.locator(DIALOG).isVisible(), false, 'no second question');
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION], 1);
  });

  it('a double click on Press sends one request (the simulator counts them)', async () => {
    const grid = await trackedGrid('twin lanterns');
    await pickTaskWith('MJ Tasks: Open in Preview', grid.id);
    const frame = await previewFrame('Upscale image 1');
    workbench.simulator.resetCounts();
    await frame.locator('.quadrant-cell.q1 [data-action="press"]', { hasText: 'U1' }).dblclick();
    await confirmIfAsked();
    await waitFor(async () => (await childIdsIn(frame)).length === 1, 'the one child listed');
    // The control comes back once the answer is in; by then both clicks have been handled.
    await waitFor(async () => frame.locator('.quadrant-cell.q1 [data-action="press"]', { hasText: 'U1' }).isEnabled(), 'the U1 control enabled again');
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION], 1, 'a double click is one request');
    assert.strictEqual((await childIdsIn(frame)).length, 1);
  });

  it('a refusal is said in plain words and nothing is tracked', async () => {
    const grid = await trackedGrid('a full queue');
    await pickTaskWith('MJ Tasks: Open in Preview', grid.id);
    const frame = await previewFrame('Upscale image 3');
    workbench.simulator.setFaults([{ kind: 'refusal', path: ACTION, code: 23, description: '队列已满，请稍后尝试', times: 1 }]);
    try {
      await frame.locator('.quadrant-cell.q3 [data-action="press"]', { hasText: 'U3' }).click();
      await confirmIfAsked();
      const n = await workbench.waitForNotification(/did not accept "Upscale image 3": the queue is full\. Nothing was tracked\./, 20_000);
      assert.strictEqual(n.severity, 'error');
    } finally {
      workbench.simulator.clearFaults();
    }
    assert.deepStrictEqual(await childIdsIn(frame), []);
    await workbench.screenshot('Actions', 'queue full, in plain words');
  });

  it('presses a button from the tree\'s context menu, picked by what it does', async () => {
    const grid = await trackedGrid('a paper crane');
    workbench.simulator.resetCounts();
    await workbench.contextMenu(workbench.treeRow(grid.prompt), 'Press Button…');
    await workbench.waitForQuickInput({ placeholder: /Press which button/ });
    await workbench.pickQuickInputRow('Vary image 4');
    await confirmIfAsked();
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(grid.prompt) && /VARIATION/.test(r.text)), 'the VARIATION row', 30_000);
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION], 1);
  });

  it('goes straight out with mjTasks.confirmSubmits off; on again, it asks again, and Cancel sends nothing', async () => {
    const grid = await trackedGrid('a kite on a string');
    const pressFromTree = async (label: string) => {
      await workbench.contextMenu(workbench.treeRow(grid.prompt), 'Press Button…');
      await workbench.waitForQuickInput({ placeholder: /Press which button/ });
      await workbench.pickQuickInputRow(label);
    };
    const variations = async () => (await workbench.treeRows()).filter((r) => r.text.includes(grid.prompt) && /VARIATION/.test(r.text)).length;

    await setConfirmSubmits(false);
    workbench.simulator.resetCounts();
    await pressFromTree('Vary image 1');
    await waitFor(async () => (await variations()) === 1, 'the first VARIATION row', 30_000);
    assert.strictEqual(await workbench.page.locator(DIALOG).isVisible(), false, 'no question while the setting is off');

    // On again: whatever was said before ("don't ask again" above) is forgotten.
    await setConfirmSubmits(true);
    await pressFromTree('Vary image 2');
    assert.ok(await dialogText(15_000), 'asked again once the setting is back on');
    await workbench.screenshot('Actions', 'asked again after confirmSubmits is turned back on');
    await clickDialogButton('Cancel');
    // Cancelled: not remembered either, so the next press asks again; then one request goes out.
    await pressFromTree('Vary image 2');
    assert.ok(await dialogText(15_000), 'asked again after a Cancel');
    await clickDialogButton("Submit, Don't Ask Again");
    await waitFor(async () => (await variations()) === 2, 'the second VARIATION row', 30_000);
    assert.strictEqual(workbench.simulator.requestCounts()[ACTION], 2, 'one request per confirmed press, none for the cancelled one');
  });

  it('gets the seed of a finished task and copies it', async () => {
    const grid = await trackedGrid('a seed pod');
    await workbench.contextMenu(workbench.treeRow(grid.prompt), 'Get Image Seed');
    const n = await workbench.waitForNotification(new RegExp(`Seed of task ${grid.id}: \\d+`), 20_000);
    const seed = /: (\d+)$/.exec(n.message)?.[1];
    assert.ok(seed, n.message);
    await workbench.screenshot('Actions', 'the seed');
    await workbench.page.locator('.notification-toast .monaco-button', { hasText: 'Copy' }).first().click();
    await expectClipboard(seed);
  });

  describe('Cancel', () => {
    let trueai: Simulator;
    before(async () => {
      trueai = await startSimulator({ port: 0, dialect: 'trueai', apiKey: 'trueai-cancel-key', frozen: true });
    });
    const added: string[] = [];
    const trackedThere: string[] = [];
    after(async () => {
      // Leave one provider, as the other suites expect (Track Task asks for a provider when there are two).
      for (const prompt of trackedThere) await workbench.contextMenu(workbench.treeRow(prompt), 'Stop Tracking');
      for (const name of added) {
        await workbench.runCommand('MJ Tasks: Remove Provider…');
        await workbench.waitForQuickInput({ placeholder: /Remove which provider/ });
        await answerQuickInput(name, { enter: false });
        await workbench.pickQuickInputRow(name);
        const dialog = workbench.page.locator(DIALOG);
        await dialog.waitFor({ state: 'visible' });
        await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await trueai.close();
    });

    it('says plainly that this server (newapi) has no cancel', async () => {
      const prompt = `a slow river ${RUN}`;
      const id = workbench.simulator.createTask({ prompt, status: 'IN_PROGRESS', progress: 30, frozen: true });
      await trackTask(id);
      await workbench.contextMenu(workbench.treeRow(prompt), 'Cancel Task');
      const n = await workbench.waitForNotification(/Simulator has no way to cancel a task \(its server has no cancel endpoint\)/, 20_000);
      assert.match(n.message, new RegExp(`task ${id} runs on`));
      assert.strictEqual(workbench.simulator.getTaskStatus(id), 'IN_PROGRESS');
    });

    it('cancels a running task on a trueai server', async () => {
      const name = `Cancel trueai ${RUN}`;
      await workbench.runCommand('MJ Tasks: Add Provider…');
      for (const [step, text] of [['1/4', name], ['2/4', trueai.url]]) {
        await workbench.waitForQuickInput({ placeholder: new RegExp(step.replace('/', '\\/')) });
        await answerQuickInput(text);
      }
      await workbench.waitForQuickInput({ placeholder: /3\/4/ });
      await workbench.pickQuickInputRow(/^Authorization: <key>$/);
      await workbench.waitForQuickInput({ placeholder: /4\/4/ });
      await answerQuickInput('trueai-cancel-key');
      added.push(name);
      await workbench.waitForNotification(new RegExp(`${name}: OK`), 30_000);

      const prompt = `a comet ${RUN}`;
      const id = trueai.createTask({ prompt, status: 'IN_PROGRESS', progress: 50, frozen: true });
      await workbench.runCommandWithInput('MJ Tasks: Track Task…', id);
      await workbench.page.keyboard.press('Enter');
      await workbench.waitForQuickInput({ placeholder: /provider/i });
      await workbench.pickQuickInputRow(name);
      await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt)), 'the trueai task in the tree', 30_000);
      trackedThere.push(prompt);

      await workbench.contextMenu(workbench.treeRow(prompt), 'Cancel Task');
      await waitFor(() => trueai.getTaskStatus(id) === 'FAILURE', 'the server cancelled it (trueai marks it FAILURE)', 20_000);
      await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt) && r.icons.includes('error')), 'the row shows it ended', 30_000);
      await workbench.screenshot('Actions', 'cancelled on trueai');
    });
  });
});
