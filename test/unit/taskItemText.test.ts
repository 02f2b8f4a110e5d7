import * as assert from 'assert';
import { newTrackedTask } from '../../src/core/blankTask';
import { normalizeTask } from '../../src/core/task';
import { TrackedTask } from '../../src/core/trackedTask';
import { TOOLTIP_PROMPT_MAX, taskItemDescription, taskItemLabel, taskTooltipMarkdown } from '../../src/tree/taskItemText';

const ID = '1730621826053455';
const ESC = '\u001b';

function tracked(raw: Record<string, unknown>, extra: Partial<TrackedTask> = {}): TrackedTask {
  const task = normalizeTask({ id: ID, status: 'IN_PROGRESS', progress: '40%', action: 'IMAGINE', ...raw });
  assert.ok(task);
  return { ...newTrackedTask(ID, 'Sim', 0), task, ...extra };
}

/** The Markdown after our own formatting is taken out: what is left is server text and must be inert. */
function serverPart(md: string): string {
  return md
    .replace(/\*\*[^*\n]+:\*\* /g, '')
    .replace(/ {2}\n/g, '\n')
    .replace(/\n\n---\n\n/g, '\n')
    .replace(/\n\n!\[thumbnail\]\([^)\s]+\|width=240\)\n$/, '');
}

/** Every ASCII punctuation character preceded by a backslash (which is itself escaped). */
function allPunctuationEscaped(text: string): boolean {
  return /^(?:\\[!-/:-@[-`{-~]|[^!-/:-@[-`{-~])*$/.test(text.replace(/\n/g, ' '));
}

describe('tree: what a task row says', () => {
  it('shows $(icon) syntax in a prompt as typed in the label (tree labels render no icons, so nothing is escaped)', () => {
    const t = tracked({ prompt: '$(zap) $(sync~spin) a fox' });
    assert.strictEqual(taskItemLabel(t), '$(zap) $(sync~spin) a fox');
  });

  it('cleans labels and descriptions of escape sequences, bidi and other controls', () => {
    const t = tracked({ prompt: `${ESC}]0;title\u0007a \u202efox\u0000`, action: `UP${ESC}[31mSCALE\u202e` });
    assert.strictEqual(taskItemLabel(t), 'a fox\ufffd');
    assert.match(taskItemDescription(t, 0), /^UPSCALE · 40% · /);
  });

  it('keeps a 2 MB prompt to a short label and a short description', () => {
    const huge = 'a red fox '.repeat(210_000);
    const t = tracked({ prompt: huge, action: 'X'.repeat(10_000) });
    assert.ok(taskItemLabel(t).length <= 60);
    assert.ok(taskItemDescription(t, 0).length < 60);
  });

  describe('the tooltip (Markdown)', () => {
    it('makes every piece of server text inert: no link, autolink, image, HTML or icon can form', () => {
      const hostile = '[Open](command:workbench.action.quit) https://evil.example/a_b www.evil.example me@evil.example <img src=x onerror=alert(1)> ![i](https://evil.example/t.png) $(zap) **bold** &amp; # h';
      const t = tracked({ prompt: hostile, failReason: hostile, action: hostile, status: 'WEIRD [x](y)' }, { stuck: true });
      const md = taskTooltipMarkdown(t, 2);
      const server = serverPart(md);
      assert.ok(server.includes('https\\:\\/\\/evil\\.example'), server);
      assert.ok(allPunctuationEscaped(server), server);
      assert.ok(!/(?<!\\)!\[/.test(md), 'no image syntax: the task has no thumbnail');
    });

    it('keeps its own formatting: bold labels, a rule before the prompt, lines', () => {
      const md = taskTooltipMarkdown(tracked({ prompt: 'a fox', failReason: 'bad' }), 1);
      assert.match(md, /^\*\*Task:\*\* 1730621826053455 {2}\n\*\*Status:\*\* Running · 40\\% {2}\n/);
      assert.match(md, /\*\*Failure reason:\*\* bad\n\n---\n\na fox\n$/);
    });

    it('shows a DESCRIBE answer\'s prompts as paragraphs', () => {
      const md = taskTooltipMarkdown(tracked({ prompt: '', promptEn: '1️⃣ a fox \n\n2️⃣ a cat\n' }), 1);
      assert.ok(md.endsWith('\n\n---\n\n1️⃣ a fox\n\n2️⃣ a cat\n'), md);
    });

    it('stays short whatever the task holds (VS Code lexes a tooltip\'s whole Markdown on the extension host)', () => {
      const huge = 'a red fox https://cdn.example/x.png '.repeat(60_000);
      const t = tracked({ prompt: huge, failReason: huge, description: huge, action: huge }, {
        error: { kind: 'ServerError', message: huge, hint: huge, at: 0 },
      });
      const md = taskTooltipMarkdown(t, 1);
      assert.ok(md.length < 4 * TOOLTIP_PROMPT_MAX, `${md.length} characters`);
      assert.ok(md.includes('a red fox'));
    });

    it('shows an http(s) thumbnail, and none for an image URL with credentials', () => {
      const ok = taskTooltipMarkdown(tracked({ imageUrl: 'http://127.0.0.1:8787/images/x.png' }), 1);
      assert.ok(ok.endsWith('\n\n![thumbnail](http://127.0.0.1:8787/images/x.png|width=240)\n'), ok);
      const bad = taskTooltipMarkdown(tracked({ imageUrl: 'http://user:secret@127.0.0.1:8787/x.png' }), 1);
      assert.ok(!bad.includes('!['), bad);
      assert.ok(!bad.includes('secret'), bad);
    });

    it('says a task not fetched yet is so', () => {
      const md = taskTooltipMarkdown(newTrackedTask(ID, 'Sim', 0), 1);
      assert.strictEqual(md, '**Task:** 1730621826053455  \n**Status:** Not fetched yet');
    });
  });
});
