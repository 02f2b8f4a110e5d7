import * as assert from 'assert/strict';
import { blankTask } from '../../src/core/blankTask';
import { sameTask } from '../../src/core/sameTask';
import { TASK_FIELD_ENTRIES } from '../../src/core/taskFields';
import { Task } from '../../src/core/types';
import { makeTask } from './taskFixture';

/** A value of the field's kind that differs from makeTask's. */
const OTHER: Record<string, unknown> = {
  string: 'other',
  stringOrNull: 'other',
  numberOrNull: 77,
  strings: ['https://cdn/other.png'],
  buttons: [{ customId: 'MJ::JOB::variation::1::h', label: 'V1', emoji: '' }],
  status: 'FAILURE',
};

describe('sameTask', () => {
  it('holds for the same object and for an equal copy with new lists', () => {
    const a = makeTask('1', 'SUCCESS', { imageUrls: ['https://cdn/1.png'], buttons: [{ customId: 'c', label: 'U1', emoji: '' }] });
    assert.ok(sameTask(a, a));
    assert.ok(sameTask(a, { ...a, imageUrls: [...a.imageUrls], buttons: a.buttons.map((b) => ({ ...b })) }));
  });

  it('tells apart a change in any single field', () => {
    const base = makeTask('1', 'IN_PROGRESS');
    for (const [key, kind] of TASK_FIELD_ENTRIES) {
      const changed = { ...base, [key]: OTHER[kind] } as Task;
      assert.equal(sameTask(base, changed), false, key);
      assert.equal(sameTask(changed, base), false, key);
    }
  });

  it('compares lists by length and order, buttons by every part', () => {
    const a = blankTask('1', { imageUrls: ['x', 'y'], buttons: [{ customId: 'c', label: 'U1', emoji: '' }] });
    assert.equal(sameTask(a, { ...a, imageUrls: ['y', 'x'] }), false);
    assert.equal(sameTask(a, { ...a, imageUrls: ['x'] }), false);
    for (const part of ['customId', 'label', 'emoji'] as const) {
      assert.equal(sameTask(a, { ...a, buttons: [{ ...a.buttons[0], [part]: '🔄' }] }), false, part);
    }
  });
});
