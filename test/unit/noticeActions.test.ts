import * as assert from 'assert';
import { NoticeAction, offerActions } from '../../src/notifications/noticeActions';

/** A report that records what it was told. */
function recorder() {
  const logged: string[] = [];
  const told: { label: string; reason: string }[] = [];
  return { logged, told, report: { log: (m: string) => logged.push(m), tellUser: (label: string, reason: string) => told.push({ label, reason }) } };
}

describe('notification buttons', () => {
  const ran: string[] = [];
  const action = (label: string, run: () => Promise<unknown> = async () => ran.push(label)): NoticeAction => ({ label, run });
  beforeEach(() => (ran.length = 0));

  it('offers one button per action and runs the one pressed, only that one', async () => {
    const r = recorder();
    let offered: string[] = [];
    await offerActions(async (labels) => ((offered = labels), 'Copy'), [action('Open'), action('Copy')], r.report);
    assert.deepStrictEqual(offered, ['Open', 'Copy']);
    assert.deepStrictEqual(ran, ['Copy']);
    assert.deepStrictEqual(r.logged, []);
  });

  it('runs nothing when the notice is dismissed', async () => {
    const r = recorder();
    await offerActions(async () => undefined, [action('Open')], r.report);
    assert.deepStrictEqual(ran, []);
    assert.deepStrictEqual(r.told, []);
  });

  it('settles when the pressed action fails: logged, and the user told which button and why', async () => {
    const r = recorder();
    const failing = action('Open Preview', () => Promise.reject(new Error('the task is gone')));
    await offerActions(async () => 'Open Preview', [failing], r.report); // rejects here without the handling
    assert.strictEqual(r.logged.length, 1);
    assert.match(r.logged[0], /Open Preview.*the task is gone/);
    assert.deepStrictEqual(r.told, [{ label: 'Open Preview', reason: 'the task is gone' }]);
  });

  it('settles when the notice itself cannot be shown: logged, no button ran, the user not told of an action', async () => {
    const r = recorder();
    await offerActions(() => Promise.reject(new Error('no window')), [action('Open')], r.report);
    assert.deepStrictEqual(ran, []);
    assert.match(r.logged.join('\n'), /no window/);
    assert.deepStrictEqual(r.told, []);
  });
});
