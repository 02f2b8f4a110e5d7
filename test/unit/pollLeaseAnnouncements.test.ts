import * as FakeTimers from '@sinonjs/fake-timers';
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ANNOUNCED_FILE, AnnounceLedger } from '../../src/core/announceLedger';
import { folderFiles, SmallFiles } from '../../src/core/smallFiles';
import { TaskStore } from '../../src/core/taskStore';
import { Announcer } from '../../src/notifications/announcer';
import { FinishWatch } from '../../src/notifications/finishWatch';
import { makeTask } from './taskFixture';
import { MemoryStorage } from './taskStoreHarness';

// One finished task, one announcement across windows: the shared list of announced tasks, which
// tasks count as finished, and windows handing the lease over between a finish and its announcement.

const NOW = 1_700_000_000_000;

describe('announcing completions once across windows', () => {
  let dir: string;
  let files: SmallFiles;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-announced-'));
    files = folderFiles(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the shared list of announced tasks', () => {
    it('gives each ID out once, whichever window asks', () => {
      const a = new AnnounceLedger(files);
      const b = new AnnounceLedger(files);
      assert.deepEqual(a.claim(['1', '2', '2'], NOW), ['1', '2']);
      assert.deepEqual(b.claim(['2', '3'], NOW + 1), ['3']);
      assert.deepEqual(a.claim(['1', '3'], NOW + 2), []);
    });

    it('forgets entries after the keep time, and beyond the most it keeps the newest', () => {
      const l = new AnnounceLedger(files, { keepMs: 1_000, maxEntries: 2 });
      l.claim(['old'], NOW);
      l.claim(['a'], NOW + 900);
      l.claim(['b'], NOW + 1_500); // 'old' is past the keep time now
      assert.deepEqual(Object.keys(JSON.parse(files.read(ANNOUNCED_FILE)!).announced).sort(), ['a', 'b']);
      l.claim(['c'], NOW + 1_600); // three within the keep time: 'a' goes
      assert.deepEqual(Object.keys(JSON.parse(files.read(ANNOUNCED_FILE)!).announced).sort(), ['b', 'c']);
    });

    it('reads a damaged file as empty, says so, and writes a good one', () => {
      fs.writeFileSync(path.join(dir, ANNOUNCED_FILE), '{"version":1,"announced":{"1":17');
      const logs: string[] = [];
      const l = new AnnounceLedger(files, { log: (m) => logs.push(m) });
      assert.deepEqual(l.claim(['1'], NOW), ['1']);
      assert.equal(logs.length, 1);
      assert.deepEqual(JSON.parse(files.read(ANNOUNCED_FILE)!), { version: 1, announced: { '1': NOW } });
    });

    it('announces rather than stays silent when the list cannot be written', () => {
      const logs: string[] = [];
      const broken: SmallFiles = {
        read: () => undefined,
        write: () => {
          throw new Error('ENOSPC: no space left on device');
        },
      };
      assert.deepEqual(new AnnounceLedger(broken, { log: (m) => logs.push(m) }).claim(['1'], NOW), ['1']);
      assert.match(logs[0], /ENOSPC/);
    });
  });

  describe('what counts as finished', () => {
    it('a task seen running that is fetched finished; not one first fetched finished', () => {
      const store = new TaskStore(new MemoryStorage(), () => undefined, () => NOW, { writeDelayMs: 0 });
      const watch = new FinishWatch(store.all());
      const seen: string[] = [];
      store.onDidChange((c) => seen.push(...watch.finished(c, (id) => store.get(id)).map((t) => t.id)));
      store.add(['run', 'done'], 'p');
      store.applyResult('run', makeTask('run', 'IN_PROGRESS'));
      store.applyResult('done', makeTask('done', 'SUCCESS'));
      assert.deepEqual(seen, []);
      store.applyResult('run', makeTask('run', 'FAILURE'));
      store.applyResult('run', makeTask('run', 'FAILURE', { failReason: 'again' }));
      assert.deepEqual(seen, ['run']);
      store.dispose();
    });
  });

  describe('two windows on one task list', () => {
    type Window = { store: TaskStore; holder: boolean; told: string[][]; announcer: Announcer };
    let clock: FakeTimers.Clock;
    let storage: MemoryStorage;
    const windows: Window[] = [];

    beforeEach(() => {
      clock = FakeTimers.createClock(NOW);
      storage = new MemoryStorage(true); // each window reads its own copy, as globalState hands out
    });
    afterEach(() => {
      for (const w of windows.splice(0)) {
        w.announcer.dispose();
        w.store.dispose();
      }
    });

    function openWindow(holder: boolean, ledger: AnnounceLedger | undefined = new AnnounceLedger(files)): Window {
      const store = new TaskStore(storage, () => undefined, () => clock.now, {
        writeDelayMs: 0,
        timers: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId) },
      });
      const w = { store, holder, told: [] as string[][] } as Window;
      w.announcer = new Announcer({ store, isHolder: () => w.holder, ledger, wanted: (ts) => ts, show: (ts) => w.told.push(ts.map((t) => t.id)), now: () => clock.now });
      windows.push(w);
      return w;
    }
    function takeLease(w: Window): void {
      w.holder = true;
      w.announcer.announcePending();
    }
    async function settle(): Promise<void> {
      await clock.tickAsync(10); // the stores' writes land
    }

    /** A polling (A) and a following (B), both with the task 't' running. */
    async function twoWindowsTracking(): Promise<[Window, Window]> {
      const a = openWindow(true);
      const b = openWindow(false);
      a.store.add(['t'], 'p');
      a.store.applyResult('t', makeTask('t', 'IN_PROGRESS'));
      await settle();
      b.store.reload();
      assert.equal(b.store.get('t')?.task?.status, 'IN_PROGRESS');
      return [a, b];
    }
    function handOver(from: Window, to: Window): void {
      from.holder = false;
      takeLease(to);
    }

    it('the polling window announces a finish once; the other, following, announces nothing, not even after taking over', async () => {
      const [a, b] = await twoWindowsTracking();
      a.store.applyResult('t', makeTask('t', 'SUCCESS'));
      await settle();
      b.store.reload();
      assert.equal(b.store.get('t')?.task?.status, 'SUCCESS');
      handOver(a, b);
      assert.deepEqual(a.told, [['t']]);
      assert.deepEqual(b.told, []);
    });

    it('a finish another window fetched (a Refresh there) is announced by the polling window when it sees it', async () => {
      const [a, b] = await twoWindowsTracking();
      b.store.applyResult('t', makeTask('t', 'SUCCESS')); // B's explicit refresh
      await settle();
      assert.deepEqual(b.told, [], 'B does not poll for everyone: it does not announce');
      a.store.reload();
      assert.deepEqual(a.told, [['t']]);
      // A's own next fetch of it changes nothing.
      a.store.applyResult('t', makeTask('t', 'SUCCESS'));
      takeLease(b);
      assert.deepEqual(a.told, [['t']]);
      assert.deepEqual(b.told, []);
    });

    it('a hand-over between the finish and its announcement: the window taking over announces it, once', async () => {
      const [a, b] = await twoWindowsTracking();
      // The poll that saw it finish was B's own refresh, and A closed before it saw B's write.
      b.store.applyResult('t', makeTask('t', 'FAILURE'));
      handOver(a, b);
      assert.deepEqual(b.told, [['t']]);
      // A, reopened or waking, merges and polls: nothing more.
      await settle();
      a.store.reload();
      takeLease(a);
      assert.deepEqual(a.told, []);
    });

    it('a window taking over before its copy of the list caught up does not announce again what the last one announced', async () => {
      const [a, b] = await twoWindowsTracking();
      a.store.applyResult('t', makeTask('t', 'SUCCESS'));
      assert.deepEqual(a.told, [['t']]);
      // A hands over before its store's write reaches B; B polls the task itself and sees it finish.
      handOver(a, b);
      b.store.applyResult('t', makeTask('t', 'SUCCESS'));
      assert.deepEqual(b.told, []);
    });

    it('without a shared folder each window decides alone (as before the lease)', async () => {
      const a = openWindow(true, undefined);
      a.store.add(['t'], 'p');
      a.store.applyResult('t', makeTask('t', 'IN_PROGRESS'));
      a.store.applyResult('t', makeTask('t', 'SUCCESS'));
      assert.deepEqual(a.told, [['t']]);
    });
  });
});
