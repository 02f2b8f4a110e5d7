// Task IDs where the developer already sees them: a hover on an ID in a Python file (status and
// thumbnail for a tracked task, "Track this task" for another, with no request made for it until
// the link is pressed), the inline status after a tracked ID that follows the simulator, and the
// key that opens the preview of the ID under the cursor. The run's simulator is frozen: every
// task moves when the test says so.
import * as assert from 'assert';
import { trackTasks, useWorkbench, waitFor, workbench, type HoverDom } from './harness/index';

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any; // page.evaluate() callbacks run in the browser (see harness/quickInput.ts)
declare const getComputedStyle: any;
type Element = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** A word no other suite's task carries. */
const RUN = `e${Date.now().toString(36)}`;

/**
 * The middle of `id` where the editor draws it, or undefined while it is not on screen. The editor
 * cuts long tokens (a comment) into several spans, so the ID may straddle two text nodes.
 */
async function idCentre(id: string): Promise<{ x: number; y: number } | undefined> {
  return workbench.page.evaluate((wanted: string) => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
    for (const line of lines) {
      const nodes: Element[] = [];
      const walker = document.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
      const text = nodes.map((n) => n.textContent as string).join('');
      const at = text.indexOf(wanted);
      if (at < 0) continue;
      const locate = (offset: number): [Element, number] => {
        let rest = offset;
        for (const n of nodes) {
          const length = (n.textContent as string).length;
          if (rest <= length) return [n, rest];
          rest -= length;
        }
        return [nodes[nodes.length - 1], (nodes[nodes.length - 1].textContent as string).length];
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + wanted.length));
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return undefined;
  }, id);
}

/** Points the mouse at `id` in the editor until its hover shows `expect`. */
async function hoverOn(id: string, expect: string | RegExp): Promise<HoverDom> {
  return workbench.hoverUntil(
    async () => {
      const at = await idCentre(id);
      if (at) {
        await workbench.page.mouse.move(at.x, at.y - 40);
        await workbench.page.mouse.move(at.x, at.y, { steps: 2 });
      }
    },
    (h) => (typeof expect === 'string' ? h.text.includes(expect) : expect.test(h.text)),
    `the hover of ${id} to show ${String(expect)}`,
    20_000,
  );
}

