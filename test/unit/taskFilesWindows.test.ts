import * as assert from 'assert/strict';
import { makeTask } from './taskFixture';
import { fileStore, tempFolder, until } from './taskFilesHarness';

const ids = (s: { all(): readonly { id: string }[] }) => s.all().map((t) => t.id).sort();

/** Two windows on one folder, on one clock that starts at 1000; the first has tracked `first`, the second has read it. */
async function twoWindows(first: string[], provider = 'p') {
  const folder = tempFolder();
  const clock = { now: 1000 };
  const a = fileStore(folder, {}, () => clock.now);
  const b = fileStore(folder, {}, () => clock.now);
  a.store.add(first, provider);
  await a.store.flush();
  b.store.reload();
  return { folder, clock, a, b };
}

describe('TaskFiles: two windows on one folder', () => {
  it('reload brings in what the other window added, changed and removed, and only that', async () => {
    const { clock, a, b } = await twoWindows(['x', 'y']);
    assert.deepEqual(ids(b.store), ['x', 'y']);
    assert.deepEqual(b.changes.at(-1), { changed: [], added: ['x', 'y'], removed: [] });
    const events = b.changes.length;
    b.store.reload();
    assert.equal(b.changes.length, events, 'nothing new: no event');

    clock.now = 2000;
    b.store.applyResult('x', makeTask('x', 'IN_PROGRESS', { progress: 40 }));
    await b.store.flush();
    a.store.reload();
    assert.deepEqual(a.changes.at(-1)!.changed.map((t) => t.id), ['x']);
    assert.equal(a.store.get('x')!.task!.progress, 40);

    clock.now = 3000;
    a.store.remove(['y']);
    await a.store.flush();
    b.store.reload();
    assert.deepEqual(b.changes.at(-1), { changed: [], added: [], removed: ['y'] });
    assert.deepEqual(ids(b.store), ['x']);
  });

  it('follows the other window without a reload, through the folder watch', async () => {
    const folder = tempFolder();
    const a = fileStore(folder);
    const b = fileStore(folder);
    a.store.add(['x', 'y'], 'p');
    await a.store.flush();
    await until(() => b.store.size === 2, 'the other window to see the adds');

    a.store.applyResult('x', makeTask('x', 'SUCCESS'));
    await a.store.flush();
    await until(() => b.store.get('x')?.task?.status === 'SUCCESS', 'the other window to see the update');

    b.store.remove(['y']);
    await b.store.flush();
    await until(() => !a.store.get('y'), 'the first window to see the removal');
    assert.deepEqual(ids(a.store), ['x']);
  });

  it('keeps its own unsaved additions, removals and newer content through a reload', async () => {
    const { folder, clock, a, b } = await twoWindows(['shared', 'gone']);
    clock.now = 2000;
    b.store.add(['b-only'], 'p');
    b.store.remove(['gone']);
    b.store.applyResult('shared', makeTask('shared', 'IN_PROGRESS', { progress: 70 }));
    a.store.add(['a-only'], 'p');
    await a.store.flush();

    b.store.reload();
    assert.deepEqual(ids(b.store), ['a-only', 'b-only', 'shared']);
    assert.equal(b.store.get('shared')!.task!.progress, 70);
    await b.store.flush();
    a.store.reload();
    assert.deepEqual(ids(a.store), ['a-only', 'b-only', 'shared']);
    assert.equal(a.store.get('shared')!.task!.progress, 70);
    assert.deepEqual(ids(fileStore(folder).store), ['a-only', 'b-only', 'shared']);
  });

  it('both compacting at once: one snapshot wins, the other window follows it, nothing is lost', async () => {
    const folder = tempFolder();
    const a = fileStore(folder, { compactAfterBytes: 1 });
    const b = fileStore(folder, { compactAfterBytes: 1 });
    for (let round = 0; round < 5; round++) {
      a.store.add([`a${round}`], 'p');
      b.store.add([`b${round}`], 'p');
      await Promise.all([a.store.flush(), b.store.flush()]);
    }
    const all = ['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4'];
    assert.deepEqual(ids(fileStore(folder).store), all);
    a.store.reload();
    b.store.reload();
    assert.deepEqual(ids(a.store), all);
    assert.deepEqual(ids(b.store), all);
  });

  it('a task removed in one window and tracked again in the other is tracked, in both', async () => {
    const { folder, clock, a, b } = await twoWindows(['x'], 'first');
    clock.now = 2000;
    a.store.remove(['x']);
    await a.store.flush();
    clock.now = 3000;
    b.store.reload();
    b.store.add(['x'], 'second');
    await b.store.flush();
    a.store.reload();
    assert.equal(a.store.get('x')?.provider, 'second');
    assert.equal(fileStore(folder).store.get('x')?.provider, 'second');
  });
});
