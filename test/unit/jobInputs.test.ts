// The pure parts of the follow-up window and the new-job inputs: which question a MODAL task
// asks, what it is prefilled with, what a prompt needs, and the recent prompts.

import * as assert from 'assert';
import { recentPrompts, rememberPrompt } from '../../src/core/recentPrompts';
import { Task } from '../../src/core/types';
import { modalKind, prefillPrompt, promptProblem, regionImageUrl, zoomValue } from '../../src/jobs/modalQuestion';
import { blankTask } from '../../src/core/blankTask';

function task(fields: Partial<Task>): Task {
  return { ...blankTask('1730621826053455'), ...fields };
}

describe('follow-up window (MODAL)', () => {
  it('knows the question from the button pressed on the parent', () => {
    assert.strictEqual(modalKind('MJ::Inpaint::1::abc::SOLO', 'VARIATION'), 'region');
    assert.strictEqual(modalKind('MJ::CustomZoom::abc', 'ZOOM'), 'customZoom');
    assert.strictEqual(modalKind('MJ::CustomZoom::1::abc', 'ZOOM'), 'customZoom');
    assert.strictEqual(modalKind('MJ::Job::PicReader::3', 'IMAGINE'), 'describe');
    assert.strictEqual(modalKind('MJ::Job::PromptAnalyzer::abc::SOLO::2', 'IMAGINE'), 'shorten');
    for (const remix of ['MJ::JOB::variation::2::abc', 'MJ::JOB::reroll::0::abc::SOLO', 'MJ::JOB::pan_left::1::abc::SOLO', 'MJ::JOB::high_variation::1::abc::SOLO']) {
      assert.strictEqual(modalKind(remix, 'VARIATION'), 'remix', remix);
    }
  });

  it('without the button, reads new-api\'s own action names; anything else is asked', () => {
    assert.strictEqual(modalKind(null, 'INPAINT'), 'region');
    assert.strictEqual(modalKind(undefined, 'CUSTOM_ZOOM'), 'customZoom');
    assert.strictEqual(modalKind(null, 'VARIATION'), 'unknown');
    assert.strictEqual(modalKind(null, ''), 'unknown');
  });

  it('prefills what the server says the window shows, else the MODAL task\'s, else the parent\'s final prompt', () => {
    const parent = task({ prompt: 'a cat', finalPrompt: 'a cat --v 7' });
    const modal = task({ status: 'MODAL', prompt: 'a cat', finalPrompt: null });
    assert.strictEqual(prefillPrompt('remix', { submitFinalPrompt: 'a cat --v 7 --stylize 50', modal, parent }), 'a cat --v 7 --stylize 50');
    assert.strictEqual(prefillPrompt('remix', { modal: task({ finalPrompt: 'a dog --v 7' }), parent }), 'a dog --v 7');
    assert.strictEqual(prefillPrompt('remix', { modal: null, parent }), 'a cat --v 7');
    assert.strictEqual(prefillPrompt('remix', { submitFinalPrompt: 42, modal: null, parent: null }), '');
  });

  it('Custom Zoom: the prompt carries --zoom (added when missing) between 1 and 2', () => {
    const parent = task({ finalPrompt: 'a lighthouse --ar 16:9 --v 7' });
    assert.strictEqual(prefillPrompt('customZoom', { modal: null, parent }), 'a lighthouse --ar 16:9 --v 7 --zoom 2');
    assert.strictEqual(prefillPrompt('customZoom', { submitFinalPrompt: 'a lighthouse --zoom 1.5', modal: null, parent }), 'a lighthouse --zoom 1.5');
    assert.strictEqual(zoomValue('x --zoom 1.25 --v 7'), 1.25);
    assert.strictEqual(zoomValue('x --zoomy 2'), null);
    assert.match(promptProblem('customZoom', 'a lighthouse') ?? '', /needs --zoom/);
    assert.match(promptProblem('customZoom', 'a lighthouse --zoom 3') ?? '', /between 1 and 2/);
    assert.match(promptProblem('customZoom', 'a lighthouse --zoom x') ?? '', /between 1 and 2/);
    assert.strictEqual(promptProblem('customZoom', 'a lighthouse --zoom 1.5'), undefined);
  });

  it('describe and shorten: the numbered prompt the button names', () => {
    const described = task({ promptEn: '1️⃣ a red fox --ar 1:1\n\n2️⃣ a blue bird --ar 1:1\n\n3️⃣ a tree\n\n4️⃣ a stone' });
    assert.strictEqual(prefillPrompt('describe', { modal: null, parent: described, originCustomId: 'MJ::Job::PicReader::2' }), 'a blue bird --ar 1:1');
    const shortened = task({ promptEn: '**IMPORTANT TOKENS**\ncat, hat\n\n**SHORTENED OPTIONS**\n1️⃣ cat in a hat\n\n2️⃣ cat hat\n\n3️⃣ cat\n\n4️⃣ c\n\n5️⃣ h' });
    assert.strictEqual(prefillPrompt('shorten', { modal: null, parent: shortened, originCustomId: 'MJ::Job::PromptAnalyzer::h::SOLO::2' }), 'cat hat');
    // The server's word wins over ours only when it has no list to read: no parent here.
    assert.strictEqual(prefillPrompt('describe', { submitFinalPrompt: 'a tree', modal: null, parent: null, originCustomId: 'MJ::Job::PicReader::3' }), 'a tree');
  });

  it('an empty prompt is refused, except for Vary (Region) (the server keeps the current one)', () => {
    assert.match(promptProblem('remix', '   ') ?? '', /empty/);
    assert.strictEqual(promptProblem('region', ''), undefined);
    assert.strictEqual(promptProblem('remix', 'a cat'), undefined);
  });

  it('draws the region on the parent\'s image, else the MODAL task\'s own', () => {
    assert.strictEqual(regionImageUrl(task({ imageUrl: 'http://m/1.png' }), task({ imageUrl: 'http://p/2.png' })), 'http://p/2.png');
    assert.strictEqual(regionImageUrl(task({ imageUrl: 'http://m/1.png' }), null), 'http://m/1.png');
    assert.strictEqual(regionImageUrl(null, null), null);
  });
});

describe('recent prompts', () => {
  it('newest first, each once, capped; blank prompts change nothing', () => {
    assert.deepStrictEqual(rememberPrompt(['b', 'a'], ' a '), ['a', 'b']);
    assert.deepStrictEqual(rememberPrompt(['b', 'a'], 'c'), ['c', 'b', 'a']);
    assert.deepStrictEqual(rememberPrompt(['b'], '  '), ['b']);
    assert.deepStrictEqual(rememberPrompt(['1', '2', '3'], '4', 3), ['4', '1', '2']);
  });

  it('reads stored values defensively', () => {
    assert.deepStrictEqual(recentPrompts(undefined), []);
    assert.deepStrictEqual(recentPrompts('a cat'), []);
    assert.deepStrictEqual(recentPrompts(['a', 3, null, 'a', ' b ', '']), ['a', 'b']);
  });
});
