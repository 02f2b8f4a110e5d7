import * as assert from 'assert';
import { newTrackedTask } from '../../src/core/blankTask';
import { normalizeTask } from '../../src/core/task';
import { TrackedTask } from '../../src/core/trackedTask';
import { HOVER_COMMANDS, inlineStatus, matchAt, trackedHoverMarkdown, untrackedHoverMarkdown } from '../../src/editorIds/editorIdText';

const ID = '1730621826053455';

function tracked(raw: Record<string, unknown> | null, extra: Partial<TrackedTask> = {}): TrackedTask {
  const task = raw === null ? null : normalizeTask({ id: ID, status: 'IN_PROGRESS', progress: '40%', action: 'IMAGINE', ...raw });
  return { ...newTrackedTask(ID, 'Sim', 0), task, ...extra };
}

/** The `command:` links of a Markdown text: the command and its decoded arguments. */
function commandLinks(md: string): { command: string; args: unknown }[] {
  return [...md.matchAll(/\]\(command:([\w.]+)\?([^ )]+)/g)].map((m) => ({ command: m[1], args: JSON.parse(decodeURIComponent(m[2])) }));
}

describe('editor IDs: the inline status after a tracked ID', () => {
  it('says the status with the tree\'s colour, and progress only while running', () => {
    assert.deepStrictEqual(inlineStatus(tracked({})), { text: '⟳ Running 40%', color: 'charts.blue' });
    assert.deepStrictEqual(inlineStatus(tracked({ status: 'SUCCESS', progress: '100%' })), { text: '✓ Succeeded', color: 'testing.iconPassed' });
    assert.deepStrictEqual(inlineStatus(tracked({ status: 'FAILURE', progress: '', failReason: 'banned' })), { text: '✗ Failed', color: 'testing.iconFailed' });
    assert.strictEqual(inlineStatus(tracked(null)).text, '… Not fetched yet');
    assert.strictEqual(inlineStatus(tracked({}, { stuck: true })).text, '⌛ stuck 40%');
  });

  it('shows an unknown server status word as one clean short line', () => {
    const text = inlineStatus(tracked({ status: `weird\u001b[31m\u202e${'x'.repeat(200)}` })).text;
    assert.ok(!text.includes('\u001b') && !text.includes('\u202e'), text);
    assert.ok(text.length < 80, text);
  });
});

describe('editor IDs: the hover', () => {
  it('links a tracked task to Open Preview, Copy finalPrompt and Refresh with its ID, and only to its own commands', () => {
    const md = trackedHoverMarkdown(tracked({ status: 'SUCCESS', progress: '100%', prompt: 'a lighthouse', properties: { finalPrompt: 'a lighthouse --v 7' } }), 1, 60_000);
    const links = commandLinks(md);
    assert.deepStrictEqual(
      links.map((l) => l.command),
      ['mjTasks.openPreview', 'mjTasks.copyFinalPrompt', 'mjTasks.refresh'],
    );
    assert.ok(links.every((l) => JSON.stringify(l.args) === JSON.stringify([ID])));
    assert.ok(links.every((l) => HOVER_COMMANDS.includes(l.command)));
    assert.match(md, /\*\*Status:\*\* Succeeded/);
    assert.match(md, /a lighthouse/);
  });

  it('offers Copy finalPrompt only when the server reported one', () => {
    assert.ok(!commandLinks(trackedHoverMarkdown(tracked({}), 1, 0)).some((l) => l.command === 'mjTasks.copyFinalPrompt'));
  });

  it('keeps a prompt\'s links and command URIs inert', () => {
    const md = trackedHoverMarkdown(tracked({ prompt: '[run](command:workbench.action.quit) https://evil.example' }), 1, 0);
    assert.deepStrictEqual(
      commandLinks(md).map((l) => l.command),
      ['mjTasks.openPreview', 'mjTasks.refresh'],
    );
    assert.ok(md.includes('\\[run\\]\\(command\\:workbench\\.action\\.quit\\)'), md);
  });

  it('offers an untracked ID to Track with the default provider, another provider, or Add Provider when there is none', () => {
    const one = commandLinks(untrackedHoverMarkdown(ID, { defaultName: 'Relay', count: 1 }));
    assert.deepStrictEqual(one, [{ command: 'mjTasks.trackTask', args: [{ ids: [ID], provider: 'Relay' }] }]);
    const two = commandLinks(untrackedHoverMarkdown(ID, { defaultName: 'Relay', count: 2 }));
    assert.deepStrictEqual(two[1], { command: 'mjTasks.trackTask', args: [{ ids: [ID] }] });
    assert.match(untrackedHoverMarkdown(ID, { defaultName: 'Relay', count: 2 }), /on provider Relay/);
    assert.deepStrictEqual(
      commandLinks(untrackedHoverMarkdown(ID, { defaultName: undefined, count: 0 })).map((l) => l.command),
      ['mjTasks.addProvider'],
    );
  });

  it('makes a provider name that looks like Markdown inert', () => {
    const name = '[x](command:workbench.action.quit)';
    const md = untrackedHoverMarkdown(ID, { defaultName: name, count: 1 });
    assert.deepStrictEqual(commandLinks(md), [{ command: 'mjTasks.trackTask', args: [{ ids: [ID], provider: name }] }]);
  });
});

describe('editor IDs: the ID at the cursor', () => {
  it('finds the ID the cursor is on or just after, and nothing beside it', () => {
    const text = `task = "${ID}"  # done`;
    const start = text.indexOf(ID);
    assert.strictEqual(matchAt(text, start)?.id, ID);
    assert.strictEqual(matchAt(text, start + ID.length)?.id, ID);
    assert.strictEqual(matchAt(text, start - 3), undefined);
    assert.strictEqual(matchAt(text, text.length), undefined);
  });
});

describe('editor IDs: the hover thumbnail', () => {
  const withImage = () => tracked({ status: 'SUCCESS', progress: '100%', imageUrl: 'http://127.0.0.1:9/mj/image/1.png' });

  it('shows an http: image fetched as data: in place of the link the workbench would not load', () => {
    const data = 'data:image/png;base64,iVBORw0KGgo=';
    const md = trackedHoverMarkdown(withImage(), 1, 0, data);
    assert.ok(md.includes(`![thumbnail](${data}|width=240)`), md);
    assert.ok(!md.includes('127.0.0.1:9'), md);
  });

  it('keeps the tooltip\'s own thumbnail for anything that is not a plain image data: URI, and drops it when there is none', () => {
    const own = trackedHoverMarkdown(withImage(), 1, 0);
    assert.strictEqual(trackedHoverMarkdown(withImage(), 1, 0, 'data:text/html;base64,PGI+'), own);
    assert.strictEqual(trackedHoverMarkdown(withImage(), 1, 0, 'data:image/png;base64,AA==)[x](command:workbench.action.quit'), own);
    assert.ok(!trackedHoverMarkdown(withImage(), 1, 0, null).includes('![thumbnail]'));
  });
});
