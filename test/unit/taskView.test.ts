import * as assert from 'assert';
import { newTrackedTask } from '../../src/core/blankTask';
import { TrackedTask } from '../../src/core/trackedTask';
import { buildTaskView, formatFilter, matchesFilter, parseFilter, statusGroupOf, NO_FILTER } from '../../src/core/taskView';
import { normalizeTask } from '../../src/core/task';

const T = 1_730_621_826_000;

function tracked(id: string, status: string | null, extra: Record<string, unknown> = {}, provider = 'A', addedAt = 0): TrackedTask {
  return { ...newTrackedTask(id, provider, addedAt), task: status === null ? null : normalizeTask({ id, status, ...extra }) };
}

describe('taskView', () => {
  const tasks = [
    tracked('1', 'SUCCESS', { prompt: 'a red fox', action: 'IMAGINE', submitTime: T + 1000 }),
    tracked('2', 'FAILURE', { prompt: 'a blue whale', action: 'IMAGINE', failReason: '[Banned prompt detected] x', submitTime: T + 3000 }),
    tracked('3', 'IN_PROGRESS', { prompt: 'a green fox', action: 'UPSCALE', submitTime: T + 2000 }, 'B'),
    tracked('4', null, {}, 'B', T + 2500),
    tracked('5', 'MODAL', { prompt: 'zoom me', action: 'ZOOM', submitTime: T + 500 }),
  ];

  it('sorts newest first by submit time, else by when it was tracked', () => {
    const view = buildTaskView(tasks, 'none', NO_FILTER);
    assert.deepStrictEqual(view.groups, [{ key: '', ids: ['2', '4', '3', '1', '5'] }]);
    assert.deepStrictEqual([view.total, view.shown], [5, 5]);
  });

  it('groups by status with what needs the user first', () => {
    const view = buildTaskView(tasks, 'status', NO_FILTER);
    assert.deepStrictEqual(
      view.groups.map((g) => [g.key, g.ids]),
      [
        ['waiting', ['5']],
        ['running', ['3']],
        ['queued', ['4']],
        ['failed', ['2']],
        ['succeeded', ['1']],
      ],
    );
    assert.strictEqual(statusGroupOf(tasks[3]), 'queued', 'not fetched yet counts as queued');
  });

  it('groups by provider in name order', () => {
    const view = buildTaskView(tasks, 'provider', NO_FILTER);
    assert.deepStrictEqual(view.groups.map((g) => g.key), ['A', 'B']);
  });

  it('parses a filter into statuses, actions and words, and prints it back', () => {
    const f = parseFilter('  status:Failed a:imagine  Whale ');
    assert.deepStrictEqual(f, { statuses: ['failed'], actions: ['imagine'], words: ['whale'] });
    assert.strictEqual(formatFilter(f), 'status:failed action:imagine whale');
    assert.deepStrictEqual(parseFilter('::: <script> status:'), { statuses: [], actions: [], words: [':::', '<script>', 'status:'] });
  });

  it('filters by status group or raw status, action prefix and every word', () => {
    const ids = (text: string) => buildTaskView(tasks, 'none', parseFilter(text)).groups[0]?.ids ?? [];
    assert.deepStrictEqual(ids('status:failed'), ['2']);
    assert.deepStrictEqual(ids('status:in_progress'), ['3']);
    assert.deepStrictEqual(ids('status:run'), ['3']);
    assert.deepStrictEqual(ids('action:up'), ['3']);
    assert.deepStrictEqual(ids('fox'), ['3', '1']);
    assert.deepStrictEqual(ids('fox green'), ['3']);
    assert.deepStrictEqual(ids('banned'), ['2'], 'the failure reason is searched too');
    assert.deepStrictEqual(ids('nothing-matches'), []);
    assert.ok(matchesFilter(tasks[3], parseFilter('4')), 'an unfetched task matches its ID');
  });

  it('builds the view of 10 000 tasks without comparing keys more than once per task', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => tracked(String(i), i % 3 ? 'SUCCESS' : 'IN_PROGRESS', { submitTime: T + ((i * 7919) % 10_007) }));
    const view = buildTaskView(many, 'status', NO_FILTER);
    assert.strictEqual(view.shown, 10_000);
    const running = view.groups.find((g) => g.key === 'running')!.ids;
    const times = running.map((id) => many[Number(id)].task!.submitTime!);
    assert.ok(times.every((t, i) => i === 0 || times[i - 1] >= t), 'newest first within a group');
  });
});