/** What the editor draws after each line's text: the inline statuses, per line that has any. */
async function inlineStatuses(): Promise<{ line: string; after: string[] }[]> {
  return workbench.page.evaluate(() => {
    const lines = [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')];
    return lines
      .map((line: Element) => ({
        line: (line.textContent as string).replace(/\u00a0/g, ' '),
        after: [...line.querySelectorAll('span')]
          .map((s: Element) => getComputedStyle(s, '::after').content as string)
          .filter((c: string) => c && c !== 'none' && c !== 'normal')
          .map((c: string) => c.replace(/^"|"$/g, '')),
      }))
      .filter((l: { after: string[] }) => l.after.length > 0);
  });
}

/** Waits until the line holding `id` shows an inline status matching `expect`. */
async function statusAfter(id: string, expect: RegExp): Promise<string> {
  return waitFor(
    async () => (await inlineStatuses()).find((l) => l.line.includes(id))?.after.find((a) => expect.test(a)),
    `the inline status after ${id} to match ${String(expect)}`,
    30_000,
  );
}

function asked(id: string): boolean {
  return workbench.simulator.requestLog().some((r) => r.ids.includes(id));
}

describe('Task IDs in editors', () => {
  useWorkbench();

  const prompts = {
    done: `harbour ${RUN} done`,
    running: `orchard ${RUN} running`,
    stranger: `comet ${RUN} stranger`,
  };
  const ids = { done: '', running: '', stranger: '' };
  const file = `editor_ids_${RUN}.py`;

  before(async function () {
    this.timeout(120_000);
    const sim = workbench.simulator;
    ids.done = sim.createTask({ prompt: prompts.done, status: 'SUCCESS' });
    ids.running = sim.createTask({ prompt: prompts.running, status: 'IN_PROGRESS', progress: 40, frozen: true });
    // Submitted on the server, never tracked here: the hover must not ask about it.
    ids.stranger = sim.createTask({ prompt: prompts.stranger, status: 'SUCCESS' });
    await workbench.writeFile(
      file,
      [
        '"""Follow-ups to last night\'s batch."""',
        'import requests',
        '',
        `GRID_TASK = "${ids.done}"  # the lighthouse grid`,
        `UPSCALE_TASK = ${ids.running}`,
        '',
        `# log: 2024-11-03 12:00:01 INFO submitted task ${ids.stranger}`,
        'SUBMIT_TIME_US = 1730621826053455  # a timestamp, not a task',
        '',
        'def fetch(task_id):',
        '    return requests.get(f"http://127.0.0.1:8787/mj/task/{task_id}/fetch", timeout=30).json()',
        '',
      ].join('\n'),
    );
    await workbench.openMjTasksView();
    await trackTasks(`${ids.done} ${ids.running}`);
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompts.done) && r.icons.includes('pass')), 'the finished task in the tree');
    await workbench.openFile(file);
  });

  it('hovers a tracked ID in a .py file and shows its status, prompt, thumbnail and links', async () => {
    const hover = await hoverOn(ids.done, prompts.done);
    assert.match(hover.text, /Status: Succeeded/);
    assert.match(hover.text, /MJ Tasks · /);
    for (const link of ['Open Preview', 'Refresh']) assert.ok(hover.links.includes(link), `the hover links to ${link}: ${hover.links.join(', ')}`);
    // The simulator's image is http:, which the workbench does not load: the hover shows it as data:.
    assert.strictEqual(hover.images.length, 1, JSON.stringify(hover.images.map((i) => i.slice(0, 40))));
    assert.match(hover.images[0], /^data:image\/png;base64,/);
    await waitFor(async () => (await hoverOn(ids.done, prompts.done)).loadedImages > 0, 'the thumbnail in the hover to load');
  });

  it('hovers an untracked ID, makes no request for it, and tracks it from the hover', async () => {
    const hover = await hoverOn(ids.stranger, 'is not tracked');
    assert.ok(hover.links.includes('Track this task'), hover.links.join(', '));
    assert.match(hover.text, /on provider /);
    assert.strictEqual(asked(ids.stranger), false, 'no request for an untracked ID before Track');
    await workbench.page.locator('.monaco-hover a', { hasText: 'Track this task' }).click();
    await waitFor(async () => (await workbench.treeRows()).some((r) => r.text.includes(prompts.stranger)), 'the tracked task in the tree');
    assert.ok(asked(ids.stranger), 'tracking it asked the server');
    await statusAfter(ids.stranger, /✓ Succeeded/);
  });

  it('shows the inline status after tracked IDs only, and follows the simulator', async () => {
    await statusAfter(ids.done, /^✓ Succeeded$/);
    await statusAfter(ids.running, /^⟳ Running 40%$/);
    const lines = await inlineStatuses();
    assert.ok(!lines.some((l) => l.line.includes('1730621826053455')), 'the timestamp line has no status');
    assert.ok(!lines.some((l) => l.line.includes('task_id')), 'the code around it has no status');
    workbench.simulator.completeTask(ids.running, 'SUCCESS');
    await statusAfter(ids.running, /^✓ Succeeded$/);
  });

  it('opens the preview of the ID under the cursor by key', async () => {
    await workbench.dismissOverlays();
    const at = await waitFor(() => idCentre(ids.running), `${ids.running} on screen`);
    await workbench.page.mouse.click(at.x, at.y);
    await workbench.page.keyboard.press('Control+Alt+P');
    const frame = await workbench.webviewFrameWithText(prompts.running);
    assert.ok(frame, 'the preview shows the task under the cursor');
  });
});
