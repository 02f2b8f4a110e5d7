import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { normalizeTask } from '../../src/core/task';
import { newTrackedTask } from '../../src/core/blankTask';
import { TrackedTask } from '../../src/core/trackedTask';
import { Task } from '../../src/core/types';
import { STATUS_CODICONS } from '../../src/core/statusVocabulary';
import { format, PROTOCOL_VERSION, PreviewModel, UI_STRING_KEYS, UiStrings } from '../../src/preview/shared/protocol';
import { isHostMessage, isPreviewModel, isPreviewState, isValueKey, isWebviewMessage } from '../../src/preview/shared/protocolGuards';
import { buildView } from '../../src/preview/host/viewModel';

const seeds = path.join(__dirname, '../../../test/fixtures/seeds');
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);

function seedTask(file: string): Task {
  const t = normalizeTask(JSON.parse(fs.readFileSync(path.join(seeds, file), 'utf8')));
  assert.ok(t, file);
  return t;
}

function tracked(task: Task | null, extra: Partial<TrackedTask> = {}): TrackedTask {
  return {
    ...newTrackedTask(task?.id ?? '1730621826053455', 'DMXAPI', NOW - 60_000),
    lastChangedAt: NOW - 30_000,
    lastCheckedAt: task ? NOW - 2_000 : null,
    task,
    ...extra,
  };
}

function strings(): UiStrings {
  return Object.fromEntries(UI_STRING_KEYS.map((k) => [k, k])) as UiStrings;
}

/** Every key the view mentions, wherever it sits. */
function keysIn(view: PreviewModel): string[] {
  return [
    ...view.fields.map((f) => f.key),
    ...view.prompts.map((p) => p.key),
    ...(view.image ? [view.image.key] : []),
    ...view.gallery.map((m) => m.key),
    ...view.videos.map((m) => m.key),
    ...view.buttonGroups.flatMap((g) => g.buttons.map((b) => b.key)),
    ...(view.grid ?? []).flatMap((q) => [q.upscale?.key, q.variation?.key]).filter((k): k is string => !!k),
  ];
}

describe('preview protocol: messages from the webview (validated by the host)', () => {
  it('accepts the five message types with well-formed keys', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'copy', key: 'finalPrompt' },
      { type: 'copy', key: 'buttons.12' },
      { type: 'open', key: 'imageUrls.0' },
      { type: 'insert', key: 'prompts.3', literal: true, requestId: 0 },
      { type: 'insert', key: 'taskId', literal: false, requestId: 41, extra: 'ignored' },
    ]) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
    }
  });

  it('refuses anything else: unknown types, values instead of keys, wrong field types', () => {
    for (const m of [
      null,
      'ready',
      [],
      {},
      { type: 'eval', code: 'alert(1)' },
      { type: 'copy' },
      { type: 'copy', key: 'constructor' },
      { type: 'copy', key: '__proto__' },
      { type: 'copy', key: 'buttons.-1' },
      { type: 'copy', key: 'buttons.1.2' },
      { type: 'copy', key: 'buttons.99999' },
      { type: 'copy', value: 'MJ::JOB::upsample::1::x' },
      { type: 'copy', key: ['finalPrompt'] },
      { type: 'insert', key: 'finalPrompt' },
      { type: 'insert', key: 'finalPrompt', literal: 'yes', requestId: 1 },
      // The reply is matched by requestId: an insert without a usable one could never be answered.
      { type: 'insert', key: 'finalPrompt', literal: false },
      { type: 'insert', key: 'finalPrompt', literal: false, requestId: -1 },
      { type: 'insert', key: 'finalPrompt', literal: false, requestId: 1.5 },
      { type: 'insert', key: 'finalPrompt', literal: false, requestId: '1' },
      { type: 'insert', key: 'finalPrompt', literal: false, requestId: 2 ** 60 },
      { type: 'open', key: 'javascript:alert(1)' },
      { type: 'open', url: 'https://example.com' },
    ]) {
      assert.ok(!isWebviewMessage(m), JSON.stringify(m));
    }
  });

  it('value keys are exactly the task fields and indexed lists the host offers', () => {
    assert.ok(isValueKey('finalZhPrompt'));
    assert.ok(isValueKey('videoUrls.0'));
    assert.ok(!isValueKey('FinalPrompt'));
    assert.ok(!isValueKey('finalPrompt '));
    assert.ok(!isValueKey(''));
    assert.ok(!isValueKey(1));
  });

  it('the serializer state carries a plausible task ID and nothing else matters', () => {
    assert.ok(isPreviewState({ taskId: '1730621826053455' }));
    assert.ok(isPreviewState({ taskId: '3785da15-4f70-4034-9128-f3ff1ac634fa', scroll: 3 }));
    const built = buildView('1730621826053455', undefined, NOW).view;
    assert.ok(isPreviewState({ taskId: '1730621826053455', strings: strings(), view: built }));
    for (const s of [undefined, null, {}, { taskId: '' }, { taskId: 42 }, { taskId: '<script>' }, { taskId: 'x'.repeat(200) }]) {
      assert.ok(!isPreviewState(s), JSON.stringify(s));
    }
  });
});

