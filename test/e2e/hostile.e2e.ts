// Hostile server text in VS Code's own surfaces: links, markup, icon syntax and credentials in a
// prompt or an image URL stay text (tree row, hover, quick pick), and one task with a 2 MB prompt
// neither slows its own row nor stops the others' polling.
import * as assert from 'assert';
import { useWorkbench, waitFor, workbench, type HoverDom } from './harness/index';

/** A word no other suite's task carries, so rows are found by it alone. */
const RUN = `h${Date.now().toString(36)}`;
/** Permutations, weights and brackets: what VS Code's Markdown lexing of a tooltip is slowest on. */
const HUGE_FILLER = 'a mammoth {in the snow, on ice} (detailed) [wide] --ar 16:9 ::2, ';

/** Hovers the row holding `text` until its hover shows `expect` and its images have loaded. */
async function hoverOf(text: string, expect: string): Promise<HoverDom> {
  return workbench.hoverUntil(
    async () => {
      await workbench.page.mouse.move(700, 600);
      await workbench.treeRow(text).hover();
    },
    (h) => h.text.includes(expect) && h.loadedImages === h.images.length,
    `the hover of the row "${text}"`,
  );
}

/** Track Task… with `ids` typed in, then waits until every row `shown` names is in the tree as `icon`. */
async function track(ids: string[], shown: string[], icon: string): Promise<void> {
  await workbench.openMjTasksView();
  await workbench.runCommandWithInput('MJ Tasks: Track Task…', ids.join(' '));
  await workbench.page.keyboard.press('Enter');
  await waitFor(async () => {
    const rows = await workbench.treeRows();
    return shown.every((t) => rows.some((r) => r.label.startsWith(t) && r.icons.includes(icon)));
  }, `${shown.join(', ')} in the tree (${icon})`);
}

describe('Hostile tasks', () => {
  useWorkbench();

  const texts = {
    url: `beacon ${RUN} https://evil.example/steal?x=1 [Open](command:workbench.action.quit) www.evil.example me@evil.example <b>bold</b> **strong** $(zap)`,
    zap: `$(zap) ${RUN} spark $(sync~spin) done`,
    creds: `vault ${RUN} creds`,
    huge: `mammoth ${RUN} huge`,
    other: `sparrow ${RUN} other`,
  };
  const ids: Record<keyof typeof texts, string> = { url: '', zap: '', creds: '', huge: '', other: '' };

  before(async function () {
    this.timeout(120_000);
    const sim = workbench.simulator;
    ids.url = sim.createTask({ prompt: texts.url, status: 'SUCCESS' });
    ids.zap = sim.createTask({ prompt: texts.zap, status: 'IN_PROGRESS', progress: 30, frozen: true });
    const secret = `http://user:secret@127.0.0.1:${sim.port}/images/x.png`;
    ids.creds = sim.createTask({ prompt: texts.creds, status: 'SUCCESS', overrides: { imageUrl: secret, imageUrls: [secret] } });
    await track([ids.url, ids.zap, ids.creds], [`beacon ${RUN}`, `vault ${RUN}`], 'pass');
  });

  it('shows a prompt\'s URLs, links and markup in the hover as text: no anchor in the hover\'s DOM', async () => {
    const hover = await hoverOf(`beacon ${RUN}`, 'evil.example');
    assert.deepStrictEqual(hover.anchors, [], 'no element of the hover is a link');
    assert.ok(hover.text.includes('https://evil.example/steal?x=1 [Open](command:workbench.action.quit) www.evil.example me@evil.example <b>bold</b> **strong** $(zap)'), hover.text);
    assert.strictEqual(hover.codicons, 0, 'no icon made of $(zap)');
    // The check means something: this hover renders Markdown, its own image included. The
    // simulator's image is http:, which the workbench does not load: it was fetched and is shown as data:.
    assert.strictEqual(hover.images.length, 1, `the task's own thumbnail: ${JSON.stringify(hover.images.map((i) => i.slice(0, 60)))}`);
    assert.match(hover.images[0], /^data:image\/(?:png|jpeg|webp);base64,/);
    // The hover fades in: the screenshot waits until it is opaque.
    await waitFor(async () => (await workbench.visibleHover())?.opaque, 'the hover shown in full');
    await workbench.screenshot('Hostile tasks', 'the tree tooltip: the prompt as text, the thumbnail loaded');
  });

  it('shows no thumbnail for an image URL with credentials in it', async () => {
    const hover = await hoverOf(`vault ${RUN}`, 'creds');
    assert.deepStrictEqual(hover.images, [], 'no img in the hover');
    assert.ok(!hover.text.includes('secret'), hover.text);
  });

  it('shows $(zap) in a prompt as typed: in the tree row and in the task pick, no codicon made of it', async () => {
    const row = await waitFor(async () => (await workbench.treeRows()).find((r) => r.label.includes(`${RUN} spark`)), 'the $(zap) row');
    assert.ok(row.label.startsWith(`$(zap) ${RUN} spark $(sync~spin) done`), row.label);
    const labelIcons = await workbench.treeRow(`${RUN} spark`).locator('.monaco-icon-label-container .codicon').count();
    assert.strictEqual(labelIcons, 0, 'no codicon in the row\'s label');

    await workbench.runCommandWithInput('MJ Tasks: Open in Preview', ids.zap);
    const pickRow = workbench.page.locator('.quick-input-widget .monaco-list-row');
    await waitFor(async () => (await pickRow.count()) === 1, `one task matching ${ids.zap}`);
    const label = pickRow.first().locator('.monaco-icon-label .label-name').first();
    assert.strictEqual((await label.innerText()).trim(), `$(zap) ${RUN} spark $(sync~spin) done`);
    assert.strictEqual(await pickRow.first().locator('.codicon').count(), 0, 'no codicon anywhere in the row');
    await workbench.screenshot('Hostile tasks', 'the task pick showing $(zap) as typed');
    await workbench.closeQuickInput();
  });

  it('shows a task with a 2 MB prompt like any other, while the other tasks keep being polled', async function () {
    this.timeout(90_000);
    const sim = workbench.simulator;
    ids.other = sim.createTask({ prompt: texts.other, status: 'IN_PROGRESS', progress: 20, frozen: true });
    ids.huge = sim.createTask({
      prompt: texts.huge,
      status: 'IN_PROGRESS',
      progress: 40,
      frozen: true,
      overrides: { prompt: `${texts.huge} ${HUGE_FILLER.repeat(Math.ceil((2 * 1024 * 1024) / HUGE_FILLER.length))}` },
    });
    await track([ids.other], [texts.other], 'sync');
    await track([ids.huge], [texts.huge], 'sync');
    const huge = await waitFor(async () => (await workbench.treeRows()).find((r) => r.label.startsWith(texts.huge)), 'the 2 MB task\'s row');
    assert.ok(huge.label.length <= 60, huge.label);
    assert.match(huge.description, /IMAGINE · 40%/);

    // The huge task stays tracked and polled alongside; the other task finishing must still show.
    sim.completeTask(ids.other, 'SUCCESS');
    await waitFor(async () => (await workbench.treeRows()).find((r) => r.label.includes(texts.other) && r.icons.includes('pass')), 'the other task to show it finished');

    const hover = await hoverOf(`mammoth ${RUN}`, 'a mammoth {in the snow, on ice} (detailed) [wide]');
    assert.ok(hover.text.length < 3000, `a short hover: ${hover.text.length} characters`);
  });
});
