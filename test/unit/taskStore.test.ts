import * as assert from 'assert/strict';
import { NetworkError, TaskNotFoundError } from '../../src/core/errors';
import { newestFirst } from '../../src/core/trackedTask';
import { makeTask } from './taskFixture';
import { harness } from './taskStoreHarness';

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

});
