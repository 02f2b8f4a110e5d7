import * as assert from 'assert/strict';
import { blankTask, newTrackedTask } from '../../src/core/blankTask';
import { normalizeTask } from '../../src/core/task';
import { TASK_STATUSES, TERMINAL_STATUSES } from '../../src/core/types';

describe('blankTask', () => {
  it('is what normalizeTask reads from an ID alone', () => {
    assert.deepEqual(blankTask('1730621826053455'), normalizeTask({ id: '1730621826053455' }));
  });

  it('takes the given fields and derives terminal from the status', () => {
    for (const status of TASK_STATUSES) {
      const t = blankTask('1', { status, progress: 40, imageUrls: ['https://cdn/1.png'] });
      assert.equal(t.status, status);
      assert.equal(t.terminal, TERMINAL_STATUSES.has(status), status);
      assert.equal(t.progress, 40);
      assert.deepEqual(t.imageUrls, ['https://cdn/1.png']);
      assert.deepEqual(t.videoUrls, []);
    }
  });

  it('hands out fresh lists each time', () => {
    const a = blankTask('1');
    a.buttons.push({ customId: 'MJ::JOB::upsample::1::h', label: 'U1', emoji: '' });
    a.imageUrls.push('https://cdn/x.png');
    assert.deepEqual(blankTask('1').buttons, []);
    assert.deepEqual(blankTask('1').imageUrls, []);
  });
});

describe('newTrackedTask', () => {
  it('is tracked at the given time, never fetched, with no error and not stuck', () => {
    assert.deepEqual(newTrackedTask('7', 'relay', 1234), {
      id: '7',
      provider: 'relay',
      addedAt: 1234,
      lastChangedAt: 1234,
      lastCheckedAt: null,
      task: null,
      error: null,
      stuck: false,
      parentId: null,
      originCustomId: null,
    });
  });
});
