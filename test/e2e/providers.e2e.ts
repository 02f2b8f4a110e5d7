// Several servers side by side: add a provider through the guided input, set its key, test the
// connection against simulators of each dialect, and track a task on the second provider.
import * as assert from 'assert';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { startSimulator, type Simulator } from '../../src/simulator';
import { answerQuickInput, readmeShot, useWorkbench, waitFor, workbench } from './harness/index';

const RUN = `p${Date.now().toString(36)}`;

/** Types into the step of a guided input whose title says `step` (e.g. "2/4"), then Enter. */
async function answer(step: string, text: string): Promise<void> {
  await workbench.waitForQuickInput({ placeholder: new RegExp(step.replace('/', '\\/')) });
  await answerQuickInput(text);
}

async function addProvider(name: string, baseUrl: string, authLabel: RegExp, key: string | null): Promise<void> {
  await workbench.runCommand('MJ Tasks: Add Provider…');
  await answer('1/4', name);
  await answer('2/4', baseUrl);
  await workbench.waitForQuickInput({ placeholder: /3\/4/ });
  await workbench.pickQuickInputRow(authLabel);
  if (key !== null) {
    const step = await workbench.waitForQuickInput({ placeholder: /4\/4/ });
    assert.match(step.title, /4\/4/);
    const type = await workbench.page.locator('.quick-input-widget input').first().getAttribute('type');
    assert.strictEqual(type, 'password', 'the key is typed into a password field');
    await answerQuickInput(key);
  }
}

