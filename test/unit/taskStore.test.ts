import * as assert from 'assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { NetworkError, TaskNotFoundError } from '../../src/core/errors';
import {
  newestFirst,
  StoreStorage,
  TASK_STORE_KEY,
  TaskStore,
  TaskStoreChange,
  TrackedTask,
} from '../../src/core/taskStore';
import { makeTask } from './taskFixture';


/** globalState stand-in. `clone` stores a JSON copy, as another window would read it. */
class MemoryStorage implements StoreStorage {
  readonly values = new Map<string, unknown>();
  updates = 0;
  /** When set, update() waits for this before storing (a slow disk). */
  gate: Promise<void> | null = null;
  failNext = false;
  constructor(private readonly clone = false) {}
  get(key: string): unknown {
    return this.values.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    this.updates++;
    if (this.gate) {
      await this.gate;
    }
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.values.set(key, this.clone ? JSON.parse(JSON.stringify(value)) : value);
  }
  doc(): { version: number; tasks: Array<Record<string, unknown>> } {
    return this.values.get(TASK_STORE_KEY) as { version: number; tasks: Array<Record<string, unknown>> };
  }
}

interface Harness {
  store: TaskStore;
  storage: MemoryStorage;
  clock: FakeTimers.Clock;
  logs: string[];
  changes: TaskStoreChange[];
  finished: TrackedTask[][];
}

function harness(storage = new MemoryStorage(), clock = FakeTimers.createClock(1_700_000_000_000)): Harness {
  const logs: string[] = [];
  const store = new TaskStore(storage, (m) => logs.push(m), () => clock.now, {
    timers: { setTimeout: (fn, ms) => clock.setTimeout(fn, ms), clearTimeout: (h) => clock.clearTimeout(h as FakeTimers.TimerId) },
    writeDelayMs: 250,
  });
  const changes: TaskStoreChange[] = [];
  const finished: TrackedTask[][] = [];
  store.onDidChange((e) => changes.push(e));
  store.onDidFinish((e) => finished.push(e));
  return { store, storage, clock, logs, changes, finished };
}

