import * as assert from 'assert/strict';
import { newTrackedTask } from '../../src/core/blankTask';
import { foldPut, foldRemoval, planMerge } from '../../src/core/storeMerge';
import { TrackedTask } from '../../src/core/trackedTask';

const task = (id: string, addedAt: number, lastChangedAt = addedAt): TrackedTask => ({ ...newTrackedTask(id, 'p', addedAt), lastChangedAt });
const list = (...tasks: TrackedTask[]) => new Map(tasks.map((t) => [t.id, t]));
const none = { adds: new Set<string>(), removes: new Set<string>() };

describe('storeMerge: the plan for some IDs', () => {
  it('looks at the named IDs only, with the same rule', () => {
    const mine = list(task('kept', 1), task('gone', 1), task('old', 1), task('unnamed', 1));
    const theirs = list(task('kept', 1), task('old', 1, 5), task('new', 2));
    const plan = planMerge(mine, theirs, none, ['gone', 'old', 'new', 'new']);
    assert.deepEqual(plan.added.map((t) => t.id), ['new']);
    assert.deepEqual(plan.changed.map((t) => t.id), ['old']);
    assert.deepEqual(plan.removed, ['gone'], 'unnamed is not in the stored list, but was not named');
  });

  it('keeps unsaved additions and removals for the named IDs too', () => {
    const plan = planMerge(list(task('mine', 1)), list(task('dropped-here', 1)), { adds: new Set(['mine']), removes: new Set(['dropped-here']) }, [
      'mine',
      'dropped-here',
    ]);
    assert.deepEqual(plan, { added: [], changed: [], removed: [], memoryIsNewer: false });
  });
});

describe('storeMerge: folding stored changes', () => {
  it('a put takes newer or equal content, never older', () => {
    const stored = list(task('x', 1, 5));
    const removedAt = new Map<string, number>();
    assert.equal(foldPut(stored, removedAt, task('x', 1, 4)), false);
    assert.equal(stored.get('x')!.lastChangedAt, 5);
    const checked = { ...task('x', 1, 5), lastCheckedAt: 9 };
    assert.equal(foldPut(stored, removedAt, checked), true, 'the same change, checked later');
    assert.equal(stored.get('x'), checked);
    assert.equal(foldPut(stored, removedAt, task('y', 1)), true);
    assert.deepEqual([...stored.keys()], ['x', 'y']);
  });

  it('a removal removes what was tracked before it, and outlasts late puts of that', () => {
    const stored = list(task('x', 1, 5));
    const removedAt = new Map<string, number>();
    assert.equal(foldRemoval(stored, removedAt, 'x', 10), true);
    assert.equal(foldPut(stored, removedAt, task('x', 1, 12)), false, 'a late write of the task removed');
    assert.equal(foldPut(stored, removedAt, task('x', 11)), true, 'tracked again after the removal');
    assert.equal(foldRemoval(stored, removedAt, 'x', 10), false, 'an old removal does not touch the new tracking');
    assert.equal(stored.get('x')!.addedAt, 11);
    assert.equal(foldRemoval(stored, removedAt, 'never', 3), false);
    assert.equal(removedAt.get('x'), 10);
  });

  it('folds to the same list whatever the order of two windows’ changes', () => {
    const changes: Array<(s: Map<string, TrackedTask>, r: Map<string, number>) => void> = [
      (s, r) => foldPut(s, r, task('x', 1, 3)),
      (s, r) => foldRemoval(s, r, 'x', 4),
      (s, r) => foldPut(s, r, task('x', 6)),
      (s, r) => foldPut(s, r, task('y', 2, 7)),
      (s, r) => foldPut(s, r, task('y', 2, 8)),
    ];
    const orders = [
      [0, 1, 2, 3, 4],
      [2, 1, 0, 4, 3],
      [1, 2, 0, 3, 4],
      [4, 2, 3, 0, 1],
    ];
    const results = orders.map((order) => {
      const s = new Map<string, TrackedTask>();
      const r = new Map<string, number>();
      for (const i of order) changes[i](s, r);
      return [...s.values()].sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => [t.id, t.addedAt, t.lastChangedAt]);
    });
    for (const got of results) assert.deepEqual(got, [['x', 6, 6], ['y', 2, 8]]);
  });
});