describe('Providers', () => {
  useWorkbench();
  const sims: Simulator[] = [];
  let trueai: Simulator;
  let novicezk: Simulator;
  let newapi: Simulator;

  before(async () => {
    // Frozen like the run's own simulator: their tasks move only when a test says so.
    trueai = await startSimulator({ port: 0, dialect: 'trueai', apiKey: 'trueai-secret-key', frozen: true });
    novicezk = await startSimulator({ port: 0, dialect: 'novicezk', apiKey: 'novicezk-secret-key', frozen: true });
    newapi = await startSimulator({ port: 0, dialect: 'newapi', apiKey: 'newapi-secret-key', frozen: true });
    sims.push(trueai, novicezk, newapi);
  });
  after(async () => {
    // One provider again, as the suites after this one expect (Track Task asks which provider when there are two).
    const listed = async () => {
      await workbench.runCommand('MJ Tasks: Remove Provider…');
      await workbench.waitForQuickInput({ placeholder: /Remove which provider/ });
      return (await workbench.quickInputRows()).some((r) => r.startsWith(`Own proxy ${RUN}`));
    };
    if (await listed()) {
      await answerQuickInput(`Own proxy ${RUN}`, { enter: false });
      await workbench.pickQuickInputRow(`Own proxy ${RUN}`);
      const dialog = workbench.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
    } else {
      await workbench.closeQuickInput();
    }
    await Promise.all(sims.map((s) => s.close()));
  });

  it('tests the connection of the configured provider (newapi dialect): OK', async () => {
    await workbench.runCommand('MJ Tasks: Test Connection');
    // More than one provider may exist when this runs again; pick the simulator if asked.
    const asked = await workbench.waitForQuickInput({ timeoutMs: 3000 }).catch(() => undefined);
    if (asked) {
      await workbench.pickQuickInputRow('Simulator');
    }
    const ok = await workbench.waitForNotification(/Simulator: OK — .* is reachable and accepted the key\./);
    assert.strictEqual(ok.severity, 'info');
  });

  it('adds a trueai provider through the guided input; the connection test says OK', async () => {
    await addProvider(`Home trueai ${RUN}`, trueai.url, /^Authorization: <key>$/, 'trueai-secret-key');
    await workbench.waitForNotification(new RegExp(`Home trueai ${RUN}: OK`), 20_000);
  });

  it('names a wrong key, then accepts the right one set with Set API Key', async () => {
    await workbench.clearNotifications();
    await workbench.runCommand('MJ Tasks: Set API Key…');
    await workbench.waitForQuickInput({ placeholder: /Set the API key of which provider/ });
    await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
    await answer('API Key for', 'not-the-key');
    const failed = await workbench.waitForNotification(new RegExp(`Home trueai ${RUN}: connection failed`), 20_000);
    assert.match(failed.message, /API key was not accepted/);
    assert.doesNotMatch(failed.message, /not-the-key/, 'the key never appears in a message');
    assert.deepStrictEqual(failed.buttons, ['Set API Key', 'Open Settings']);

    await workbench.clearNotifications();
    await workbench.runCommand('MJ Tasks: Set API Key…');
    await workbench.waitForQuickInput({ placeholder: /Set the API key of which provider/ });
    await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
    await answer('API Key for', 'trueai-secret-key');
    await workbench.waitForNotification(new RegExp(`Home trueai ${RUN}: OK`), 20_000);
  });

  it('refuses a pasted key holding a zero-width space or a line break, saying where, never echoing it', async () => {
    await workbench.clearNotifications();
    await workbench.runCommand('MJ Tasks: Set API Key…');
    await workbench.waitForQuickInput({ placeholder: /Set the API key of which provider/ });
    await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
    // The key's input box by its own title: the provider pick can still show for a moment after the
    // click, and a paste into it would be lost when the input box takes its place.
    await workbench.waitForQuickInput({ placeholder: `API Key for Home trueai ${RUN}` });
    // Pasted as a person pastes it from a web page or a key file. A browser's input drops the
    // line break itself (an <input> cannot hold one); the zero-width space stays and is refused.
    await workbench.writeClipboard('trueai-\u200bsecret-key\r\n');
    await workbench.page.keyboard.press('Control+V');
    const message = await waitFor(async () => {
      const text = (await workbench.page.locator('.quick-input-widget .quick-input-message').textContent()) ?? '';
      return /invisible character/.test(text) ? text : null;
    }, 'the key input says what is wrong');
    assert.match(message, /Character 8 of (18|20) /);
    for (const part of ['trueai-', 'secret', '-key']) assert.ok(!message.includes(part), `no part of the key (${part}) in "${message}"`);
    await workbench.page.keyboard.press('Enter');
    assert.ok(await workbench.page.locator('.quick-input-widget').isVisible(), 'Enter does not take a refused key');
    await workbench.screenshot('Providers', 'a pasted key with a zero-width space is refused');
    await workbench.closeQuickInput();
  });

  it('adds a novicezk provider (mj-api-secret): OK; a Bearer scheme against it is refused', async () => {
    await workbench.clearNotifications();
    await addProvider(`Own proxy ${RUN}`, `${novicezk.url}/mj`, /^mj-api-secret: <key>$/, 'novicezk-secret-key');
    await workbench.waitForNotification(new RegExp(`Own proxy ${RUN}: OK`), 20_000);
    await addProvider(`Wrong scheme ${RUN}`, novicezk.url, /^Authorization: Bearer <key>$/, 'novicezk-secret-key');
    const refused = await workbench.waitForNotification(new RegExp(`Wrong scheme ${RUN}: connection failed`), 20_000);
    assert.match(refused.message, /API key was not accepted/);
  });

  it('names a wrong base URL: nothing listening, a web page instead of the API, a bare 404', async () => {
    await workbench.clearNotifications();
    await addProvider(`Nowhere ${RUN}`, 'http://127.0.0.1:9', /^No key$/, null);
    const unreachable = await workbench.waitForNotification(new RegExp(`Nowhere ${RUN}: connection failed`), 30_000);
    assert.match(unreachable.message, /could not reach the server/);

    await workbench.clearNotifications();
    trueai.setFaults([{ kind: 'html', path: 'GET /mj/task/:id/fetch' }]);
    try {
      await workbench.runCommand('MJ Tasks: Test Connection');
      await workbench.waitForQuickInput({ placeholder: /Test the connection to which provider/ });
      await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
      const page = await workbench.waitForNotification(new RegExp(`Home trueai ${RUN}: connection failed`), 20_000);
      assert.match(page.message, /HTML page instead of JSON.*base URL is probably wrong/);

      // A 404 with nothing in it is what any web server answers: not taken for "no such task".
      await workbench.clearNotifications();
      trueai.setFaults([{ kind: 'empty', status: 404 }]);
      await workbench.runCommand('MJ Tasks: Test Connection');
      await workbench.waitForQuickInput({ placeholder: /Test the connection to which provider/ });
      await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
      const bare = await workbench.waitForNotification(new RegExp(`Home trueai ${RUN}: connection failed`), 20_000);
      assert.match(bare.message, /no such endpoint.*base URL is probably wrong/);
    } finally {
      trueai.clearFaults();
    }
  });

  it('names a wrong key and a wrong base URL in each dialect, as each server says them', async function () {
    this.timeout(120_000);
    const cases: [string, Simulator, RegExp, RegExp][] = [
      ['newapi', newapi, /^Authorization: Bearer <key>$/, /HTML page instead of JSON/],
      ['novicezk', novicezk, /^mj-api-secret: <key>$/, /HTML page instead of JSON/],
      ['trueai', trueai, /^Authorization: <key>$/, /no such endpoint/],
    ];
    for (const [dialect, sim, scheme, wrongUrl] of cases) {
      await workbench.clearNotifications();
      await addProvider(`Bad key ${dialect} ${RUN}`, sim.url, scheme, 'not-the-key-0123');
      const key = await workbench.waitForNotification(new RegExp(`Bad key ${dialect} ${RUN}: connection failed`), 20_000);
      assert.match(key.message, /the API key was not accepted.*Check the API key and the auth scheme/, dialect);

      await workbench.clearNotifications();
      await addProvider(`Bad URL ${dialect} ${RUN}`, `${sim.url}/console/tasks`, scheme, sim.apiKey);
      const url = await workbench.waitForNotification(new RegExp(`Bad URL ${dialect} ${RUN}: connection failed`), 20_000);
      assert.match(url.message, wrongUrl, dialect);
      assert.match(url.message, /base URL is probably wrong/, dialect);
    }
  });

  it('shows a link that a hostile server puts in its answer as text, never as a command to click', async () => {
    // Notifications render [label](command:…) as a link that runs the command: server text must not.
    const hostile = http.createServer((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'key expired, [renew it here](command:workbench.action.openSettings) now' } }));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      await workbench.clearNotifications();
      await addProvider(`Hostile ${RUN}`, `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`, /^Authorization: Bearer <key>$/, 'some-key-0123');
      const toast = await workbench.waitForNotification(new RegExp(`Hostile ${RUN}: connection failed`), 20_000);
      assert.match(toast.message, /key expired, \[renew it here\] \(command:workbench\.action\.openSettings\) now/);
      const links = await workbench.page.locator('.notifications-toasts .notification-list-item-message a').count();
      assert.strictEqual(links, 0, 'no link in the toast');
    } finally {
      hostile.closeAllConnections();
      hostile.close();
    }
  });

  it('rejects a base URL that is not http(s) while typing it', async () => {
    await workbench.runCommand('MJ Tasks: Add Provider…');
    await answer('1/4', `Typo ${RUN}`);
    await workbench.waitForQuickInput({ placeholder: /2\/4/ });
    await answerQuickInput('ftp//example', { enter: false });
    // The prompt shows until validation (debounced) replaces it with what is wrong.
    const message = await waitFor(async () => {
      const text = (await workbench.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '')).trim();
      return /is not a URL/.test(text) ? text : undefined;
    }, 'the validation message');
    assert.match(message, /"ftp\/\/example" is not a URL\. Enter the API root with http:\/\/ or https:\/\//);
    await workbench.closeQuickInput();
  });

  it('tracks a task on the second provider, next to the simulator tasks', async () => {
    const id = trueai.createTask({ prompt: `harbour ${RUN} trueai`, status: 'SUCCESS' });
    await workbench.openMjTasksView();
    await workbench.runCommand('MJ Tasks: Track Task…');
    await workbench.waitForQuickInput();
    await answerQuickInput(id);
    await workbench.waitForQuickInput({ placeholder: /Which provider/ });
    const offered = await workbench.quickInputRows();
    assert.ok(offered.includes('Simulator') && offered.includes(`Home trueai ${RUN}`), JSON.stringify(offered));
    await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
    await waitFor(
      async () => (await workbench.treeRows()).find((r) => r.text.includes(`harbour ${RUN}`) && r.icons.includes('pass')),
      'the trueai task, succeeded, in the tree',
    );

    await workbench.runCommand('MJ Tasks: Group Tasks By…');
    await workbench.waitForQuickInput();
    await workbench.pickQuickInputRow('By provider');
    const groups = await waitFor(async () => {
      const labels = (await workbench.treeRows()).filter((r) => r.level === 1).map((r) => r.label);
      return labels.includes('Simulator') && labels.includes(`Home trueai ${RUN}`) ? labels : undefined;
    }, 'a group per provider');
    assert.ok(groups.length >= 2);
  });

  it('removes providers after a confirmation, keeping their tasks listed', async function () {
    this.timeout(150_000);
    // A task still running on the provider to remove, beside the finished one tracked above.
    const running = trueai.createTask({ prompt: `ferry ${RUN} orphan`, status: 'IN_PROGRESS', progress: 40, frozen: true });
    await workbench.runCommand('MJ Tasks: Track Task…');
    await workbench.waitForQuickInput();
    await answerQuickInput(running);
    await workbench.waitForQuickInput({ placeholder: /Which provider/ });
    await workbench.pickQuickInputRow(`Home trueai ${RUN}`);
    await waitFor(
      async () => (await workbench.treeRows()).find((r) => r.text.includes(`ferry ${RUN}`) && r.icons.includes('sync')),
      'the running trueai task in the tree',
      30_000,
    );

    const added = ['newapi', 'novicezk', 'trueai'].flatMap((d) => [`Bad key ${d} ${RUN}`, `Bad URL ${d} ${RUN}`]);
    for (const name of [`Nowhere ${RUN}`, `Wrong scheme ${RUN}`, `Hostile ${RUN}`, ...added, `Home trueai ${RUN}`]) {
      await workbench.runCommand('MJ Tasks: Remove Provider…');
      await workbench.waitForQuickInput({ placeholder: /Remove which provider/ });
      // Filtered first: the list is longer than the widget shows, and only shown rows can be picked.
      await answerQuickInput(name, { enter: false });
      await workbench.pickQuickInputRow(name);
      const dialog = workbench.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible' });
      const tracked = name === `Home trueai ${RUN}` ? 2 : 0;
      assert.match(await dialog.innerText(), new RegExp(`Remove the provider "${name}" and its API key\\?[^]*Tracked tasks on it \\(${tracked}\\) stay in the list`));
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    // The settings write of the last removal lands a moment after its dialog closes: look again until it has.
    let left: string[] = [];
    await waitFor(async () => {
      await workbench.runCommand('MJ Tasks: Test Connection');
      await workbench.waitForQuickInput({ placeholder: /Test the connection to which provider/ });
      left = await workbench.quickInputRows();
      await workbench.closeQuickInput();
      return !left.some((l) => /^(Nowhere|Wrong scheme|Hostile|Bad key|Bad URL|Home trueai) /.test(l));
    }, 'the removed providers to be gone from the list', 15_000).catch(() => assert.fail(`still listed: ${JSON.stringify(left)}`));
    assert.ok(left.includes('Simulator') && left.includes(`Own proxy ${RUN}`), `the others stay: ${JSON.stringify(left)}`);

    // Their tasks stay listed; the running one says why it no longer moves once it is polled again.
    const orphan = await waitFor(
      async () => (await workbench.treeRows()).find((r) => r.text.includes(`ferry ${RUN}`) && /provider not configured/.test(r.description)),
      'the running task of the removed provider, marked "provider not configured"',
      60_000,
    );
    assert.ok(!orphan.icons.includes('sync'), `no longer shown as running: ${JSON.stringify(orphan.icons)}`);
    assert.ok((await workbench.treeRows()).some((r) => r.text.includes(`harbour ${RUN}`) && r.icons.includes('pass')), 'the finished task stays listed');

    await workbench.screenshot('Providers', 'removed providers - their tasks still listed');

    // Not left behind for the suites after this one.
    await workbench.contextMenu(workbench.treeRow(`ferry ${RUN}`), 'Stop Tracking');
    await waitFor(async () => !(await workbench.treeRows()).some((r) => r.text.includes(`ferry ${RUN}`)), 'the orphaned task to leave the list');
  });

  it('shows the provider settings with their descriptions', async () => {
    // Back to a flat list for the suites after this one.
    await workbench.runCommand('MJ Tasks: Group Tasks By…');
    await workbench.waitForQuickInput();
    await workbench.pickQuickInputRow('No grouping (newest first)');
    await workbench.closeQuickInput();
    await workbench.closeAllEditors();
    const body = await workbench.searchSettings('Preferences: Open Settings (UI)', '@ext:mj-tasks.mj-tasks');
    await waitFor(async () => (await body.locator('.setting-item-title').allInnerTexts()).some((t) => /Poll Interval Seconds/.test(t)), 'the MJ Tasks settings');
    const text = await body.innerText();
    assert.match(text, /Midjourney-proxy servers and relays you track tasks on/);
    assert.match(text, /Notifications/);
    await readmeShot('settings');
  });
});
