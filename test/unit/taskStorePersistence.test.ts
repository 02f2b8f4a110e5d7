import * as assert from 'assert/strict';
import { NetworkError } from '../../src/core/errors';
import { TASK_STORE_KEY } from '../../src/core/storeCodec';
import { TaskStore } from '../../src/core/taskStore';
import { makeTask } from './taskFixture';
import { harness, MemoryStorage } from './taskStoreHarness';

describe('TaskStore: persistence', () => {
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

});
