import * as assert from 'assert/strict';
import * as FakeTimers from '@sinonjs/fake-timers';
import { makeTask } from './taskFixture';
import { harness, MemoryStorage } from './taskStoreHarness';

describe('TaskStore: two windows on one storage', () => {
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

      it('a reload while a write is in flight keeps what that write is storing', async () => {
        const storage = new MemoryStorage(clone);
        const a = harness(storage);
        let open!: () => void;
        storage.gate = new Promise((r) => (open = r));
        a.store.add(['x'], 'p');
        const flushed = a.store.flush();
        a.store.remove(['never-stored']);
        a.store.reload(); // storage still holds the list from before the write
        assert.deepEqual(a.store.all().map((t) => t.id), ['x']);
        open();
        await flushed;
        assert.deepEqual(storage.doc().tasks.map((t) => t.id), ['x']);
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