describe('preview protocol: messages from the host (validated by the webview)', () => {
  const view = buildView('1730621826053455', tracked(seedTask('dmxapi-query-task.json')), NOW).view;

  it("answers an insert: inserted, or not with the host's reason", () => {
    assert.ok(isHostMessage({ type: 'insertResult', requestId: 0, inserted: true }));
    assert.ok(isHostMessage({ type: 'insertResult', requestId: 7, inserted: false, reason: 'notes.txt is read-only: nothing was inserted.' }));
    for (const m of [
      { type: 'insertResult', inserted: true },
      { type: 'insertResult', requestId: -1, inserted: true },
      { type: 'insertResult', requestId: 1, inserted: 'yes' },
      { type: 'insertResult', requestId: 1 },
      // Not inserted says why; a reply without a reason would leave the user guessing.
      { type: 'insertResult', requestId: 1, inserted: false },
      { type: 'insertResult', requestId: 1, inserted: false, reason: '  ' },
      { type: 'insertResult', requestId: 1, inserted: false, reason: 42 },
      { type: 'insertResult', requestId: 1, inserted: false, reason: 'x'.repeat(501) },
    ]) {
      assert.ok(!isHostMessage(m), JSON.stringify(m));
    }
  });

  it('carries the badge icon from the one codicon table, and refuses a name that is not a codicon name', () => {
    assert.deepStrictEqual(view.statusIcon, { name: STATUS_CODICONS.SUCCESS.name, spin: false });
    const running = buildView('1', tracked(normalizeTask({ id: '1', status: 'IN_PROGRESS' })), NOW).view;
    assert.deepStrictEqual(running.statusIcon, { name: STATUS_CODICONS.IN_PROGRESS.name, spin: true });
    const unfetched = buildView('2', tracked(null, { id: '2' }), NOW).view;
    assert.deepStrictEqual(unfetched.statusIcon, { name: STATUS_CODICONS.PENDING_FIRST_FETCH.name, spin: false });
    for (const name of ['pass codicon-modifier-spin', 'x" onerror="alert(1)', '', 'Pass', 'a'.repeat(65)]) {
      assert.ok(!isHostMessage({ type: 'update', view: { ...view, statusIcon: { name, spin: false } } }), name);
    }
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, statusIcon: { name: 'pass' } } }));
  });

  it('accepts init, update and target as the host builds them', () => {
    assert.ok(isHostMessage({ type: 'init', protocol: PROTOCOL_VERSION, strings: strings(), view, target: null }));
    assert.ok(isHostMessage({ type: 'init', protocol: PROTOCOL_VERSION, strings: strings(), view, target: { fileName: 'a.ts', literalName: 'TypeScript' } }));
    assert.ok(isHostMessage({ type: 'update', view }));
    assert.ok(isHostMessage({ type: 'target', target: null }));
  });

  it('refuses a wrong protocol version, missing strings, or a malformed view', () => {
    assert.ok(!isHostMessage({ type: 'init', protocol: PROTOCOL_VERSION + 1, strings: strings(), view, target: null }));
    const { copy: _dropped, ...partial } = strings();
    assert.ok(!isHostMessage({ type: 'init', protocol: PROTOCOL_VERSION, strings: partial, view, target: null }));
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, fields: [{ key: 'finalPrompt', label: 'x', value: 42 }] } }));
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, progress: 250 } }));
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, grid: [] } }));
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, image: { key: 'imageUrl', url: 'x' } } }));
    assert.ok(!isHostMessage({ type: 'update', view: { ...view, phase: 'hacked' } }));
    assert.ok(!isHostMessage({ type: 'target', target: { fileName: 1 } }));
    assert.ok(!isHostMessage({ type: 'html', html: '<b>x</b>' }));
  });

  it('fills {n} placeholders and leaves unknown ones', () => {
    assert.strictEqual(format('Insert in {0} as {1}', 'a.py', 'Python'), 'Insert in a.py as Python');
    assert.strictEqual(format('{0} {2}', 'x'), 'x {2}');
  });
});

