// The preview panel in a real VS Code: opened from the tree and the palette, the image really
// loaded, customIds and the finalPrompt copied to the real clipboard and inserted into a real file
// (or, into a read-only one, the reason why not), a hostile task shown as inert text, what the
// webview may load, live progress, and the panel restored after a reload.
// Screenshots (one per test, by the harness) land in test-results/screenshots/Preview--*.png.
import * as assert from 'assert';
import { normalizeTask } from '../../src/core/task';
import { toStringLiteral } from '../../src/preview/host/stringLiteral';
import type { TaskSpec } from '../../src/simulator/types';
import { answerQuickInput, readmeShot, useWorkbench, waitFor, workbench } from './harness/index';
import { buttonTexts, demoTask, expectClipboard, gridRow, imageLoaded, pickTaskWith, previewFrame, recordButtonTexts, taskJson, trackTask } from './previewHelpers';

// Callbacks given to frame.evaluate run in the webview; this file compiles without the DOM lib
// (adding it would change timer types for the whole project), so the page globals are declared here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

describe('Preview', function () {
  this.timeout(120_000);
  useWorkbench();

  it('shows a grid task opened from the tree: the image loads, U2 and the finalPrompt copy', async () => {
    const id = demoTask(/finished IMAGINE grid/);
    const json = taskJson(id);
    await workbench.openMjTasksView();
    const row = gridRow();
    await waitFor(async () => (await row.count()) === 1, 'the grid task in the tree', 60_000);
    await row.click();

    const frame = await previewFrame('Upscale image 2');
    await waitFor(() => imageLoaded(frame), 'the grid image to load (naturalWidth > 0)', 30_000);
    assert.strictEqual(await frame.locator('.badge').innerText(), 'Succeeded');
    assert.strictEqual(await frame.locator('.quadrant').count(), 4, 'a 2×2 grid gets four quadrants');

    const u2 = json.buttons!.find((b) => b.label === 'U2')!.customId;
    assert.match(u2, /^MJ::JOB::upsample::2::[0-9a-f-]+$/);
    await frame.locator('li.button-row', { hasText: 'Upscale image 2' }).locator('[data-action="copy"]').click();
    await expectClipboard(u2);

    // Hovering quadrant 3 shows its U and V customIds; clicking it copies U3.
    const q3 = frame.locator('.quadrant[data-quadrant="3"]');
    await q3.hover();
    const info = await q3.locator('.quadrant-info').innerText();
    assert.ok(info.includes(json.buttons!.find((b) => b.label === 'U3')!.customId), info);
    assert.ok(info.includes(json.buttons!.find((b) => b.label === 'V3')!.customId), info);
    await workbench.screenshot('Preview', 'grid quadrant 3 hovered');
    await readmeShot('preview-grid');
    await q3.click();
    await expectClipboard(json.buttons!.find((b) => b.label === 'U3')!.customId);

    // "Open full size" goes by message to the host, which opens the http(s) URL outside VS Code:
    // in code-server that is a new browser tab on the image (a localhost URL goes through
    // code-server's port proxy, /proxy/<port>/…, so only the path is compared).
    const [tab] = await Promise.all([
      workbench.context.waitForEvent('page', { timeout: 15_000 }),
      frame.locator('.main-image [data-action="open"]').click(),
    ]);
    const imagePath = new URL(json.imageUrl).pathname;
    await waitFor(() => tab.url().endsWith(imagePath), `a tab on …${imagePath}`);
    await tab.close();

    const finalPrompt = json.properties?.finalPrompt;
    assert.ok(finalPrompt, 'the simulator reports a finalPrompt');
    await frame.locator('.value-card[data-key="finalPrompt"] [data-action="copy"]').click();
    await expectClipboard(finalPrompt);
  });

  it('inserts the finalPrompt at the cursor of an open file, as text and as a Python string literal, and says Inserted', async () => {
    const id = demoTask(/finished IMAGINE grid/);
    const finalPrompt = taskJson(id).properties!.finalPrompt!;
    // The file in the first editor group, the preview beside it (where it opens), as a user has them.
    await workbench.closeAllEditors();
    await workbench.writeFile('insert_here.py', 'prompt = \n');
    await workbench.openFile('insert_here.py');
    await workbench.page.keyboard.press('End'); // after "prompt = "
    await pickTaskWith('MJ Tasks: Open in Preview', id);

    const frame = await previewFrame('Upscale image 2');
    const card = frame.locator('.value-card[data-key="finalPrompt"]');
    // The Insert buttons name the file they write to: the editor the user was in before the preview.
    await waitFor(
      async () => (await card.locator('[data-action="insert-literal"]').getAttribute('title'))?.includes('insert_here.py'),
      'Insert to target insert_here.py',
    );
    assert.match((await card.locator('[data-action="insert-literal"]').getAttribute('title'))!, /Python/);
    await recordButtonTexts(frame);
    await card.locator('[data-action="insert-literal"]').click();
    await waitFor(async () => (await workbench.visibleEditorText()).includes(`prompt = "${finalPrompt.slice(0, 20)}`), 'the literal to appear in the editor');
    // The button says so once the host has written it.
    await waitFor(async () => (await buttonTexts(frame)).some(([id, text]) => id === 'literal:finalPrompt' && text === 'Inserted'), '"Inserted" on the button');
    assert.strictEqual(await frame.locator('.toast').isVisible(), false, 'no complaint when it worked');

    await workbench.runCommand('View: Focus First Editor Group');
    await workbench.page.keyboard.press('Control+End');
    await workbench.insertText('\nplain = ');
    await frame.locator('.value-card[data-key="finalPrompt"] [data-action="insert"]').click();
    await waitFor(async () => (await workbench.visibleEditorText()).includes(`plain = ${finalPrompt.slice(0, 20)}`), 'the plain text to appear');

    await workbench.runCommand('View: Focus First Editor Group');
    await workbench.save();
    const expected = `prompt = ${toStringLiteral(finalPrompt, 'python')}\n\nplain = ${finalPrompt}`;
    assert.strictEqual(await workbench.readSavedFile('insert_here.py', expected), expected);
    await workbench.closeAllEditors();
  });

  it('says why nothing was inserted into a read-only editor, and never "Inserted"', async () => {
    const id = demoTask(/finished IMAGINE grid/);
    await workbench.closeAllEditors();
    await workbench.writeFile('read_only_here.py', 'prompt = \n');
    await workbench.openFile('read_only_here.py');
    await workbench.runCommand('File: Set Active Editor Read-only in Session');
    await pickTaskWith('MJ Tasks: Open in Preview', id);

    const frame = await previewFrame('Upscale image 2');
    const insert = frame.locator('.value-card[data-key="finalPrompt"] [data-action="insert"]');
    await waitFor(async () => (await insert.getAttribute('title'))?.includes('read_only_here.py'), 'Insert to target read_only_here.py');
    await recordButtonTexts(frame);
    await insert.click();

    const toast = frame.locator('.toast');
    await waitFor(async () => (await toast.isVisible()) && (await toast.innerText()).includes('read_only_here.py is read-only'), 'the reason in the preview');
    await workbench.screenshot('Preview', 'insert into a read-only editor');
    const texts = await buttonTexts(frame);
    assert.ok(texts.some(([b, text]) => b === 'insert:finalPrompt' && text === 'Not inserted'), JSON.stringify(texts));
    assert.ok(!texts.some(([, text]) => text === 'Inserted'), `"Inserted" was shown: ${JSON.stringify(texts)}`);
    assert.strictEqual(await workbench.readFile('read_only_here.py'), 'prompt = \n');
    await workbench.closeAllEditors();
  });

  it('offers Open in Preview and the copy commands in the task context menu', async () => {
    const id = demoTask(/finished IMAGINE grid/);
    await workbench.openMjTasksView();
    await gridRow().click({ button: 'right' });
    const page = workbench.page;
    const items = page.locator('.context-view .monaco-menu .action-label');
    await waitFor(async () => (await items.count()) > 0, 'the context menu');
    const labels = (await items.allInnerTexts()).map((l) => l.trim()).filter(Boolean);
    for (const expected of ['Open in Preview', 'Copy finalPrompt', 'Copy Image URL', 'Copy customId…']) {
      assert.ok(labels.includes(expected), `"${expected}" missing from ${JSON.stringify(labels)}`);
    }
    // Monaco's menu acts on the highlighted item; hover + Enter is what reliably triggers it here.
    await page.locator('.context-view .monaco-menu .action-label', { hasText: 'Copy Image URL' }).hover();
    await page.keyboard.press('Enter');
    await expectClipboard(taskJson(id).imageUrl);
  });

  it('shows a DESCRIBE task as four numbered prompts, each copyable', async () => {
    const id = demoTask(/DESCRIBE/);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame('Use description 1');
    const prompts = frame.locator('.prompt-list > li');
    assert.strictEqual(await prompts.count(), 4);
    const second = (await prompts.nth(1).locator('.value-text').innerText()).trim();
    assert.ok(second.length > 20 && !/^2/.test(second), `prompt 2 without its marker: ${second}`);
    await prompts.nth(1).locator('[data-action="copy"]').click();
    await expectClipboard(second);
  });

  it('plays a finished VIDEO task: its clips load in video players, each URL copyable', async () => {
    const id = demoTask(/finished VIDEO/);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame(/Videos/);
    const players = frame.locator('.gallery-item video');
    const urls = normalizeTask(taskJson(id))!.videoUrls;
    assert.ok(urls.length >= 1, 'the VIDEO demo task has clips');
    await waitFor(async () => (await players.count()) === urls.length, 'a player per video URL');
    // Metadata loaded from the simulator's MP4 (Range requests and all): the player knows its length.
    await waitFor(
      () => frame.evaluate(() => Array.from(document.querySelectorAll('.gallery-item video')).every((v: any) => v.readyState >= 1 && v.duration > 1)),
      'every clip to load its metadata',
      30_000,
    );
    await frame.locator('.gallery-item', { has: frame.locator('video') }).first().locator('[data-action="copy"]').click();
    await expectClipboard(urls[0]);
  });

  it('shows a failed task with its reason in plain words', async () => {
    const id = demoTask(/FAILURE/);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame('battlefield');
    assert.strictEqual(await frame.locator('.badge').innerText(), 'Failed');
    const notice = frame.locator('.notice-error');
    assert.match(await notice.locator('.notice-title').innerText(), /refused the prompt/);
    assert.match(await notice.locator('.notice-detail').innerText(), /community standards/);
  });

  it('shows a hostile task as inert text: no markup, no script, no javascript: image', async () => {
    const marker = `pwn${Date.now()}`;
    const payload = `<img src=x onerror="window.__mjPwned='${marker}';document.title='${marker}'"><script>window.__mjPwned='${marker}'</script>`;
    // `overrides` lays raw fields over the simulator's task JSON: a hostile server's imageUrl.
    const spec: TaskSpec = {
      prompt: `a cat ${payload}`,
      status: 'FAILURE',
      failReason: `[Banned prompt detected] ${payload}`,
      overrides: { imageUrl: `javascript:window.__mjPwned='${marker}'` },
    };
    const id = workbench.simulator.createTask(spec);
    assert.match(taskJson(id).imageUrl ?? '', /^javascript:/, 'the server really sends the javascript: URL');
    await trackTask(id);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame(marker);

    // The payload is there, as text.
    assert.strictEqual(await frame.locator('.value-card[data-key="prompt"] .value-text').innerText(), `a cat ${payload}`);
    assert.ok((await frame.locator('.notice-error .notice-detail').innerText()).includes(payload));
    // Nothing of it became DOM or ran.
    const state = await frame.evaluate((m: string) => ({
      pwned: window.__mjPwned as string | undefined,
      title: document.title,
      // VS Code adds a script of its own to the webview; what matters is that none came from the task.
      foreignScripts: Array.from(document.scripts as ArrayLike<any>).filter((el) => `${el.src} ${el.textContent}`.includes(m)).length,
      foreignImages: Array.from(document.images as ArrayLike<any>).filter((i) => i.getAttribute('src') === 'x' || /^javascript:/i.test(i.src)).length,
    }), marker);
    assert.deepStrictEqual(state, { pwned: undefined, title: 'MJ Tasks', foreignScripts: 0, foreignImages: 0 });
    assert.strictEqual(await frame.locator('.main-image').count(), 0, 'no image element for a javascript: URL');
    assert.ok((await frame.locator('.unsafe-media[data-key="imageUrl"] .url').innerText()).startsWith('javascript:'), 'the URL is shown as text');
    // The workbench itself was not touched either.
    assert.notStrictEqual(await workbench.page.title(), marker);
  });

  it('the webview itself refuses markup and a javascript: URL even in a message claiming they are safe', async () => {
    const frame = await previewFrame(/./);
    const marker = `forged${Date.now()}`;
    await frame.evaluate((m) => {
      const evil = `<img src=x onerror="window.__mjPwned='${m}'">`;
      const view = {
        taskId: '1730000000000999',
        title: `${m} ${evil}`,
        phase: 'fetched',
        status: 'SUCCESS',
        statusLabel: evil,
        statusIcon: { name: 'pass', spin: false },
        progress: null,
        running: false,
        facts: [{ label: evil, value: evil }],
        notices: [{ tone: 'error', title: evil, detail: evil }],
        image: { key: 'imageUrl', url: `javascript:window.__mjPwned='${m}'`, safeUrl: `javascript:window.__mjPwned='${m}'` },
        grid: null,
        gallery: [{ key: 'imageUrls.0', url: 'data:image/svg+xml,<svg onload=alert(1)>', safeUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }],
        videos: [],
        promptsIntro: '',
        prompts: [],
        fields: [{ key: 'prompt', label: evil, value: evil }],
        buttonGroups: [],
        family: { parent: null, children: [], canPress: false },
        saveOptions: [],
        savedFiles: [],
        linkExpiry: null,
      };
      window.postMessage({ type: 'update', view }, '*');
    }, marker);
    await waitFor(async () => (await frame.locator('.title').innerText()).startsWith(marker), 'the forged view to render');
    const state = await frame.evaluate(() => ({
      pwned: window.__mjPwned as string | undefined,
      images: Array.from(document.images as ArrayLike<any>).map((i) => i.src),
      unsafe: Array.from(document.querySelectorAll('.unsafe-media .url') as ArrayLike<any>).map((e) => e.textContent),
    }));
    assert.strictEqual(state.pwned, undefined);
    assert.deepStrictEqual(state.images, []);
    assert.strictEqual(state.unsafe.length, 2);
    // A message of the wrong shape is ignored outright.
    await frame.evaluate(() => window.postMessage({ type: 'update', view: { html: '<b>x</b>' } }, '*'));
    assert.ok((await frame.locator('.title').innerText()).startsWith(marker));
  });

  it("reads nothing from the extension's folder but its own files, and loads http media only from the provider", async () => {
    const id = demoTask(/finished IMAGINE grid/);
    const imageUrl = taskJson(id).imageUrl;
    assert.match(imageUrl, /^http:\/\/127\.0\.0\.1:\d+\//, 'the simulator (the provider) serves the image over http');
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame('Upscale image 2');
    const probe = await frame.evaluate(async (url: string) => {
      const load = (src: string) =>
        new Promise<string>((resolve) => {
          const img = new window.Image();
          img.onload = () => resolve('loaded');
          img.onerror = () => resolve('refused');
          img.src = src;
        });
      const script = document.querySelector('script[src*="webview.js"]').src as string;
      return {
        provider: await load(url),
        // The same server under another name is another origin, and no provider's.
        otherOrigin: await load(url.replace('//127.0.0.1:', '//localhost:')),
        // Beside dist/webview/ in the extension's folder: not the webview's to read.
        extensionIcon: await load(new URL('../../media/icon.png', script).href),
      };
    }, imageUrl);
    assert.deepStrictEqual(probe, { provider: 'loaded', otherOrigin: 'refused', extensionIcon: 'refused' });
  });

  it('follows a running task live: progress, then the finished grid', async () => {
    // The test moves it, step by step: each step shows once the extension has polled.
    const sim = workbench.simulator;
    const id = sim.createTask({ prompt: `a paper boat on a pond, live ${Date.now()}`, status: 'IN_PROGRESS', progress: 20, frozen: true });
    await trackTask(id);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    const frame = await previewFrame('paper boat');
    const bar = frame.locator('[role="progressbar"]');
    await waitFor(async () => (await bar.count()) === 1 && (await bar.getAttribute('aria-valuenow')) === '20', 'a progress bar at 20 % while it runs');
    sim.setTaskProgress(id, 62);
    await waitFor(async () => (await bar.getAttribute('aria-valuenow')) === '62', 'the progress bar to move to 62 %');
    sim.completeTask(id, 'SUCCESS');
    await waitFor(async () => (await frame.locator('.badge').innerText()) === 'Succeeded', 'the task to finish');
    assert.strictEqual(await bar.count(), 0);
    assert.strictEqual(await frame.locator('.quadrant').count(), 4);
  });

  it('comes back after a window reload, showing the same task (WebviewPanelSerializer)', async () => {
    const id = demoTask(/DESCRIBE/);
    await pickTaskWith('MJ Tasks: Open in Preview', id);
    await previewFrame('Use description 1');
    await workbench.reloadWindow();
    const frame = await previewFrame('Use description 1', 60_000);
    assert.strictEqual(await frame.locator('.prompt-list > li').count(), 4);
  });

  it('Copy customId… from the palette: pick the task, then a button by what it does', async () => {
    const id = demoTask(/finished UPSCALE/);
    await pickTaskWith('MJ Tasks: Copy customId…', id);
    const page = workbench.page;
    // The second question comes in the same input, titled with the task it is about.
    const second = await workbench.waitForQuickInput({ placeholder: /Copy which button's customId/ });
    assert.match(second.title, /^Copy customId: .*\S/);
    await answerQuickInput('Zoom out 2', { enter: false });
    await waitFor(async () => (await page.locator('.quick-input-widget .monaco-list-row').count()) === 1, 'the Zoom out 2× button');
    await page.locator('.quick-input-widget input').first().press('Enter');
    const zoom = taskJson(id).buttons!.find((b) => b.customId.startsWith('MJ::Outpaint::50::'))!.customId;
    await expectClipboard(zoom);
  });
});
