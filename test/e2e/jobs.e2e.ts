// New jobs and follow-up answers in a real VS Code against the simulator: Imagine from the
// palette (with a reference image from the workspace, recent prompts offered again), a banned
// prompt's word shown, Describe from the Explorer's context menu (its preview lists the prompts),
// Blend of two files selected in the Explorer, Shorten of the prompt selected in an editor, a
// remix variation's MODAL task answered from its row with the prompt prefilled, and Vary (Region)
// with a rectangle drawn in the preview — the mask the simulator receives decoded pixel for pixel.
// Screenshots (one per test, by the harness) land in test-results/screenshots/Jobs--*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import { decodePng, MASK_DATA_URL_PREFIX } from '../../src/core/maskPng';
import { encodePng } from '../../src/simulator/png';
import type { LoggedRequest } from '../../src/simulator/types';
import { answerQuickInput, useWorkbench, waitFor, workbench } from './harness/index';
import { previewFrame } from './previewHelpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

/** A small PNG the tests put into the workspace (the simulator's own encoder: a real, decodable image). */
function writePng(rel: string, width: number, height: number, rgb: [number, number, number]): Buffer {
  const px = new Uint8Array(width * height * 3);
  for (let i = 0; i < px.length; i += 3) px.set(rgb, i);
  const png = encodePng(width, height, px);
  fs.writeFileSync(workbench.workspacePath(rel), png);
  return png;
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

function submitsTo(kind: string): LoggedRequest[] {
  return workbench.simulator.requestLog().filter((r) => r.key === `POST /mj/submit/${kind}`);
}

/**
 * Waits until the simulator got one more `kind` submit than `before`, confirming the first-submit
 * question (a modal dialog, asked once per provider and session) if it comes. Returns that request.
 */
async function sentOnce(kind: string, before: number): Promise<LoggedRequest> {
  const page = workbench.page;
  await waitFor(
    async () => {
      if (submitsTo(kind).length > before) return true;
      const submit = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Submit$/ });
      if (await submit.isVisible().catch(() => false)) await submit.click();
      return false;
    },
    `one /mj/submit/${kind} request`,
    30_000,
  );
  const sent = submitsTo(kind);
  assert.strictEqual(sent.length, before + 1, `exactly one /mj/submit/${kind}`);
  return sent[sent.length - 1];
}