describe('preview: buildView', () => {
  it('a grid (DMXAPI seed): image, four quadrants with U and V customIds, grouped buttons, finalPrompt', () => {
    const task = seedTask('dmxapi-query-task.json');
    const { view, values } = buildView(task.id, tracked(task), NOW);
    assert.ok(isPreviewModel(view));
    assert.strictEqual(view.phase, 'fetched');
    assert.strictEqual(view.status, 'SUCCESS');
    assert.strictEqual(view.running, false);
    assert.strictEqual(view.image?.safeUrl, task.imageUrl);
    assert.ok(view.grid);
    const q2 = view.grid[1];
    assert.match(q2.upscale!.customId, /^MJ::JOB::upsample::2::/);
    assert.match(q2.variation!.customId, /^MJ::JOB::variation::2::/);
    assert.strictEqual(values.get(q2.upscale!.key)?.value, q2.upscale!.customId);
    const titles = view.buttonGroups.map((g) => g.title);
    assert.deepStrictEqual(titles, ['Upscale', 'Vary', 'Reroll']);
    const u2 = view.buttonGroups[0].buttons.find((b) => b.label === 'U2');
    assert.strictEqual(u2?.meaning, 'Upscale image 2');
    assert.strictEqual(values.get('finalPrompt')?.value, task.finalPrompt);
  });

  it('a DESCRIBE (Maisi seed): four numbered prompts, each copyable, no grid', () => {
    const task = seedTask('maisi-ai-mj-task-fetch.json');
    const { view, values } = buildView(task.id, tracked(task), NOW);
    assert.ok(isPreviewModel(view));
    assert.strictEqual(view.prompts.length, 4);
    assert.match(view.prompts[0].value, /^White haired anime boy/);
    assert.ok(!view.prompts.some((p) => /[1-4]\uFE0F?\u20E3/.test(p.value)), 'markers removed');
    assert.strictEqual(values.get('prompts.3')?.value, view.prompts[3].value);
    assert.strictEqual(view.grid, null);
  });

  it('every key in the view resolves in the value table, and nothing else is there', () => {
    for (const file of fs.readdirSync(seeds).filter((f) => f.endsWith('.json'))) {
      const task = seedTask(file);
      const { view, values } = buildView(task.id, tracked(task), NOW);
      assert.ok(isPreviewModel(view), file);
      const keys = new Set(keysIn(view));
      for (const k of keys) assert.ok(values.has(k), `${file}: ${k} has no value`);
      for (const k of values.keys()) assert.ok(keys.has(k), `${file}: ${k} is not shown`);
      for (const k of keys) assert.ok(isValueKey(k), `${file}: ${k} is not a valid key`);
    }
  });

  it('a hostile task: markup stays text, a javascript: image is not loadable nor openable', () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const task = normalizeTask({
      id: '1730000000000001',
      action: 'IMAGINE',
      status: 'FAILURE',
      prompt: payload,
      failReason: `[Banned prompt detected] ${payload}`,
      imageUrl: 'javascript:window.__pwned=3',
      imageUrls: ['data:text/html,<script>alert(1)</script>', 'https://cdn.example.com/ok.png'],
      buttons: [{ customId: `MJ::JOB::upsample::1::${payload}`, label: payload, emoji: '' }],
    })!;
    const { view, values } = buildView(task.id, tracked(task), NOW);
    assert.ok(isPreviewModel(view));
    assert.strictEqual(view.image?.safeUrl, null);
    assert.strictEqual(view.image?.url, 'javascript:window.__pwned=3');
    assert.strictEqual(values.get('imageUrl')?.openable, false);
    assert.strictEqual(view.gallery[0].safeUrl, null);
    assert.strictEqual(view.gallery[1].safeUrl, 'https://cdn.example.com/ok.png');
    assert.strictEqual(view.grid, null);
    assert.ok(view.fields.some((f) => f.value === payload), 'the prompt is passed on verbatim, as text');
    const failure = view.notices.find((n) => n.tone === 'error');
    assert.match(failure!.title, /refused the prompt/);
    assert.strictEqual(failure!.detail, payload);
  });

  it('a running task: progress, intermediate image, no grid yet', () => {
    const task = normalizeTask({
      id: '1730000000000002',
      action: 'IMAGINE',
      status: 'IN_PROGRESS',
      progress: '57%',
      imageUrl: 'https://cdn.example.com/progress.webp',
      buttons: [],
    })!;
    const { view } = buildView(task.id, tracked(task), NOW);
    assert.strictEqual(view.running, true);
    assert.strictEqual(view.progress, 57);
    assert.strictEqual(view.image?.safeUrl, 'https://cdn.example.com/progress.webp');
    assert.strictEqual(view.grid, null);
  });

  it('unfetched, untracked and poll-error states say so', () => {
    const unfetched = buildView('1730000000000003', tracked(null, { id: '1730000000000003' }), NOW).view;
    assert.strictEqual(unfetched.phase, 'unfetched');
    assert.match(unfetched.notices[0].title, /Waiting for the first answer from DMXAPI/);

    const untracked = buildView('1730000000000004', undefined, NOW);
    assert.strictEqual(untracked.view.phase, 'untracked');
    assert.match(untracked.view.notices[0].title, /no longer tracked/);
    assert.strictEqual(untracked.values.get('taskId')?.value, '1730000000000004');

    const failing = buildView(
      '1730000000000005',
      tracked(null, {
        id: '1730000000000005',
        error: { kind: 'Unauthorized', message: 'The server refused the API key.', hint: 'Run "MJ Tasks: Set API Key".', at: NOW - 5_000 },
      }),
      NOW,
    ).view;
    assert.strictEqual(failing.notices[0].tone, 'error');
    assert.match(failing.notices[0].title, /The last check failed .*refused the API key/);
    assert.strictEqual(failing.notices[0].detail, 'Run "MJ Tasks: Set API Key".');
  });
});
