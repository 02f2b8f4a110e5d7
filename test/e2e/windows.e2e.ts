// Two windows of one VS Code profile (two pages on one code-server: two extension hosts sharing
// the global storage folder): one polls for both, and a finished task is announced once.
//
// The simulator tells the windows apart by the path they ask: the second window opens the same
// folder through a workspace file whose settings point the same provider at the simulator's
// `/api` mount (which answers like its root), so its requests read `/api/mj/task/…` and the first
// window's `/mj/task/…`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { LoggedRequest } from '../../src/simulator';
import {
  focusOnly,
  openSecondWindow,
  PROVIDER,
  readGlobalStorageFile,
  restoreFocus,
  RUN_DIR,
  SecondWindow,
  trackTasks,
  TreeRow,
  useWorkbench,
  waitFor,
  workbench,
  WORKSPACE,
} from './harness/index';

/** A word no other suite's task carries. */
const RUN = `w${Date.now().toString(36)}`;
const TASK_ROUTE = /^(GET|POST) \/mj\/task\//;

const fromSecond = (r: LoggedRequest) => r.path.startsWith('/api/');
const taskRequests = () => workbench.simulator.requestLog().filter((r) => TASK_ROUTE.test(r.key));
const describeRequests = (rs: LoggedRequest[]) => JSON.stringify(rs.map((r) => `${r.path} [${r.ids.join(',')}]`));

function leaseOwner(): string | null | undefined {
  const text = readGlobalStorageFile('poll-lease.json');
  try {
    return text === undefined ? undefined : (JSON.parse(text) as { owner: string | null }).owner;
  } catch {
    return undefined;
  }
}

async function rowOf(text: string, what: string, check: (r: TreeRow) => boolean, timeoutMs = 30_000): Promise<TreeRow> {
  return waitFor(
    async () => {
      const r = (await workbench.treeRows()).find((row) => row.text.includes(text));
      return r && check(r) ? r : undefined;
    },
    what,
    timeoutMs,
  );
}
const running = (r: TreeRow) => r.icons.includes('sync');
const succeeded = (r: TreeRow) => r.icons.includes('pass');

/** Every notification of the window the helpers point at that mentions `text`, toasts and centre. */
async function noticesAbout(text: string): Promise<string[]> {
  const all = await workbench.notifications({ openCentre: true });
  await workbench.dismissOverlays();
  return [...new Set(all.map((n) => n.message))].filter((m) => m.includes(text));
}