/** Presses a button of `taskId` the way the user's own code would: straight to the simulator. Returns the answer's task ID. */
async function pressFromOwnCode(taskId: string, customId: string): Promise<{ code: number; id: string }> {
  const sim = workbench.simulator;
  const res = await fetch(`${sim.url}/mj/submit/action`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sim.apiKey}` },
    body: JSON.stringify({ taskId, customId }),
  });
  const text = await res.text();
  return { code: (JSON.parse(text) as { code: number }).code, id: /"result":"?(\d+)/.exec(text)?.[1] ?? '' };
}

function buttonOf(taskId: string, label: string): string {
  const b = (workbench.simulator.getTaskJson(taskId) as { buttons: Array<{ customId: string; label: string }> }).buttons.find((x) => x.label === label);
  assert.ok(b, `${label} on ${taskId}`);
  return b.customId;
}

/** The task's row in our tree once its first poll shows `icon` (pass, comment-discussion…). */
async function taskRow(prompt: string, action: RegExp, icon: string) {
  await waitFor(
    async () => (await workbench.treeRows()).some((r) => r.text.includes(prompt) && action.test(r.text) && r.icons.includes(icon)),
    `the ${String(action)} task "${prompt}" in the tree with the ${icon} icon`,
    30_000,
  );
  return workbench.page.locator('[id="workbench.view.extension.mjTasks"] .pane-body .monaco-list-row').filter({ hasText: prompt }).filter({ hasText: action }).first();
}

/** The Explorer's row for a workspace file. */
async function explorerRow(name: string) {
  const page = workbench.page;
  await workbench.runCommand('View: Show Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible' });
  return row;
}


describe('Jobs', function () {
  this.timeout(180_000);
  useWorkbench();

  it('Imagine from the palette: the prompt, a reference image from the workspace, one request; the prompt is offered again', async () => {
    const png = writePng('ref-red.png', 8, 8, [220, 40, 40]);
    await workbench.openMjTasksView();
    // The user is writing code: the submit shows its task in the tree and leaves the keyboard there.
    await workbench.writeFile('imagine-notes.txt', 'notes\n');
    await workbench.openFile('imagine-notes.txt');
    const before = submitsTo('imagine').length;
    await workbench.runCommand('MJ Tasks: Imagine…');
    await workbench.waitForQuickInput({ placeholder: /Type a prompt/ });
    await answerQuickInput('a paper boat on a quiet lake --ar 3:2');
    await workbench.waitForQuickInput({ placeholder: /Reference images/ });
    const row = workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ref-red.png' });
    await row.locator('.monaco-checkbox, input[type=checkbox]').first().click();
    await workbench.page.locator('.quick-input-widget input').first().press('Enter');
    const sent = await sentOnce('imagine', before);
    assert.deepStrictEqual(sent.body, { prompt: 'a paper boat on a quiet lake --ar 3:2', base64Array: [dataUrl(png)] });
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes('a paper boat on a quiet lake') && r.selected), 'the new task selected in the tree');
    const focusInEditor = await workbench.page.evaluate(() => !!document.activeElement?.closest('.editor-instance .monaco-editor'));
    assert.ok(focusInEditor, 'the keyboard stays in the editor after the submit');

    // The prompt is remembered: the next Imagine offers it.
    await workbench.runCommand('MJ Tasks: Imagine…');
    await workbench.waitForQuickInput({ placeholder: /Type a prompt/ });
    await waitFor(async () => (await workbench.quickInputRows()).some((r) => r.includes('a paper boat on a quiet lake --ar 3:2')), 'the recent prompt offered');
    await workbench.screenshot('Jobs', 'Imagine offers the recent prompt');
    await workbench.closeQuickInput();
  });

  it('a banned prompt is refused with the banned word shown, and nothing is tracked', async () => {
    await workbench.openMjTasksView();
    const rowsBefore = (await workbench.treeRows()).length;
    const before = submitsTo('imagine').length;
    await workbench.runCommand('MJ Tasks: Imagine…');
    await workbench.waitForQuickInput({ placeholder: /Type a prompt/ });
    await answerQuickInput('a forbidden fruit --banned');
    // The workspace holds images by now: the reference question comes; none is an answer.
    await workbench.waitForQuickInput({ placeholder: /Reference images/ });
    await workbench.page.locator('.quick-input-widget input').first().press('Enter');
    await sentOnce('imagine', before);
    const note = await workbench.waitForNotification(/banned word: banned/);
    assert.match(note.message, /did not accept "Imagine": the prompt was banned \(banned word: banned\)/);
    assert.strictEqual(submitsTo('imagine').length, before + 1, 'not retried');
    assert.strictEqual((await workbench.treeRows()).length, rowsBefore, 'nothing new tracked');
  });

  it('Describe from the Explorer: the image is sent as a data URL and the preview lists the four prompts', async () => {
    const png = writePng('fox.png', 16, 12, [200, 120, 30]);
    const before = submitsTo('describe').length;
    const row = await explorerRow('fox.png');
    await workbench.contextMenu(row, 'Describe Image');
    const sent = await sentOnce('describe', before);
    assert.deepStrictEqual(sent.body, { base64: dataUrl(png) });
    const frame = await previewFrame(/DESCRIBE|Describe/);
    const id = await frame.evaluate(() => document.querySelector('main#app')?.textContent?.match(/\d{16,19}/)?.[0] ?? '');
    assert.ok(workbench.simulator.getTaskStatus(id), `the preview shows the new task (${id})`);
    workbench.simulator.completeTask(id, 'SUCCESS');
    const first = ((workbench.simulator.getTaskJson(id) as { promptEn: string }).promptEn.split('\n')[0] ?? '').replace(/^1️⃣\s*/, '').trim();
    const done = await previewFrame(first.slice(0, 40), 30_000);
    assert.strictEqual(await done.locator('.prompts li, ol li').count(), 4, 'four numbered prompts');
  });

  it('Blend two images selected in the Explorer, with the shape asked', async () => {
    const a = writePng('blend-a.png', 8, 8, [10, 200, 10]);
    const b = writePng('blend-b.png', 8, 8, [10, 10, 200]);
    const before = submitsTo('blend').length;
    const rowA = await explorerRow('blend-a.png');
    const rowB = workbench.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'blend-b.png' }).first();
    // The first click opens blend-a in an image preview, which can take the focus before the
    // Ctrl+click lands (then it selects blend-b alone), or before the right-click: select again
    // until both are selected and their menu offers Blend.
    await waitFor(async () => {
      const selected = await workbench.page.locator('.explorer-folders-view .monaco-list-row.selected').allInnerTexts();
      if (!(selected.some((t) => t.includes('blend-a.png')) && selected.some((t) => t.includes('blend-b.png')))) {
        await rowA.click();
        await rowB.click({ modifiers: ['Control'] });
        return false;
      }
      if ((await workbench.contextMenuItems(rowB)).includes('Blend Images…')) return true;
      await workbench.dismissOverlays();
      return false;
    }, 'both images selected in the Explorer, and Blend Images… in their menu');
    await workbench.chooseMenuItem('Blend Images…');
    await workbench.waitForQuickInput({ placeholder: /shape of the blended image/ });
    await workbench.pickQuickInputRow(/Portrait/);
    const sent = await sentOnce('blend', before);
    assert.deepStrictEqual(sent.body, { base64Array: [dataUrl(a), dataUrl(b)], dimensions: 'PORTRAIT' });
  });

  it('Shorten the prompt selected in the editor, from its context menu', async () => {
    await workbench.writeFile('prompt.txt', 'an extremely detailed oil painting of a small red fox sleeping in fresh snow under pine trees --ar 3:2\n');
    await workbench.closeAllEditors();
    await workbench.openFile('prompt.txt');
    await workbench.selectAll();
    const before = submitsTo('shorten').length;
    const editor = workbench.page.locator('.editor-instance .view-lines').first();
    await workbench.contextMenu(editor, 'Shorten Prompt');
    const sent = await sentOnce('shorten', before);
    assert.deepStrictEqual(sent.body, { prompt: 'an extremely detailed oil painting of a small red fox sleeping in fresh snow under pine trees --ar 3:2' });
  });

  it('a remix variation tracked by ID waits in MODAL; answered from its row, the prompt is prefilled and the edited one is sent', async () => {
    const sim = workbench.simulator;
    sim.setRemix(true);
    try {
      const grid = sim.createTask({ prompt: 'a red fox in a meadow', frozen: true });
      sim.completeTask(grid, 'SUCCESS');
      // The user's own code pressed V2 (new-api answers code 1 for it: only the task's status says it waits).
      const v2 = await pressFromOwnCode(grid, buttonOf(grid, 'V2'));
      assert.strictEqual(v2.code, 1);
      const modalId = v2.id;
      assert.strictEqual(sim.getTaskStatus(modalId), 'MODAL');

      await workbench.openMjTasksView();
      await workbench.runCommandWithInput('MJ Tasks: Track Task…', modalId);
      await workbench.page.keyboard.press('Enter');
      const row = await taskRow('a red fox in a meadow', /VARIATION/, 'comment-discussion');
      await workbench.contextMenu(row, 'Answer Follow-up…');
      await workbench.waitForQuickInput({ placeholder: /What does this task wait for/ });
      await workbench.pickQuickInputRow(/Answer with a prompt/);
      // The input box by its own title: the pick can still show for a moment after the click.
      const box = await workbench.waitForQuickInput({ placeholder: /Follow-up of task/ });
      assert.strictEqual(box.value, 'a red fox in a meadow --v 7', 'prefilled with the final prompt');
      await workbench.screenshot('Jobs', 'remix prompt prefilled');
      const before = submitsTo('modal').length;
      await answerQuickInput('a red fox in a snowy meadow --v 7');
      const sent = await sentOnce('modal', before);
      assert.deepStrictEqual(sent.body, { taskId: modalId, prompt: 'a red fox in a snowy meadow --v 7' });
      assert.strictEqual(sim.getTaskStatus(modalId), 'NOT_START', 'the task left MODAL');
    } finally {
      sim.setRemix(false);
    }
  });

  it('Vary (Region): a rectangle drawn over the image in the preview reaches the simulator as a mask PNG of the image\'s size', async () => {
    const sim = workbench.simulator;
    const up = sim.createTask({ action: 'UPSCALE', prompt: 'a lighthouse on a black rock', status: 'SUCCESS' });
    const region = await pressFromOwnCode(up, buttonOf(up, 'Vary (Region)'));
    assert.strictEqual(region.code, 21, 'new-api keeps code 21 for Vary (Region)');
    await workbench.openMjTasksView();
    await workbench.runCommandWithInput('MJ Tasks: Track Task…', `${up} ${region.id}`);
    await workbench.page.keyboard.press('Enter');
    await taskRow('a lighthouse on a black rock', /UPSCALE/, 'pass');
    const row = await taskRow('a lighthouse on a black rock', /INPAINT/, 'comment-discussion');
    await workbench.contextMenu(row, 'Answer Follow-up…');
    // Tracked by ID on new-api, nothing names the parent: the user picks the image.
    await workbench.waitForQuickInput({ placeholder: /Which image is the region drawn on/ });
    // Typed first, as a person would in a long list: the pick's rows are virtual, only some are rendered.
    await answerQuickInput('a lighthouse on a black rock', { enter: false });
    await workbench.pickQuickInputRow(/a lighthouse on a black rock/);

    const frame = await workbench.webviewFrame(async (f) => (await f.locator('.region-canvas').count()) > 0, 'the Vary (Region) editor with its canvas', 30_000);
    const canvas = frame.locator('.region-canvas');
    assert.deepStrictEqual([await canvas.getAttribute('data-natural-width'), await canvas.getAttribute('data-natural-height')], ['512', '512']);
    assert.strictEqual(await frame.locator('.region-prompt').inputValue(), 'a lighthouse on a black rock --v 7', 'the prompt prefilled');
    const box = await canvas.boundingBox();
    assert.ok(box);
    const page = workbench.page;
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    const drag = async (points: Array<{ x: number; y: number }>) => {
      await page.mouse.move(points[0].x, points[0].y);
      await page.mouse.down();
      for (const p of points.slice(1)) await page.mouse.move(p.x, p.y, { steps: 4 });
      await page.mouse.up();
    };
    // A free-hand shape, undone; then the rectangle that is sent.
    await frame.locator('[data-region="lasso"]').click();
    await drag([at(0.6, 0.6), at(0.9, 0.6), at(0.9, 0.9), at(0.6, 0.9)]);
    await waitFor(async () => (await canvas.getAttribute('data-shapes')) === '1', 'the free-hand shape drawn');
    await frame.locator('[data-region="undo"]').click();
    await waitFor(async () => (await canvas.getAttribute('data-shapes')) === '0', 'the shape undone');
    assert.ok(await frame.locator('[data-region="submit"]').isDisabled(), 'nothing to send without a region');
    await frame.locator('[data-region="rect"]').click();
    const from = at(0.25, 0.25);
    const to = at(0.5, 0.75);
    await drag([from, to]);
    await waitFor(async () => (await canvas.getAttribute('data-shapes')) === '1', 'the rectangle drawn');
    await frame.locator('.region-prompt').fill('a small red boat');
    await workbench.screenshot('Jobs', 'Vary Region rectangle drawn');

    const before = submitsTo('modal').length;
    await frame.locator('[data-region="submit"]').click();
    const sent = await sentOnce('modal', before);
    const body = sent.body as { taskId: string; prompt: string; maskBase64: string };
    assert.strictEqual(body.taskId, region.id);
    assert.strictEqual(body.prompt, 'a small red boat');
    assert.ok(body.maskBase64.startsWith(MASK_DATA_URL_PREFIX), body.maskBase64.slice(0, 40));
    const mask = decodePng(Buffer.from(body.maskBase64.slice(MASK_DATA_URL_PREFIX.length), 'base64'));
    assert.deepStrictEqual([mask.width, mask.height], [512, 512], 'the image\'s own size');
    // In image pixels: x 128–256, y 128–384 (± a pixel for where the pointer landed).
    const white = (x: number, y: number) => mask.luma[y * 512 + x] === 255;
    for (const [x, y] of [[132, 132], [250, 132], [132, 380], [250, 380], [192, 256]]) assert.ok(white(x, y), `inside (${x},${y}) is white`);
    for (const [x, y] of [[120, 256], [264, 256], [192, 120], [192, 392], [10, 10], [500, 500], [450, 450]]) assert.ok(!white(x, y), `outside (${x},${y}) is black`);
    const count = mask.luma.reduce((n, v) => n + (v === 255 ? 1 : 0), 0);
    assert.ok(Math.abs(count - 128 * 256) < 2 * (128 + 256) * 2, `about 128×256 white pixels, got ${count}`);
    assert.ok(mask.luma.every((v) => v === 0 || v === 255), 'black and white only');
    // Sent: the editor closes, the task runs.
    await waitFor(async () => (await frame.locator('.region-editor').count()) === 0, 'the editor to close');
    assert.strictEqual(sim.getTaskStatus(region.id), 'NOT_START');
  });

  it('Vary (Region) pressed in the preview: the code-21 answer opens the editor over that image; a free-hand region is sent', async () => {
    const sim = workbench.simulator;
    const up = sim.createTask({ action: 'UPSCALE', prompt: 'a white sail boat at sea', status: 'SUCCESS' });
    await workbench.openMjTasksView();
    await workbench.runCommandWithInput('MJ Tasks: Track Task…', up);
    await workbench.page.keyboard.press('Enter');
    const row = await taskRow('a white sail boat at sea', /UPSCALE/, 'pass');
    await row.click();
    const preview = await previewFrame('Vary (Region)');
    const before = submitsTo('action').length;
    await preview.locator('li.button-row', { hasText: 'Vary (Region)' }).locator('[data-action="press"]').click();
    await sentOnce('action', before);

    const frame = await workbench.webviewFrame(async (f) => (await f.locator('.region-canvas').count()) > 0, 'the Vary (Region) editor with its canvas', 30_000);
    assert.strictEqual(await frame.locator('.region-prompt').inputValue(), 'a white sail boat at sea --v 7', 'prefilled with what the server said the window shows');
    const canvas = frame.locator('.region-canvas');
    const box = await canvas.boundingBox();
    assert.ok(box);
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
    await frame.locator('[data-region="lasso"]').click();
    const page = workbench.page;
    const points = [at(0.5, 0.1), at(0.9, 0.5), at(0.5, 0.9), at(0.1, 0.5)];
    await page.mouse.move(points[0].x, points[0].y);
    await page.mouse.down();
    for (const p of points.slice(1)) await page.mouse.move(p.x, p.y, { steps: 6 });
    await page.mouse.up();
    await waitFor(async () => (await canvas.getAttribute('data-shapes')) === '1', 'the free-hand shape drawn');
    await workbench.screenshot('Jobs', 'Vary Region free-hand drawn after the press');

    const sentBefore = submitsTo('modal').length;
    await frame.locator('[data-region="submit"]').click();
    const sent = await sentOnce('modal', sentBefore);
    const body = sent.body as { taskId: string; prompt: string; maskBase64: string };
    assert.strictEqual(body.prompt, 'a white sail boat at sea --v 7');
    assert.strictEqual(sim.getTaskStatus(body.taskId), 'NOT_START', 'the MODAL task the press made runs now');
    const mask = decodePng(Buffer.from(body.maskBase64.slice(MASK_DATA_URL_PREFIX.length), 'base64'));
    assert.deepStrictEqual([mask.width, mask.height], [512, 512]);
    const white = (x: number, y: number) => mask.luma[y * 512 + x] === 255;
    // A diamond through the middle of each side: its centre is in, the corners are out.
    for (const [x, y] of [[256, 256], [256, 80], [430, 256]]) assert.ok(white(x, y), `inside (${x},${y}) is white`);
    for (const [x, y] of [[20, 20], [490, 20], [20, 490], [490, 490], [150, 150]]) assert.ok(!white(x, y), `outside (${x},${y}) is black`);
  });
});
