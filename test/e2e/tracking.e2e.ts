// The daily loop in a real VS Code: track tasks from the palette, watch them in the tree until they
// finish, get told once (or in one summary when several finish together), find them again after a
// reload, stop tracking one. Every task ends when the test says so (the run's simulator is frozen).
import * as assert from 'assert';
import { TreeRow, answerQuickInput, readmeShot, useWorkbench, waitFor, workbench } from './harness/index';

/** A word no other suite's task carries, so rows are found by it alone. */
const RUN = `r${Date.now().toString(36)}`;

function rowWith(rows: TreeRow[], text: string): TreeRow | undefined {
  return rows.find((r) => r.text.includes(text));
}

async function rowOf(text: string, what: string, check: (r: TreeRow) => boolean = () => true, timeoutMs = 30_000): Promise<TreeRow> {
  return waitFor(
    async () => {
      const r = rowWith(await workbench.treeRows(), text);
      return r && check(r) ? r : undefined;
    },
    what,
    timeoutMs,
  );
}

/** Answers the provider question if Track Task asks one (other suites may have added providers). */
async function pickSimulatorIfAsked(): Promise<void> {
  const asked = await waitFor(
    async () => {
      const rows = await workbench.quickInputRows().catch((): string[] => []);
      return rows.includes('Simulator') ? 'asked' : (await workbench.page.locator('.quick-input-widget').isVisible()) ? undefined : 'not asked';
    },
    'Track Task to finish or ask for the provider',
    10_000,
  ).catch(() => 'not asked');
  if (asked === 'asked') {
    await workbench.pickQuickInputRow('Simulator');
  }
}

