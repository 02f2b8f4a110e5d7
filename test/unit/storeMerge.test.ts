import * as assert from 'assert/strict';
import { newTrackedTask } from '../../src/core/blankTask';
import { planMerge } from '../../src/core/storeMerge';
import { TrackedTask } from '../../src/core/trackedTask';

const at = (id: string, lastChangedAt: number): TrackedTask => ({ ...newTrackedTask(id, 'p', 0), lastChangedAt });
const list = (...tasks: TrackedTask[]) => new Map(tasks.map((t) => [t.id, t]));
const none = { adds: new Set<string>(), removes: new Set<string>() };

describe('storeMerge: planMerge', () => {
  it('takes stored membership: adds what is stored, removes what is not', () => {
    const plan = planMerge(list(at('a', 1), at('gone', 1)), list(at('a', 1), at('new1', 1), at('new2', 1)), none);
    assert.deepEqual(plan.added.map((t) => t.id), ['new1', 'new2']);
    assert.deepEqual(plan.removed, ['gone']);
    assert.deepEqual(plan.changed, []);
    assert.equal(plan.memoryIsNewer, false);
  });

  it('keeps unsaved additions and removals of this window', () => {
    const plan = planMerge(list(at('mine', 1)), list(at('dropped-here', 1)), { adds: new Set(['mine']), removes: new Set(['dropped-here']) });
    assert.deepEqual(plan, { added: [], changed: [], removed: [], memoryIsNewer: false });
  });

  it('takes newer stored content, keeps newer memory and says so, and a tie keeps memory', () => {
    const stored = list(at('older-here', 5), at('newer-here', 5), at('tie', 5));
    const plan = planMerge(list(at('older-here', 1), at('newer-here', 9), at('tie', 5)), stored, none);
    assert.deepEqual(plan.changed, [stored.get('older-here')]);
    assert.equal(plan.memoryIsNewer, true);
    assert.deepEqual([plan.added, plan.removed], [[], []]);
  });
});
