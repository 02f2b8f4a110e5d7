import * as assert from 'assert';
import {
  codiconId,
  ICON_STATES,
  STATUS_CODICONS,
  statusGroupLabel,
  statusLabel,
  statusLabels,
  taskStatusLabel,
} from '../../src/core/statusVocabulary';
import { STATUS_GROUP_ORDER } from '../../src/core/taskView';
import { TASK_STATUSES } from '../../src/core/types';

describe('status vocabulary', () => {
  it('names every status of core/types.ts, each with its own word', () => {
    const labels = TASK_STATUSES.map(statusLabel);
    for (const [i, label] of labels.entries()) {
      assert.ok(typeof label === 'string' && label.trim(), `${TASK_STATUSES[i]} has no label`);
    }
    assert.strictEqual(new Set(labels).size, labels.length, `two statuses share a word: ${labels.join(', ')}`);
    assert.deepStrictEqual(statusLabels(), labels);
  });

  it('has one codicon for every status and tracking state, and nothing else', () => {
    for (const s of TASK_STATUSES) {
      assert.ok(ICON_STATES.includes(s), `${s} is not an icon state`);
    }
    assert.deepStrictEqual(Object.keys(STATUS_CODICONS).sort(), [...ICON_STATES].sort());
    for (const state of ICON_STATES) {
      const icon = STATUS_CODICONS[state];
      assert.match(icon.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${state}: a codicon name`);
      assert.match(icon.color, /^[A-Za-z]+(\.[A-Za-z]+)*$/, `${state}: a theme colour ID`);
    }
  });

  it('spins only for a running task', () => {
    assert.deepStrictEqual(
      ICON_STATES.filter((s) => STATUS_CODICONS[s].spin),
      ['IN_PROGRESS'],
    );
    assert.strictEqual(codiconId(STATUS_CODICONS.IN_PROGRESS), 'sync~spin');
    assert.strictEqual(codiconId(STATUS_CODICONS.SUCCESS), 'pass');
    // Before the first answer the task is not known to run: no spinner.
    assert.strictEqual(codiconId(STATUS_CODICONS.PENDING_FIRST_FETCH), 'cloud-download');
  });

  it('names each group of "group by status" with the word of its statuses', () => {
    const words = new Set(TASK_STATUSES.map(statusLabel));
    const groupLabels = STATUS_GROUP_ORDER.map(statusGroupLabel);
    for (const [i, label] of groupLabels.entries()) {
      assert.ok(words.has(label), `group ${STATUS_GROUP_ORDER[i]}: "${label}" is not a status word`);
    }
    assert.strictEqual(new Set(groupLabels).size, groupLabels.length);
    assert.strictEqual(statusGroupLabel('queued'), statusLabel('SUBMITTED'));
  });

  it("keeps the server's own word for a status it does not know, on one line", () => {
    assert.strictEqual(taskStatusLabel({ status: 'UNKNOWN', rawStatus: 'PAUSED\n  by admin' }), 'Unknown (PAUSED by admin)');
    assert.strictEqual(taskStatusLabel({ status: 'UNKNOWN', rawStatus: '' }), 'Unknown');
    assert.strictEqual(taskStatusLabel({ status: 'SUCCESS', rawStatus: 'SUCCESS' }), 'Succeeded');
  });
});
