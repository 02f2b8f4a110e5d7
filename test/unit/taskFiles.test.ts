import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { createFileAtomically } from '../../src/core/atomicFile';
import { NetworkError } from '../../src/core/errors';
import { TaskFiles } from '../../src/core/taskFiles';
import { TaskStore } from '../../src/core/taskStore';
import { makeTask } from './taskFixture';
import { filesLike, fileStore, listing, tempFolder } from './taskFilesHarness';

const LOG = /^log-.*\.jsonl$/;
const SNAPSHOT = /^snapshot-\d+\.json$/;

function logLines(folder: string): string[] {
  return filesLike(folder, LOG).flatMap((n) => fs.readFileSync(path.join(folder, n), 'latin1').split('\n').filter(Boolean));
}

describe('TaskFiles: the task list as files', () => {
  it('stores each write as one line and loads every field back', async () => {
    const folder = tempFolder();
    const a = fileStore(folder);
    a.store.add(['1', '2', '3'], 'relay');
    await a.store.flush();
    a.store.applyResult('1', makeTask('1', 'SUCCESS', { imageUrl: 'https://cdn/1.png', buttons: [{ customId: 'MJ::JOB::reroll::0::h::SOLO', label: '', emoji: '🔄' }], prompt: '吉卜力风格' }));
    a.store.applyResult('2', makeTask('2', 'IN_PROGRESS'));
    a.store.applyError('2', new NetworkError({ server: 'https://relay' }, 'ECONNRESET'));
    a.store.markStuck('2', true);
    await a.store.flush();

    assert.equal(filesLike(folder, SNAPSHOT).length, 0, 'small lists need no snapshot');
    const lines = logLines(folder);
    assert.equal(lines.length, 2, 'one line per write');
    assert.ok(lines.every((l) => /^[\x20-\x7e]*$/.test(l)), 'written as ASCII');
    assert.deepEqual(fileStore(folder).store.all(), a.store.all());
  });

  it('stores a removal as one, and a task tracked again after it', async () => {
    const folder = tempFolder();
    let now = 1000;
    const a = fileStore(folder, {}, () => now);
    a.store.add(['x', 'y'], 'p');
    await a.store.flush();
    now = 2000;
    a.store.remove(['x', 'y']);
    await a.store.flush();
    assert.match(logLines(folder)[1], /^\{"del":\[\["x",2000\],\["y",2000\]\]\}$/);
    now = 3000;
    a.store.add(['y'], 'q');
    await a.store.flush();
    const again = fileStore(folder).store;
    assert.deepEqual(
      again.all().map((t) => [t.id, t.provider]),
      [['y', 'q']],
    );
  });

  it('writes what changed, not the list: 10 000 tasks, then one change is one short line', async () => {
    const folder = tempFolder();
    const a = fileStore(folder);
    const ids = Array.from({ length: 10_000 }, (_, i) => String(1_700_000_000_000_000 + i));
    a.store.add(ids, 'relay');
    a.store.batch(() => ids.forEach((id) => a.store.applyResult(id, makeTask(id, 'SUCCESS', { imageUrl: `https://cdn/${id}.png` }))));
    await a.store.flush();
    // That first write outgrew a quarter of no snapshot: the list was compacted into one, and the
    // log it holds went.
    assert.deepEqual(filesLike(folder, SNAPSHOT), ['snapshot-1.json']);
    assert.deepEqual(filesLike(folder, LOG), []);
    const snapshotBefore = fs.statSync(path.join(folder, 'snapshot-1.json'));

    a.store.applyResult(ids[42], makeTask(ids[42], 'FAILURE', { failReason: 'banned prompt' }));
    await a.store.flush();
    const after = listing(folder);
    const [log] = filesLike(folder, LOG);
    assert.ok(after[log] < 1000, `one task's line: ${after[log]} bytes`);
    assert.equal(after['snapshot-1.json'], snapshotBefore.size);
    assert.equal(fs.statSync(path.join(folder, 'snapshot-1.json')).mtimeMs, snapshotBefore.mtimeMs, 'the snapshot is not rewritten');

    const again = fileStore(folder).store;
    assert.equal(again.size, 10_000);
    assert.equal(again.get(ids[42])!.task!.failReason, 'banned prompt');
    assert.deepEqual(again.all(), a.store.all());
  });

  it('compacts into a new snapshot, keeps the one before, removes older ones and its own held log', async () => {
    const folder = tempFolder();
    const a = fileStore(folder, { compactAfterBytes: 1 });
    for (let i = 0; i < 4; i++) {
      a.store.add([`t${i}`], 'p');
      // Every task changes: each line is the size of the list, past a quarter of any snapshot.
      a.store.batch(() => a.store.all().forEach((t) => a.store.applyResult(t.id, makeTask(t.id, 'IN_PROGRESS', { progress: i }))));
      await a.store.flush();
    }
    assert.deepEqual(filesLike(folder, SNAPSHOT), ['snapshot-3.json', 'snapshot-4.json']);
    assert.deepEqual(filesLike(folder, LOG), [], 'each snapshot held all of the log, which then went');
    const snapshot = JSON.parse(fs.readFileSync(path.join(folder, 'snapshot-4.json'), 'utf8'));
    assert.equal(snapshot.version, 1);
    assert.deepEqual(
      snapshot.tasks.map((t: { id: string }) => t.id),
      ['t0', 't1', 't2', 't3'],
    );
    assert.deepEqual(fileStore(folder).store.all(), a.store.all());
  });

  it('a write cut at any byte loses nothing saved before it, and never the write before', async () => {
    const source = tempFolder();
    let now = 1000;
    const a = fileStore(source, {}, () => now);
    a.store.add(['a', 'b', 'c'], 'p');
    await a.store.flush();
    a.store.applyResult('a', makeTask('a', 'IN_PROGRESS', { progress: 30, prompt: '海边小镇 🌊' }));
    await a.store.flush();
    const before = fileStore(source).store.all();
    const [log] = filesLike(source, LOG);
    const savedBytes = fs.statSync(path.join(source, log)).size;

    now = 2000;
    a.store.applyResult('a', makeTask('a', 'SUCCESS', { prompt: '海边小镇 🌊' }));
    a.store.remove(['b']);
    a.store.add(['d'], 'q');
    await a.store.flush();
    const full = fs.readFileSync(path.join(source, log));
    assert.ok(full.length > savedBytes + 100);

    const cut = tempFolder();
    for (let end = savedBytes; end <= full.length; end++) {
      fs.rmSync(cut, { recursive: true, force: true });
      fs.cpSync(source, cut, { recursive: true });
      fs.truncateSync(path.join(cut, log), end);
      const store = new TaskStore(new TaskFiles(cut, () => undefined));
      const loaded = store.all();
      store.dispose();
      if (end < full.length) {
        assert.deepEqual(loaded, before, `cut at byte ${end} of ${full.length}`);
      } else {
        assert.deepEqual(loaded, a.store.all(), 'the whole write');
      }
    }
  });

  it('a torn line of a writer that stopped does not swallow what others write after it', async () => {
    const folder = tempFolder();
    const a = fileStore(folder);
    a.store.add(['a'], 'p');
    await a.store.flush();
    a.store.add(['torn'], 'p');
    await a.store.flush();
    const [log] = filesLike(folder, LOG);
    fs.truncateSync(path.join(folder, log), fs.statSync(path.join(folder, log)).size - 5);

    const b = fileStore(folder);
    assert.deepEqual(b.store.all().map((t) => t.id), ['a']);
    b.store.add(['b'], 'p');
    await b.store.flush();
    // Two logs: no order between them.
    assert.deepEqual(fileStore(folder).store.all().map((t) => t.id).sort(), ['a', 'b']);
  });

  it('a snapshot cut short never counts: the good one stays, and a dead writer’s temp file goes', async () => {
    const folder = tempFolder();
    const DEAD = 4_000_001;
    const a = fileStore(folder, { compactAfterBytes: 1, isAlive: (pid) => pid !== DEAD });
    a.store.add(['a', 'b'], 'p');
    await a.store.flush();
    const good = fs.readFileSync(path.join(folder, 'snapshot-1.json'), 'latin1');
    // A compaction that stopped half way (the process died): only its temp file is there.
    const temp = `snapshot-2.json.${DEAD}-0badcafe.tmp`;
    fs.writeFileSync(path.join(folder, temp), good.slice(0, good.length >> 1));
    assert.deepEqual(fileStore(folder).store.all(), a.store.all());

    a.store.add(['c'], 'p');
    await a.store.flush();
    assert.ok(!fs.existsSync(path.join(folder, temp)), 'tidied away by the next compaction');
    assert.deepEqual(fileStore(folder).store.all().map((t) => t.id), ['a', 'b', 'c']);
  });

  it('creates a file whole or not at all, and never replaces one that is there', async () => {
    const folder = tempFolder();
    const target = path.join(folder, 'snapshot-1.json');
    assert.equal(await createFileAtomically(target, `${target}.1-aa.tmp`, 'first'), true);
    assert.equal(await createFileAtomically(target, `${target}.1-bb.tmp`, 'second'), false);
    assert.equal(fs.readFileSync(target, 'utf8'), 'first');
    assert.deepEqual(fs.readdirSync(folder), ['snapshot-1.json'], 'no temp file left');
  });

  it('skips damaged lines and entries with a log line, and reads the rest', async () => {
    const folder = tempFolder();
    const entry = (id: string) => ({ id, provider: 'p', addedAt: 1, lastChangedAt: 1 });
    fs.writeFileSync(
      path.join(folder, 'log-4000002-00000001.jsonl'),
      [
        JSON.stringify({ put: [entry('a')] }),
        'not json at all',
        JSON.stringify({ put: [{ id: 'bad', provider: 7, addedAt: 1 }, entry('b')], del: [['a', 'yesterday']] }),
        JSON.stringify({ put: 'nope' }),
        JSON.stringify({ put: [entry('c')] }),
        '',
      ].join('\n'),
    );
    const a = fileStore(folder);
    assert.deepEqual(a.store.all().map((t) => t.id), ['a', 'b', 'c']);
    assert.equal(a.logs.length, 4, a.logs.join('\n'));
    assert.ok(a.logs.some((l) => /not a saved change/.test(l)));
    assert.ok(a.logs.some((l) => /wrong type/.test(l)));
  });

  it('removes the log of a writer that is gone once a snapshot holds it, and keeps its tasks', async () => {
    const folder = tempFolder();
    const DEAD = 4_000_003;
    const gone = fileStore(folder, { pid: DEAD });
    gone.store.add(['from-gone'], 'p');
    await gone.store.flush();
    const [goneLog] = filesLike(folder, LOG);

    const a = fileStore(folder, { compactAfterBytes: 1, isAlive: (pid) => pid !== DEAD });
    a.store.add(['from-a'], 'p');
    await a.store.flush();
    assert.ok(!fs.existsSync(path.join(folder, goneLog)));
    assert.deepEqual(fileStore(folder).store.all().map((t) => t.id), ['from-gone', 'from-a']);
  });

  it('folds the logs that windows now gone left behind into a snapshot once four have gathered', async () => {
    const folder = tempFolder();
    const gone = [4_000_011, 4_000_012, 4_000_013, 4_000_014];
    const isAlive = (pid: number) => !gone.includes(pid);
    const a = fileStore(folder, { isAlive });
    for (const pid of gone) {
      const w = fileStore(folder, { pid });
      w.store.add([`from-${pid}`], 'p');
      await w.store.flush();
      a.store.add([`from-a-${pid}`], 'p');
      await a.store.flush();
      assert.equal(filesLike(folder, SNAPSHOT).length, pid === gone[3] ? 1 : 0, `after ${pid}`);
    }
    assert.deepEqual(filesLike(folder, LOG), []);
    assert.equal(fileStore(folder).store.size, 8);
  });

  it('makes the folder again when it was deleted, and starts a new log', async () => {
    const folder = tempFolder();
    const a = fileStore(folder);
    a.store.add(['a'], 'p');
    await a.store.flush();
    fs.rmSync(folder, { recursive: true });
    a.store.add(['b'], 'p');
    await a.store.flush();
    assert.equal(filesLike(folder, LOG).length, 1);
    assert.deepEqual(fileStore(folder).store.all().map((t) => t.id), ['b']);
  });
});
