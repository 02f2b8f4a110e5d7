import * as assert from 'assert/strict';
import { ButtonMeaning, buttonsByGroup, describeCustomId } from '../../src/core/customId';
import { TaskButton } from '../../src/core/types';

const HASH = '0f5ad3c4-7c1b-4f35-9a43-2b8ee1c0a9d1';
const JOB_ID = '1316071383513890848';

/** Every row of docs/customIds.md, with what it must mean. */
const ROWS: Array<[customId: string, expected: ButtonMeaning, label?: string, emoji?: string]> = [
  // U1–U4
  [`MJ::JOB::upsample::1::${HASH}`, { group: 'upscale', meaning: 'Upscale image 1', index: 1, needsModal: 'never' }, 'U1'],
  [`MJ::JOB::upsample::2::${HASH}`, { group: 'upscale', meaning: 'Upscale image 2', index: 2, needsModal: 'never' }, 'U2'],
  [`MJ::JOB::upsample::4::${HASH}`, { group: 'upscale', meaning: 'Upscale image 4', index: 4, needsModal: 'never' }, 'U4'],
  // V1–V4
  [`MJ::JOB::variation::3::${HASH}`, { group: 'vary', meaning: 'Vary image 3', index: 3, needsModal: 'remix' }, 'V3'],
  // 🔄
  [`MJ::JOB::reroll::0::${HASH}::SOLO`, { group: 'reroll', meaning: 'Reroll', needsModal: 'remix' }, '', '🔄'],
  // Upscale (Subtle)/(Creative), every model generation, and v5's 2x/4x
  [`MJ::JOB::upsample_v7_2x_subtle::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Subtle)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v7_2x_creative::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Creative)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v6r1_2x_subtle::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Subtle)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v6r1_2x_creative::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Creative)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v6_2x_subtle::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Subtle)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v6_2x_creative::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (Creative)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v5_2x::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (2x)', needsModal: 'never' }],
  [`MJ::JOB::upsample_v5_4x::1::${HASH}::SOLO`, { group: 'upscale', meaning: 'Upscale (4x)', needsModal: 'never' }],
  // Vary (Subtle)/(Strong)
  [`MJ::JOB::low_variation::1::${HASH}::SOLO`, { group: 'vary', meaning: 'Vary (Subtle)', needsModal: 'remix' }],
  [`MJ::JOB::high_variation::1::${HASH}::SOLO`, { group: 'vary', meaning: 'Vary (Strong)', needsModal: 'remix' }],
  // Vary (Region)
  [`MJ::Inpaint::1::${HASH}::SOLO`, { group: 'vary', meaning: 'Vary (Region)', needsModal: 'always' }],
  // Zoom Out 2x / 1.5x
  [`MJ::Outpaint::50::1::${HASH}::SOLO`, { group: 'zoom', meaning: 'Zoom out 2×', needsModal: 'never' }],
  [`MJ::Outpaint::75::1::${HASH}::SOLO`, { group: 'zoom', meaning: 'Zoom out 1.5×', needsModal: 'never' }],
  // Custom Zoom, as Discord sends it and as trueai synthesizes it
  [`MJ::CustomZoom::${HASH}`, { group: 'zoom', meaning: 'Custom zoom', needsModal: 'always' }],
  [`MJ::CustomZoom::1::${HASH}`, { group: 'zoom', meaning: 'Custom zoom', needsModal: 'always' }],
  // ⬅️ ➡️ ⬆️ ⬇️
  [`MJ::JOB::pan_left::1::${HASH}::SOLO`, { group: 'pan', meaning: 'Pan left', needsModal: 'remix' }, '', '⬅️'],
  [`MJ::JOB::pan_right::1::${HASH}::SOLO`, { group: 'pan', meaning: 'Pan right', needsModal: 'remix' }, '', '➡️'],
  [`MJ::JOB::pan_up::1::${HASH}::SOLO`, { group: 'pan', meaning: 'Pan up', needsModal: 'remix' }, '', '⬆️'],
  [`MJ::JOB::pan_down::1::${HASH}::SOLO`, { group: 'pan', meaning: 'Pan down', needsModal: 'remix' }, '', '⬇️'],
  // Animate (High/Low motion)
  [`MJ::JOB::animate_high::1::${HASH}::SOLO`, { group: 'video', meaning: 'Animate (high motion)', needsModal: 'remix' }],
  [`MJ::JOB::animate_low::1::${HASH}::SOLO`, { group: 'video', meaning: 'Animate (low motion)', needsModal: 'remix' }],
  // video U1–U4
  [`MJ::JOB::video_virtual_upscale::2::${JOB_ID}`, { group: 'video', meaning: 'Upscale video 2', index: 2, needsModal: 'never' }],
  // Extend (High/Low motion)
  [`MJ::JOB::animate_high_extend::1::${JOB_ID}`, { group: 'video', meaning: 'Extend video (high motion)', needsModal: 'never' }],
  [`MJ::JOB::animate_low_extend::1::${JOB_ID}`, { group: 'video', meaning: 'Extend video (low motion)', needsModal: 'never' }],
  // manual video
  [`MJ::JOB::video::1::${HASH}::manual`, { group: 'video', meaning: 'Animate (manual)', needsModal: 'always' }],
  // describe 1️⃣–4️⃣, 🔄, 🎉 Imagine all
  ['MJ::Job::PicReader::3', { group: 'describe', meaning: 'Use description 3', index: 3, needsModal: 'always' }, '', '3️⃣'],
  ['MJ::Picread::Retry', { group: 'describe', meaning: 'Describe again', needsModal: 'never' }, '', '🔄'],
  ['MJ::Job::PicReader::all', { group: 'describe', meaning: 'Imagine all descriptions', needsModal: 'never' }, 'Imagine all', '🎉'],
  // shorten 1️⃣–5️⃣ / Show Details (relays write JOB in capitals too)
  ['MJ::Job::PromptAnalyzer::2', { group: 'shorten', meaning: 'Shorten option 2', index: 2, needsModal: 'always' }, '', '2️⃣'],
  ['MJ::JOB::PromptAnalyzer::5', { group: 'shorten', meaning: 'Shorten option 5', index: 5, needsModal: 'always' }],
  [`MJ::Job::PromptAnalyzer::${HASH}::show_details`, { group: 'shorten', meaning: 'Show details', needsModal: 'never' }, 'Show Details'],
  [`MJ::Job::PromptAnalyzerExtended::${HASH}`, { group: 'shorten', meaning: 'Show details', needsModal: 'never' }],
  // ❤️
  [`MJ::BOOKMARK::${HASH}`, { group: 'other', meaning: 'Bookmark', needsModal: 'never' }, '', '❤️'],
];

describe('customId: describeCustomId', () => {
  for (const [customId, expected, label, emoji] of ROWS) {
    it(`${customId.replace(HASH, '<hash>').replace(JOB_ID, '<jobId>')} → ${expected.meaning}`, () => {
      assert.deepEqual(describeCustomId(customId, label, emoji), expected);
    });
  }

  it('reads the parts case-insensitively and tolerates surrounding spaces', () => {
    assert.equal(describeCustomId(`  mj::job::UPSAMPLE::2::${HASH} `).meaning, 'Upscale image 2');
  });

  it('names a zoom it does not know neutrally, and Make Square', () => {
    assert.deepEqual(describeCustomId(`MJ::Outpaint::60::1::${HASH}::SOLO`), { group: 'zoom', meaning: 'Zoom out', needsModal: 'never' });
    assert.equal(describeCustomId(`MJ::Outpaint::100::1::${HASH}::SOLO`).meaning, 'Make square');
  });

  it('does without an index it cannot read', () => {
    assert.deepEqual(describeCustomId(`MJ::JOB::upsample::x::${HASH}`), { group: 'upscale', meaning: 'Upscale', needsModal: 'never' });
    assert.deepEqual(describeCustomId(`MJ::JOB::variation::0::${HASH}`), { group: 'vary', meaning: 'Vary', needsModal: 'remix' });
  });

  describe('unknown buttons', () => {
    it('uses the label, else the emoji', () => {
      assert.deepEqual(describeCustomId('MJ::JOB::retexture::1::abc', 'Retexture', '🎨'), {
        group: 'other',
        meaning: 'Button: Retexture',
        needsModal: 'never',
      });
      assert.equal(describeCustomId('MJ::Something::New', '', '✨').meaning, 'Button: ✨');
    });

    it('falls back to the readable parts of the customId, without hashes', () => {
      assert.equal(describeCustomId(`MJ::JOB::edit_style::1::${HASH}::SOLO`).meaning, 'Button: edit_style 1');
      assert.equal(describeCustomId(`relay:${JOB_ID}`).meaning, `Button: relay:${JOB_ID}`);
      assert.equal(describeCustomId(`MJ::JOB::${JOB_ID}`).meaning, 'Unknown button');
    });

    it('never throws on garbage', () => {
      for (const junk of ['', '::', 'MJ', 'MJ::', 'MJ::JOB', 'MJ::JOB::', '🔄', 'x'.repeat(10_000), undefined, null, 42]) {
        const d = describeCustomId(junk as unknown as string);
        assert.equal(typeof d.meaning, 'string');
        assert.ok(d.meaning.length > 0 && d.meaning.length < 100);
      }
      assert.equal(describeCustomId('').group, 'other');
      assert.equal(describeCustomId('MJ::Odd', null as unknown as string, null as unknown as string).meaning, 'Button: Odd');
    });
  });
});

describe('customId: buttonsByGroup', () => {
  const b = (customId: string, label = '', emoji = ''): TaskButton => ({ customId, label, emoji });

  it('groups in a fixed order and keeps the server order within a group', () => {
    const buttons = [
      b(`MJ::JOB::variation::1::${HASH}`, 'V1'),
      b(`MJ::JOB::upsample::2::${HASH}`, 'U2'),
      b(`MJ::JOB::upsample::1::${HASH}`, 'U1'),
      b(`MJ::JOB::reroll::0::${HASH}::SOLO`, '', '🔄'),
      b('MJ::Mystery::1', 'Mystery'),
      b(`MJ::JOB::variation::2::${HASH}`, 'V2'),
    ];
    const groups = buttonsByGroup(buttons);
    assert.deepEqual(
      groups.map((g) => [g.group, g.buttons.map((x) => x.button.label || x.button.emoji)]),
      [
        ['upscale', ['U2', 'U1']],
        ['vary', ['V1', 'V2']],
        ['reroll', ['🔄']],
        ['other', ['Mystery']],
      ],
    );
    assert.equal(groups[0].buttons[0].info.meaning, 'Upscale image 2');
    assert.equal(groups[0].buttons[0].button, buttons[1], 'the original button object is kept');
  });

  it('returns nothing for no buttons', () => {
    assert.deepEqual(buttonsByGroup([]), []);
  });
});
