// A task as code in a real VS Code: from the preview, a Python snippet that presses U2 inserted
// into an open .py file (then run against the simulator: it upscales image 2 and waits for it),
// a button copied as curl, from the tree's context menu the task copied as TypeScript, and Insert
// as Code… from the palette into a .http file and into a Markdown file (which asks the form).
// Screenshots (one per test, by the harness) land in test-results/screenshots/Code--*.png.
import * as assert from 'assert';
import { spawn } from 'child_process';
import { codeSnippet } from '../../src/codegen/codeSnippet';
import { SnippetServer } from '../../src/codegen/snippetTypes';
import { API_KEY, readmeShot, useWorkbench, waitFor, workbench } from './harness/index';
import { expectClipboard, pickTaskWith, previewFrame, taskJson, trackTask } from './previewHelpers';

describe('Code', function () {
  this.timeout(120_000);
  useWorkbench();

  /** The provider as the E2E settings configure it: the run's simulator, Bearer auth. */
  const server = (): SnippetServer => ({ baseUrl: workbench.simulator.url, auth: 'bearer' });

  /** `rel` written with `content` and opened, the only editor, with the cursor in it. */
  async function openAlone(rel: string, content: string): Promise<void> {
    await workbench.closeAllEditors();
    await workbench.writeFile(rel, content);
    await workbench.openFile(rel);
  }

  /** A finished grid of this test's own, tracked, with its U2 customId. */
  async function trackedGrid(prompt: string): Promise<{ id: string; u2: string }> {
    const id = workbench.simulator.createTask({ prompt, status: 'SUCCESS' });
    await trackTask(id);
    const u2 = taskJson(id).buttons?.find((b) => b.label === 'U2')?.customId;
    assert.ok(u2, 'the grid has a U2 button');
    return { id, u2 };
  }

  /** Clicks the task's row in the tree and waits for its preview. */
  async function openPreview(prompt: string) {
    await workbench.treeRow(prompt).click();
    return previewFrame(prompt);
  }

  it('inserts a Python snippet that upscales image 2 into the open .py file from the preview, and it runs', async () => {
    const prompt = `a code windmill ${Date.now()}`;
    const { id, u2 } = await trackedGrid(prompt);
    await openAlone('upscale.py', '# Upscale image 2 of the grid\n');
    await workbench.page.keyboard.press('Control+End');

    const frame = await openPreview(prompt);
    await frame.locator('li.button-row', { hasText: 'Upscale image 2' }).locator('[data-action="code"]').click();
    // The editor is a Python file without `import requests`: the standard-library form comes first.
    await workbench.pickQuickInputRow(/^Insert into upscale\.py as Python \(standard library\)$/);

    const snippet = codeSnippet(server(), { kind: 'button', taskId: id, customId: u2 }, 'python-urllib');
    assert.ok(!snippet.includes(API_KEY), 'the key is not in the snippet');
    await waitFor(async () => (await workbench.visibleEditorText()).includes('def mj_submit_action(task_id, custom_id):'), 'the snippet in the editor');
    await workbench.screenshot('Code', 'python snippet inserted');
    await readmeShot('insert-as-code');
    await workbench.save();
    const expected = `# Upscale image 2 of the grid\n${snippet}`;
    assert.strictEqual(await workbench.readSavedFile('upscale.py', expected), expected);

    // The file as saved, run the way its user would: it presses U2 once and waits for the upscale.
    const child = spawn('python3', [workbench.workspacePath('upscale.py')], {
      env: { PATH: process.env.PATH, MJ_API_KEY: API_KEY, PYTHONUNBUFFERED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const upscale = await waitFor(() => /Submitted: (\d+)/.exec(out)?.[1], 'the snippet to submit U2', 30_000);
      await waitFor(() => workbench.simulator.requestLog().some((r) => r.key === 'GET /mj/task/:id/fetch' && r.ids.includes(upscale)), 'the snippet to poll the upscale', 30_000);
      assert.strictEqual((taskJson(upscale) as { action?: string }).action, 'UPSCALE');
      workbench.simulator.completeTask(upscale, 'SUCCESS');
      assert.strictEqual(await exited, 0, out);
      assert.match(out, /SUCCESS http/, out);
    } finally {
      child.kill();
    }
  });

  it("copies a button's press as curl from the preview, and the task as TypeScript from the tree's context menu", async () => {
    const prompt = `a code orchard ${Date.now()}`;
    const { id, u2 } = await trackedGrid(prompt);
    const frame = await openPreview(prompt);
    await frame.locator('li.button-row', { hasText: 'Upscale image 2' }).locator('[data-action="code"]').click();
    await workbench.pickQuickInputRow('Copy as curl (bash)');
    await expectClipboard(codeSnippet(server(), { kind: 'button', taskId: id, customId: u2 }, 'curl'));

    // The preview takes the focus back once its quick pick has closed, at a moment of its own; on a
    // busy machine that lands on the next command's quick pick and closes it. The tree's half of
    // the test needs no preview.
    await workbench.closeAllEditors();
    await workbench.contextMenu(workbench.treeRow(prompt), 'Copy as Code…');
    await workbench.pickQuickInputRow('Fetch the task and wait until it is done');
    await workbench.pickQuickInputRow('TypeScript (fetch)');
    await expectClipboard(codeSnippet(server(), { kind: 'task', taskId: id }, 'typescript'));
  });

  it('Insert as Code… from the palette writes the .http request into an open .http file', async () => {
    const prompt = `a code canal ${Date.now()}`;
    const { id, u2 } = await trackedGrid(prompt);
    await openAlone('mj.http', '');
    await pickTaskWith('MJ Tasks: Insert as Code…', id);
    await workbench.pickQuickInputRow('Press: Upscale image 2');
    const expected = codeSnippet(server(), { kind: 'button', taskId: id, customId: u2 }, 'http');
    await waitFor(async () => (await workbench.visibleEditorText()).includes('{{$dotenv MJ_API_KEY}}'), 'the request in the editor');
    await workbench.save();
    assert.strictEqual(await workbench.readSavedFile('mj.http', expected), expected);
  });

  it('Insert as Code… into a file of no language it writes asks which form, and inserts that one', async () => {
    const prompt = `a code meadow ${Date.now()}`;
    const { id } = await trackedGrid(prompt);
    await openAlone('notes-code.md', '');
    await pickTaskWith('MJ Tasks: Insert as Code…', id);
    await workbench.pickQuickInputRow('Fetch the task and wait until it is done');
    await workbench.waitForQuickInput({ placeholder: /notes-code\.md has no language MJ Tasks writes code in: insert which form\?/ });
    await workbench.screenshot('Code', 'Insert as Code asks the form for a Markdown file');
    await workbench.pickQuickInputRow('Python (standard library)');
    const expected = codeSnippet(server(), { kind: 'task', taskId: id }, 'python-urllib');
    await waitFor(async () => (await workbench.visibleEditorText()).includes('MJ_API_KEY'), 'the snippet in the editor');
    await workbench.save();
    assert.strictEqual(await workbench.readSavedFile('notes-code.md', expected), expected);
  });
});