describe('Windows', () => {
  useWorkbench();

  const prompt = `lighthouse ${RUN}`;
  const later = `beacon ${RUN}`;
  let id = '';
  let laterId = '';
  let second: SecondWindow | undefined;
  let secondOwner: string | null | undefined;
  const pages = () => [workbench.page, ...(second && !second.page.isClosed() ? [second.page] : [])];

  after(async function () {
    this.timeout(30_000);
    await restoreFocus(pages()).catch(() => undefined);
    if (second && !second.page.isClosed()) await second.close();
  });

  it('polls from the focused window only and announces a finished task once across both', async function () {
    this.timeout(240_000);
    const sim = workbench.simulator;
    id = sim.createTask({ prompt, status: 'IN_PROGRESS', progress: 30, frozen: true });
    await workbench.openMjTasksView();
    await trackTasks(id);
    await rowOf(prompt, 'the task running in the first window', running);

    const workspaceFile = path.join(RUN_DIR, 'second-window.code-workspace');
    fs.writeFileSync(
      workspaceFile,
      JSON.stringify({
        folders: [{ path: WORKSPACE }],
        settings: { 'mjTasks.providers': [{ name: PROVIDER, baseUrl: `${sim.url}/api`, auth: 'bearer' }], 'mjTasks.defaultProvider': PROVIDER },
      }),
    );
    second = await openSecondWindow(`workspace=${encodeURIComponent(workspaceFile)}`);
    const other = second;
    await other.use(async () => {
      await workbench.openMjTasksView();
      await trackTasks(id); // tracked already (the list is shared) or tracked now: either way it shows
      await rowOf(prompt, 'the task running in the second window', running);
    });

    // The user turns to the second window: it asks for the lease, the first hands it over.
    await focusOnly(other.page, pages());
    sim.resetCounts();
    await waitFor(() => taskRequests().filter((r) => fromSecond(r) && r.ids.includes(id)).length >= 2, 'the second window to poll the task', 60_000);
    secondOwner = leaseOwner();
    assert.ok(secondOwner, `the lease names the second window: ${readGlobalStorageFile('poll-lease.json')}`);

    // From one window only, until the task has finished and been announced.
    sim.resetCounts();
    sim.completeTask(id, 'SUCCESS');
    await other.use(async () => {
      await rowOf(prompt, 'the task to succeed in the second window', succeeded, 60_000);
      await workbench.waitForNotification(`finished: ${prompt}`, 30_000);
      await workbench.screenshot('Windows', 'the focused second window polled and announced');
    });
    const polled = taskRequests();
    assert.ok(polled.some((r) => r.ids.includes(id)), `the task was fetched: ${describeRequests(polled)}`);
    assert.deepStrictEqual(polled.filter((r) => !fromSecond(r)), [], `every request came from the second window: ${describeRequests(polled)}`);
    assert.strictEqual(leaseOwner(), secondOwner, 'the second window held the lease throughout');

    // Back in the first window, the user refreshes: that polls there, at once, and its tree catches up.
    await focusOnly(workbench.page, pages());
    sim.resetCounts();
    await workbench.runCommand('MJ Tasks: Refresh All');
    await rowOf(prompt, 'the task to show succeeded in the first window', succeeded);
    assert.ok(
      taskRequests().some((r) => !fromSecond(r) && r.ids.includes(id)),
      `the refresh asked from the first window: ${describeRequests(taskRequests())}`,
    );
    // Focused, it takes the lease over, which shows as it polling in the background. It saw the
    // task finish itself (the refresh) but knows the other window announced it.
    laterId = sim.createTask({ prompt: later, status: 'IN_PROGRESS', progress: 10, frozen: true });
    await trackTasks(laterId);
    await rowOf(later, 'the next task in the first window', running);
    sim.resetCounts();
    await waitFor(() => taskRequests().some((r) => !fromSecond(r) && r.ids.includes(laterId)), 'the first window to poll in the background', 30_000);
    assert.notStrictEqual(leaseOwner(), secondOwner);
    await workbench.screenshot('Windows', 'the first window after its refresh');

    const inFirst = await noticesAbout(prompt);
    const inSecond = await other.use(() => noticesAbout(prompt));
    assert.deepStrictEqual([inFirst.length, inSecond.length], [0, 1], `one notification across both windows: first ${JSON.stringify(inFirst)}, second ${JSON.stringify(inSecond)}`);
  });

  it('closing the window that polls frees the lease, and the other takes the polling over at once', async function () {
    this.timeout(120_000);
    assert.ok(second && laterId && secondOwner, 'the first test set the windows up');
    const sim = workbench.simulator;
    const other = second;
    await other.use(async () => {
      await trackTasks(laterId);
      await rowOf(later, 'the next task in the second window', running);
    });
    await focusOnly(other.page, pages());
    sim.resetCounts();
    await waitFor(() => taskRequests().some((r) => fromSecond(r) && r.ids.includes(laterId)), 'the second window to poll again', 30_000);
    const held = JSON.parse(readGlobalStorageFile('poll-lease.json')!) as { owner: string; term: number };
    assert.strictEqual(held.owner, secondOwner);

    // Neither window focused (the user is in another tab), so the closing one has nobody to hand to.
    const elsewhere = await workbench.context.newPage();
    try {
      await focusOnly(elsewhere, pages());
      await other.close();
      const next = await waitFor(() => {
        const text = readGlobalStorageFile('poll-lease.json');
        const l = text ? (JSON.parse(text) as { owner: string | null; term: number }) : undefined;
        return l && l.owner && l.owner !== secondOwner ? l : undefined;
      }, 'the first window to take the lease', 30_000);
      // Freed on closing (one term) and claimed (another): not a lease left to run out (one term).
      assert.strictEqual(next.term, held.term + 2, `the lease was released on closing: term ${held.term} → ${next.term}`);
      sim.resetCounts();
      await waitFor(() => taskRequests().some((r) => !fromSecond(r) && r.ids.includes(laterId)), 'the first window to poll', 30_000);
      assert.deepStrictEqual(taskRequests().filter(fromSecond), [], 'the closed window polls no more');
    } finally {
      await elsewhere.close();
    }
    await workbench.screenshot('Windows', 'the first window polls alone');
  });
});