describe('TaskStore', () => {
  describe('tracking', () => {
    it('adds new IDs once, reports existing ones, and emits one change', () => {
      const h = harness();
      assert.deepEqual(h.store.add(['1', '2', '2', ''], 'relay'), { added: ['1', '2'], existing: [] });
      assert.deepEqual(h.store.add(['2', '3'], 'other'), { added: ['3'], existing: ['2'] });
      assert.deepEqual(
        h.changes.map((c) => c.added),
        [['1', '2'], ['3']],
      );
      assert.equal(h.store.get('2')?.provider, 'relay');
      assert.deepEqual(
        h.store.all().map((t) => t.id),
        ['1', '2', '3'],
      );
      const t = h.store.get('1')!;
      assert.equal(t.task, null);
      assert.equal(t.lastCheckedAt, null);
      assert.equal(t.addedAt, h.clock.now);
      assert.equal(t.lastChangedAt, h.clock.now);
    });

    it('active() holds unfetched and non-terminal tasks only', () => {
      const h = harness();
      h.store.add(['a', 'b', 'c', 'd'], 'p');
      h.store.applyResult('b', makeTask('b', 'IN_PROGRESS'));
      h.store.applyResult('c', makeTask('c', 'SUCCESS'));
      h.store.applyResult('d', makeTask('d', 'CANCEL'));
      assert.deepEqual(
        h.store.active().map((t) => t.id),
        ['a', 'b'],
      );
    });

    it('removes tasks and clears finished ones, emitting removed IDs', () => {
      const h = harness();
      h.store.add(['a', 'b', 'c', 'd'], 'p');
      h.store.applyResult('a', makeTask('a', 'SUCCESS'));
      h.store.applyResult('b', makeTask('b', 'FAILURE'));
      h.store.applyResult('c', makeTask('c', 'IN_PROGRESS'));
      h.changes.length = 0;
      assert.deepEqual(h.store.clearFinished().sort(), ['a', 'b']);
      assert.deepEqual(h.changes, [{ changed: [], added: [], removed: ['a', 'b'] }]);
      h.store.remove(['d', 'unknown']);
      assert.deepEqual(h.changes[1], { changed: [], added: [], removed: ['d'] });
      assert.deepEqual(
        h.store.all().map((t) => t.id),
        ['c'],
      );
    });

    it('sorts newest first by submitTime, falling back to addedAt', () => {
      const h = harness();
      h.store.add(['old'], 'p');
      h.clock.tick(1000);
      h.store.add(['new', 'submitted'], 'p');
      h.store.applyResult('submitted', makeTask('submitted', 'SUBMITTED', { submitTime: h.clock.now + 5000 }));
      assert.deepEqual(
        newestFirst(h.store.all()).map((t) => t.id),
        ['submitted', 'new', 'old'],
      );
    });
  });

  describe('applyResult / applyError / markStuck', () => {
    it("says 'changed' only when the observable state changed", () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.changes.length = 0;
      assert.equal(h.store.applyResult('1', makeTask('1', 'IN_PROGRESS', { progress: 10 })), 'changed');
      const firstChange = h.store.get('1')!.lastChangedAt;
      h.clock.tick(3000);
      // A new object with the same content: only lastCheckedAt moves, silently.
      assert.equal(h.store.applyResult('1', makeTask('1', 'IN_PROGRESS', { progress: 10 })), 'unchanged');
      assert.equal(h.store.get('1')!.lastChangedAt, firstChange);
      assert.equal(h.store.get('1')!.lastCheckedAt, h.clock.now);
      assert.equal(h.changes.length, 1);
      for (const extra of [
        { progress: 20 },
        { imageUrl: 'https://cdn/x.png' },
        { buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '' }] },
        { finalPrompt: 'a cat --v 7' },
        { imageUrls: ['https://cdn/1.png'] },
      ]) {
        h.clock.tick(3000);
        const before = h.store.get('1')!.task!;
        assert.equal(h.store.applyResult('1', { ...before, ...extra }), 'changed', JSON.stringify(extra));
        assert.equal(h.store.get('1')!.lastChangedAt, h.clock.now);
      }
      assert.equal(h.changes.length, 6);
      assert.ok(h.changes.every((c) => c.changed.length === 1 && c.changed[0].id === '1' && !c.added.length));
    });

    it('ignores results for untracked IDs', () => {
      const h = harness();
      assert.equal(h.store.applyResult('ghost', makeTask('ghost')), 'unchanged');
      assert.equal(h.store.all().length, 0);
      assert.equal(h.changes.length, 0);
    });

    it('records an error once per kind and clears it on the next result', () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.store.applyResult('1', makeTask('1'));
      h.changes.length = 0;
      const net = new NetworkError({ server: 'https://relay' }, 'ECONNRESET');
      h.store.applyError('1', net);
      h.store.applyError('1', net);
      h.store.applyError('1', new NetworkError({ server: 'https://relay' }, 'ETIMEDOUT'));
      assert.equal(h.changes.length, 1);
      assert.equal(h.store.get('1')!.error?.kind, 'Network');
      assert.equal(h.store.get('1')!.error?.hint, net.hint);
      h.store.applyError('1', new TaskNotFoundError({ server: 'relay', taskId: '1' }));
      assert.equal(h.changes.length, 2);
      assert.equal(h.store.get('1')!.error?.kind, 'TaskNotFound');
      // Same state again, but the error goes: that is a visible change.
      assert.equal(h.store.applyResult('1', makeTask('1')), 'unchanged');
      assert.equal(h.store.get('1')!.error, null);
      assert.equal(h.changes.length, 3);
    });

    it('marks stuck once, and a change un-sticks the task', () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.store.applyResult('1', makeTask('1'));
      h.changes.length = 0;
      h.store.markStuck('1', true);
      h.store.markStuck('1', true);
      assert.equal(h.changes.length, 1);
      assert.equal(h.store.get('1')!.stuck, true);
      h.store.applyResult('1', makeTask('1', 'IN_PROGRESS', { progress: 50 }));
      assert.equal(h.store.get('1')!.stuck, false);
    });

    it('fires onDidFinish once per task, batched per round', () => {
      const h = harness();
      h.store.add(['s', 'f', 'c', 'r'], 'p');
      h.store.batch(() => ['s', 'f', 'c', 'r'].forEach((id) => h.store.applyResult(id, makeTask(id, 'SUBMITTED'))));
      h.store.batch(() => {
        h.store.applyResult('s', makeTask('s', 'SUCCESS'));
        h.store.applyResult('f', makeTask('f', 'FAILURE', { failReason: '[Banned prompt detected]' }));
        h.store.applyResult('c', makeTask('c', 'CANCEL'));
        h.store.applyResult('r', makeTask('r', 'IN_PROGRESS'));
      });
      assert.equal(h.finished.length, 1);
      assert.deepEqual(h.finished[0].map((t) => t.id).sort(), ['c', 'f', 's']);
      assert.equal(h.changes.at(-1)!.changed.length, 4, 'one change event for the whole round');
      // Terminal again (even with new content): no second notification.
      h.store.applyResult('s', makeTask('s', 'SUCCESS'));
      h.store.applyResult('s', makeTask('s', 'SUCCESS', { imageUrl: 'https://cdn/s.png' }));
      assert.equal(h.finished.length, 1);
      h.store.applyResult('r', makeTask('r', 'SUCCESS'));
      assert.equal(h.finished.length, 2);
      assert.deepEqual(
        h.finished[1].map((t) => t.id),
        ['r'],
      );
    });

    it('does not report a task that was already finished when first fetched', () => {
      const h = harness();
      h.store.add(['old', 'new'], 'p');
      h.store.applyResult('old', makeTask('old', 'SUCCESS'));
      assert.equal(h.finished.length, 0, 'tracking a finished task is not news');
      h.store.applyResult('new', makeTask('new', 'IN_PROGRESS'));
      h.store.applyResult('new', makeTask('new', 'FAILURE', { failReason: '[Invalid parameter] x' }));
      assert.deepEqual(h.finished.map((b) => b.map((t) => t.id)), [['new']]);
    });

    it('keeps emitting to other listeners when one throws', () => {
      const h = harness();
      h.store.onDidChange(() => {
        throw new Error('tree broke');
      });
      const seen: string[] = [];
      h.store.onDidChange((e) => seen.push(...e.added));
      h.store.add(['1'], 'p');
      assert.deepEqual(seen, ['1']);
      assert.ok(h.logs.some((l) => l.includes('tree broke')));
    });
  });

  describe('persistence', () => {
    it('round-trips every field through storage', async () => {
      const h = harness();
      h.store.add(['1', '2', '3'], 'relay');
      h.store.applyResult(
        '1',
        makeTask('1', 'SUCCESS', {
          imageUrl: 'https://cdn/1.png',
          imageUrls: ['https://cdn/1a.png'],
          buttons: [{ customId: 'MJ::JOB::reroll::0::h::SOLO', label: '', emoji: '🔄' }],
          submitTime: 5,
          finalPrompt: 'a cat --v 7',
        }),
      );
      h.store.applyResult('2', makeTask('2', 'IN_PROGRESS'));
      h.store.applyError('2', new NetworkError({ server: 'https://relay' }, 'ECONNRESET'));
      h.store.markStuck('2', true);
      await h.store.flush();
      const again = new TaskStore(h.storage);
      assert.deepEqual(again.all(), h.store.all());
    });

    it('stores one compact, versioned document', async () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.store.applyResult('1', makeTask('1', 'SUCCESS'));
      await h.store.flush();
      const doc = h.storage.doc();
      assert.deepEqual([...h.storage.values.keys()], [TASK_STORE_KEY]);
      assert.equal(doc.version, 1);
      const json = JSON.stringify(doc);
      assert.ok(!json.includes('null'), json);
      assert.ok(!json.includes('terminal'), json);
      assert.ok(!json.includes('"buttons"'), json);
    });

    it('coalesces many changes into one write, and flush writes at once', async () => {
      const h = harness();
      h.store.add(['1', '2'], 'p');
      for (let i = 0; i < 50; i++) {
        h.store.applyResult('1', makeTask('1', 'IN_PROGRESS', { progress: i }));
      }
      assert.equal(h.storage.updates, 0);
      await h.clock.tickAsync(250);
      assert.equal(h.storage.updates, 1);
      assert.equal(h.clock.countTimers(), 0);
      // A pending write is written by flush without waiting for the timer.
      h.store.applyResult('2', makeTask('2'));
      assert.equal(h.clock.countTimers(), 1);
      await h.store.flush();
      assert.equal(h.storage.updates, 2);
      assert.equal(h.clock.countTimers(), 0);
      // Nothing pending: flush writes nothing.
      await h.store.flush();
      assert.equal(h.storage.updates, 2);
    });

    it('keeps a check-only update for the next write instead of writing for it', async () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.store.applyResult('1', makeTask('1'));
      await h.store.flush();
      h.clock.tick(5000);
      h.store.applyResult('1', makeTask('1'));
      assert.equal(h.clock.countTimers(), 0, 'no write scheduled for lastCheckedAt alone');
      await h.store.flush();
      assert.equal(h.storage.updates, 2);
      assert.equal(h.storage.doc().tasks[0].lastCheckedAt, h.clock.now);
    });

    it('writes changes made during a slow write in a second write, and flush waits for both', async () => {
      const h = harness();
      let open!: () => void;
      h.storage.gate = new Promise((r) => (open = r));
      h.store.add(['1'], 'p');
      await h.clock.tickAsync(250);
      assert.equal(h.storage.updates, 1); // in flight
      h.store.add(['2'], 'p');
      const flushed = h.store.flush();
      open();
      await flushed;
      assert.equal(h.storage.updates, 2);
      assert.deepEqual(
        h.storage.doc().tasks.map((t) => t.id),
        ['1', '2'],
      );
    });

    it('logs a failed write and writes again on the next flush', async () => {
      const h = harness();
      h.store.add(['1'], 'p');
      h.storage.failNext = true;
      await h.store.flush();
      assert.ok(h.logs.some((l) => l.includes('disk full')));
      assert.equal(h.storage.doc(), undefined);
      await h.store.flush();
      assert.deepEqual(
        h.storage.doc().tasks.map((t) => t.id),
        ['1'],
      );
    });

    it('persists 10 000 tasks in one write and loads them back', async () => {
      const h = harness();
      const ids = Array.from({ length: 10_000 }, (_, i) => String(1_700_000_000_000_000 + i));
      h.store.add(ids, 'relay');
      h.store.batch(() => {
        for (const id of ids) {
          h.store.applyResult(id, makeTask(id, 'SUCCESS', { imageUrl: `https://cdn/${id}.png` }));
        }
      });
      await h.store.flush();
      assert.equal(h.storage.updates, 1);
      const again = new TaskStore(h.storage);
      assert.equal(again.all().length, 10_000);
      assert.equal(again.get(ids[9_999])?.task?.imageUrl, `https://cdn/${ids[9_999]}.png`);
    });
  });

  describe('damaged storage', () => {
    const good = (id: string) => ({ id, provider: 'p', addedAt: 1, lastChangedAt: 2, task: { id, status: 'SUCCESS', progress: 100 } });

    it('drops damaged entries with a log line and keeps the rest', () => {
      const storage = new MemoryStorage();
      storage.values.set(TASK_STORE_KEY, {
        version: 1,
        tasks: [
          good('a'),
          { provider: 'p', addedAt: 1 },
          42,
          null,
          'garbage',
          { id: 'b', provider: 7, addedAt: 1 },
          { id: 'c', provider: 'p', addedAt: 'yesterday' },
          { id: 'd', provider: 'p', addedAt: 1, stuck: 'yes' },
          good('e'),
          good('e'),
        ],
      });
      const h = harness(storage);
      assert.deepEqual(
        h.store.all().map((t) => t.id),
        ['a', 'e'],
      );
      assert.equal(h.store.get('a')!.task!.terminal, true);
      assert.equal(h.store.get('a')!.task!.prompt, null);
      assert.deepEqual(h.store.get('a')!.task!.buttons, []);
      assert.equal(h.logs.filter((l) => l.includes('dropped stored entry')).length, 8);
    });

    it('forgets a damaged cached task state but keeps tracking the ID', () => {
      const storage = new MemoryStorage();
      storage.values.set(TASK_STORE_KEY, {
        version: 1,
        tasks: [
          { id: 'x', provider: 'p', addedAt: 1, lastCheckedAt: 9, task: { id: 'x', status: 'DANCING' } },
          { id: 'y', provider: 'p', addedAt: 1, task: { id: 'y', status: 'SUCCESS', buttons: [{ customId: 1 }] } },
          { id: 'z', provider: 'p', addedAt: 1, error: { kind: 'Gremlins', message: '', hint: '', at: 1 } },
        ],
      });
      const h = harness(storage);
      assert.deepEqual(
        h.store.active().map((t) => t.id),
        ['x', 'y', 'z'],
      );
      assert.equal(h.store.get('x')!.task, null);
      assert.equal(h.store.get('x')!.lastCheckedAt, null);
      assert.equal(h.store.get('z')!.error, null);
      assert.equal(h.logs.length, 3);
    });

    for (const [name, raw] of [
      ['a string', 'garbage'],
      ['a number', 42],
      ['an array', [1, 2]],
      ['a future version', { version: 2, tasks: [] }],
      ['tasks that are not a list', { version: 1, tasks: { a: 1 } }],
    ] as const) {
      it(`starts empty with a log line when the document is ${name}`, async () => {
        const storage = new MemoryStorage();
        storage.values.set(TASK_STORE_KEY, raw);
        const h = harness(storage);
        assert.equal(h.store.all().length, 0);
        assert.equal(h.logs.length, 1);
        assert.match(h.logs[0], /unreadable/);
        // reload() with the same unreadable value neither throws nor writes over it.
        h.store.reload();
        assert.equal(h.storage.updates, 0);
        // A real change replaces it with a readable document.
        h.store.add(['1'], 'p');
        await h.store.flush();
        assert.equal(h.storage.doc().version, 1);
      });
    }

    it('starts empty and silent when nothing is stored', () => {
      const h = harness();
      assert.equal(h.store.all().length, 0);
      assert.deepEqual(h.logs, []);
    });
  });

  describe('two windows on one storage', () => {
    for (const clone of [false, true]) {
      describe(clone ? 'storage that hands out copies' : 'storage that hands out the written object', () => {
        it('reload brings in what the other window added, changed and removed', async () => {
          const storage = new MemoryStorage(clone);
          const clock = FakeTimers.createClock(1_000_000);
          const a = harness(storage, clock);
          const b = harness(storage, clock);
          a.store.add(['x', 'y'], 'p');
          await a.store.flush();

          b.store.reload();
          assert.deepEqual(b.changes, [{ changed: [], added: ['x', 'y'], removed: [] }]);
          b.store.reload();
          assert.equal(b.changes.length, 1, 'nothing new: no event');

          clock.tick(1000);
          b.store.applyResult('x', makeTask('x', 'IN_PROGRESS', { progress: 40 }));
          await b.store.flush();
          a.store.reload();
          assert.deepEqual(
            a.changes.at(-1)!.changed.map((t) => t.id),
            ['x'],
          );
          assert.equal(a.store.get('x')!.task!.progress, 40);

          a.store.remove(['y']);
          await a.store.flush();
          b.store.reload();
          assert.deepEqual(b.changes.at(-1), { changed: [], added: [], removed: ['y'] });
          assert.equal(b.store.get('y'), undefined);
          // No finish notifications from a reload: the other window reported those.
          assert.equal(b.finished.length, 0);
        });

        it('keeps unsaved local additions and removals, and newer local content', async () => {
          const storage = new MemoryStorage(clone);
          const clock = FakeTimers.createClock(1_000_000);
          const a = harness(storage, clock);
          const b = harness(storage, clock);
          a.store.add(['shared', 'gone'], 'p');
          await a.store.flush();
          b.store.reload();

          clock.tick(1000);
          // B's changes stay unwritten (no clock tick until B's reload).
          b.store.add(['b-only'], 'p');
          b.store.remove(['gone']);
          b.store.applyResult('shared', makeTask('shared', 'IN_PROGRESS', { progress: 70 }));
          a.store.add(['a-only'], 'p');
          await a.store.flush();
          assert.equal(storage.updates, 2, 'only A has written');

          b.store.reload();
          assert.deepEqual(
            b.store
              .all()
              .map((t) => t.id)
              .sort(),
            ['a-only', 'b-only', 'shared'],
          );
          assert.equal(b.store.get('shared')!.task!.progress, 70);
          await b.store.flush();
          a.store.reload();
          assert.deepEqual(
            a.store
              .all()
              .map((t) => t.id)
              .sort(),
            ['a-only', 'b-only', 'shared'],
          );
          assert.equal(a.store.get('shared')!.task!.progress, 70);
        });

        it("never writes over the other window's additions, even without a reload", async () => {
          const storage = new MemoryStorage(clone);
          const clock = FakeTimers.createClock(1_000_000);
          const a = harness(storage, clock);
          const b = harness(storage, clock);
          a.store.add(['from-a'], 'p');
          await a.store.flush();
          b.store.add(['from-b'], 'p');
          await b.store.flush();
          assert.deepEqual(
            storage
              .doc()
              .tasks.map((t) => t.id)
              .sort(),
            ['from-a', 'from-b'],
          );
        });
      });
    }
  });
});