describe('Tracking', () => {
  useWorkbench();

  const prompts = {
    ok: `lantern ${RUN} ok`,
    bad: `teapot ${RUN} bad`,
    slow: `glacier ${RUN} slow`,
  };
  const ids: Record<keyof typeof prompts, string> = { ok: '', bad: '', slow: '' };

  it('tracks three tasks pasted into Track Task… and shows them with status icons', async () => {
    const sim = workbench.simulator;
    // Frozen: they end only when the next tests say so, however fast this machine runs.
    ids.ok = sim.createTask({ prompt: prompts.ok, status: 'IN_PROGRESS', progress: 15, frozen: true });
    ids.bad = sim.createTask({ prompt: prompts.bad, status: 'IN_PROGRESS', progress: 15, frozen: true });
    ids.slow = sim.createTask({ prompt: prompts.slow, status: 'IN_PROGRESS', progress: 46, frozen: true });

    await workbench.openMjTasksView();
    await workbench.runCommand('MJ Tasks: Track Task…');
    const input = await workbench.waitForQuickInput();
    assert.match(input.title, /Track Midjourney Task/);
    // Pasted the way users do: one per line from a log, with a stray comma.
    await answerQuickInput(`${ids.ok}, ${ids.bad} ${ids.slow}`);
    await pickSimulatorIfAsked();

    const running = (r: TreeRow) => r.icons.includes('sync');
    const ok = await rowOf(prompts.ok, 'the first task running in the tree', running);
    await rowOf(prompts.bad, 'the second task running in the tree', running);
    const slow = await rowOf(prompts.slow, 'the third task running in the tree', running);
    assert.match(slow.description, /IMAGINE · 46%/);
    assert.match(ok.description, /IMAGINE · 15%/);
    const status = await waitFor(async () => (await workbench.statusBarItems()).find((s) => /running/.test(s)), 'the status bar summary');
    assert.match(status, /\d+ running/);
  });

  it('watches one task succeed and one fail with its reason, telling the user once each', async () => {
    // Both end at the same moment, so one poll round sees both; nothing else in the run moves, so
    // exactly these two finish in it: a notification each (a summary takes more than two).
    workbench.simulator.completeTask(ids.ok, 'SUCCESS');
    workbench.simulator.completeTask(ids.bad, 'FAILURE', '[Invalid parameter] Invalid value for --ar');
    await rowOf(prompts.ok, 'the first task to succeed', (r) => r.icons.includes('pass'));
    const bad = await rowOf(prompts.bad, 'the second task to fail', (r) => r.icons.includes('error'));
    assert.doesNotMatch(bad.description, /%/, 'a finished task shows no progress');

    // The reason is on the task itself: its hover.
    await workbench.treeRow(prompts.bad).hover();
    const hover = await waitFor(async () => {
      // By its text: an editor left open by an earlier suite keeps a hidden hover of its own in the DOM.
      const text = await workbench.page.locator('.monaco-hover', { hasText: 'Failure reason' }).first().innerText().catch(() => '');
      return text.includes('Failure reason') ? text : undefined;
    }, 'the failed task\'s hover');
    const reasonLine = hover.split('\n').find((l) => l.startsWith('Failure reason')) ?? '';
    assert.ok(
      reasonLine.replace(/\s+/g, ' ').includes('[Invalid parameter] Invalid value for --ar'),
      `the reason in the hover: ${JSON.stringify(reasonLine)} ${[...reasonLine].map((c) => c.charCodeAt(0).toString(16)).join(' ')}`,
    );
    await workbench.dismissOverlays();

    // Told once each, in the notification centre (which keeps the toasts that have hidden).
    const told = await waitFor(async () => {
      const all = (await workbench.notifications({ openCentre: true })).filter((n) => n.where === 'centre');
      const ok = all.find((n) => n.message.includes(`finished: ${prompts.ok}`));
      const failed = all.find((n) => n.message.includes(`failed: ${prompts.bad}`));
      return ok && failed ? { all, ok, failed } : undefined;
    }, 'a notification for each of the two tasks');
    assert.deepStrictEqual(told.ok.buttons, ['Open Preview', 'Copy Image URL']);
    assert.match(told.failed.message, /\[Invalid parameter\] Invalid value for --ar/);
    assert.deepStrictEqual(told.all.filter((n) => / Midjourney tasks finished: /.test(n.message)), [], 'no summary for two');
    assert.strictEqual(told.all.filter((n) => n.message.includes(RUN)).length, 2, `no repeated notifications: ${JSON.stringify(told.all)}`);

    // The third task has not moved: still running.
    const slow = rowWith(await workbench.treeRows(), prompts.slow);
    assert.ok(slow?.icons.includes('sync'), 'the frozen task still runs');
  });

  it('copies the image URL from the completion notification', async () => {
    await workbench.clearNotifications();
    const sim = workbench.simulator;
    // Finished on the server only once the tree shows it running: a task first seen finished was
    // never waited for, and gets no notification.
    const quick = sim.createTask({ prompt: `kite ${RUN} notify`, status: 'IN_PROGRESS', progress: 62, frozen: true });
    await workbench.runCommand('MJ Tasks: Track Task…');
    await workbench.waitForQuickInput();
    await answerQuickInput(quick);
    await pickSimulatorIfAsked();
    await rowOf(`kite ${RUN}`, 'the task running in the tree', (r) => r.icons.includes('sync'));
    sim.completeTask(quick, 'SUCCESS');
    await workbench.waitForNotification(new RegExp(`finished: kite ${RUN}`));
    await workbench.page.locator('.notification-toast').filter({ hasText: `kite ${RUN}` }).getByRole('button', { name: 'Copy Image URL' }).click();
    const url = await waitFor(async () => {
      const text = await workbench.readClipboard();
      return /^http:\/\/127\.0\.0\.1:\d+\/.+/.test(text) && text.includes(quick) ? text : undefined;
    }, 'the image URL in the clipboard');
    assert.ok(url.startsWith(workbench.simulator.url));
  });

  it('sums up three tasks that finish in the same poll round in one notification', async () => {
    await workbench.clearNotifications();
    const sim = workbench.simulator;
    const bells = ['one', 'two', 'three'].map((n) => sim.createTask({ prompt: `bell ${RUN} ${n}`, status: 'IN_PROGRESS', progress: 31, frozen: true }));
    await workbench.runCommand('MJ Tasks: Track Task…');
    await workbench.waitForQuickInput();
    await answerQuickInput(bells.join(' '));
    await pickSimulatorIfAsked();
    const running = async () => (await workbench.treeRows()).filter((r) => r.text.includes(`bell ${RUN}`) && r.icons.includes('sync')).length === 3;
    await waitFor(running, 'the three tasks running in the tree');
    // Ended at the same moment: one poll round sees all three, and nothing else ends in it.
    for (const id of bells) sim.completeTask(id, 'SUCCESS');
    const summary = await workbench.waitForNotification('3 Midjourney tasks finished: 3 succeeded, 0 failed or cancelled.');
    assert.deepStrictEqual(summary.buttons, ['Show Tasks']);
    const all = await workbench.notifications({ openCentre: true });
    assert.deepStrictEqual(all.filter((n) => n.message.includes(`bell ${RUN}`)), [], 'no notification of its own for any of the three');
    assert.strictEqual(all.filter((n) => / Midjourney tasks finished: /.test(n.message)).length, 1, JSON.stringify(all));
  });

  it('groups by status and filters the list', async () => {
    await workbench.openMjTasksView();
    await workbench.runCommand('MJ Tasks: Group Tasks By…');
    await workbench.waitForQuickInput();
    await workbench.pickQuickInputRow('By status');
    const grouped = await waitFor(async () => {
      const rows = await workbench.treeRows();
      const groups = rows.filter((r) => r.level === 1).map((r) => r.label);
      return groups.includes('Running') && groups.includes('Failed') && groups.includes('Succeeded') ? rows : undefined;
    }, 'status groups in the tree');
    const failedGroup = grouped.findIndex((r) => r.level === 1 && r.label === 'Failed');
    assert.ok(grouped.slice(failedGroup + 1).some((r) => r.level === 2 && r.text.includes(prompts.bad)), 'the failed task sits under Failed');
    await workbench.closeAllEditors();
    await readmeShot('tree-grouped', { x: 0, y: 0, width: 640, height: 480 });

    await workbench.runCommand('MJ Tasks: Filter…');
    await workbench.waitForQuickInput();
    await answerQuickInput(`status:failed ${RUN}`);
    const filtered = await waitFor(async () => {
      const rows = (await workbench.treeRows()).filter((r) => r.level === 2);
      return rows.length === 1 && rows[0].text.includes(prompts.bad) ? rows : undefined;
    }, 'only the failed task of this run');
    assert.strictEqual(filtered.length, 1);

    await workbench.runCommand('MJ Tasks: Clear Filter');
    await workbench.runCommand('MJ Tasks: Group Tasks By…');
    await workbench.waitForQuickInput();
    await workbench.pickQuickInputRow('No grouping (newest first)');
    // Flat again: no status group rows (a family still nests its children under their parent).
    const groupLabels = new Set(grouped.filter((r) => r.level === 1).map((r) => r.label));
    await waitFor(async () => (await workbench.treeRows()).every((r) => !(r.level === 1 && groupLabels.has(r.label))), 'the flat list back');
  });

  it('finds the tasks again after reloading the window', async function () {
    this.timeout(120_000);
    await workbench.reloadWindow();
    await workbench.openMjTasksView();
    await rowOf(prompts.ok, 'the succeeded task after the reload', (r) => r.icons.includes('pass'));
    await rowOf(prompts.bad, 'the failed task after the reload', (r) => r.icons.includes('error'));
    await rowOf(prompts.slow, 'the running task after the reload', (r) => r.icons.includes('sync'));
    // Polling resumed: a change made on the server only now, after the reload, reaches the tree.
    workbench.simulator.completeTask(ids.slow, 'SUCCESS');
    const done = await rowOf(prompts.slow, 'the task finished on the server after the reload to show as succeeded', (r) => r.icons.includes('pass'));
    assert.doesNotMatch(done.description, /%/, 'a finished task shows no progress');
  });

  it('drops a task ID into an editor when its row is dragged there', async () => {
    await workbench.closeAllEditors();
    await workbench.writeFile('dropped.txt', 'ids:\n');
    await workbench.openFile('dropped.txt');
    await workbench.openMjTasksView();
    const editor = workbench.page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor({ state: 'visible' });
    await workbench.treeRow(prompts.bad).dragTo(editor, { targetPosition: { x: 40, y: 30 } });
    const text = await waitFor(async () => {
      const t = await workbench.visibleEditorText();
      return t.includes(ids.bad) ? t : undefined;
    }, 'the dragged task ID in the editor');
    assert.ok(text.includes(ids.bad));
  });

  it('stops tracking a task from its context menu', async () => {
    await workbench.openMjTasksView();
    await workbench.contextMenu(workbench.treeRow(prompts.slow), 'Stop Tracking');
    await waitFor(async () => !rowWith(await workbench.treeRows(), prompts.slow), 'the task to leave the list');
    const rows = await workbench.treeRows();
    assert.ok(rowWith(rows, prompts.ok) && rowWith(rows, prompts.bad), 'the other tasks stay');
  });

  it('fills Track Task… with task IDs selected in the editor', async () => {
    const id = workbench.simulator.createTask({ prompt: `compass ${RUN} selected`, status: 'SUCCESS' });
    await workbench.closeAllEditors();
    await workbench.writeFile('submit-log.txt', `submitted: {"code":1,"description":"Submit success","result":${id}}\n`);
    await workbench.openFile('submit-log.txt');
    // Select the line and wait until the editor says so (the status bar's "(N selected)").
    await waitFor(async () => {
      await workbench.selectAll();
      return (await workbench.statusBarItems()).some((t) => /\(\d+ selected\)/.test(t));
    }, 'the log line selected in the editor');
    await workbench.runCommand('MJ Tasks: Track Task…');
    const input = await workbench.waitForQuickInput();
    // Only the ID is filled in, not the words or JSON around it.
    assert.strictEqual(input.value, String(id));
    await workbench.page.locator('.quick-input-widget input').first().press('Enter');
    await pickSimulatorIfAsked();
    await rowOf(`compass ${RUN}`, 'the selected task in the tree', (r) => r.icons.includes('pass'));
  });

  it('clears finished tasks and keeps the running ones', async () => {
    await workbench.openMjTasksView();
    await workbench.runCommand('MJ Tasks: Clear Finished');
    await waitFor(async () => {
      const rows = await workbench.treeRows();
      return rows.length > 0 && rows.every((r) => !r.icons.includes('pass') && !r.icons.includes('error')) ? rows : undefined;
    }, 'only unfinished tasks left');
    const message = await waitFor(async () => (await workbench.statusBarItems()).find((t) => /Finished tasks cleared: \d+/.test(t)), 'the quiet status-bar confirmation');
    assert.ok(message);
  });
});
