import * as assert from 'assert/strict';
import { newTrackedTask } from '../../src/core/blankTask';
import { NetworkError, RateLimitedError, TaskNotFoundError } from '../../src/core/errors';
import { giveUpAfterMisses, MAX_CONSECUTIVE_MISSES, PollFailure, PollLedger } from '../../src/core/pollLedger';
import { DEFAULT_POLL_SETTINGS } from '../../src/core/pollSchedule';

const s = DEFAULT_POLL_SETTINGS;
const task = newTrackedTask('1', 'relay', 0);
const notFound = new TaskNotFoundError({ server: 'relay', taskId: '1' });
const network = new NetworkError({ server: 'https://relay' }, 'ECONNRESET');

describe('pollLedger', () => {
  it('starts with nothing known: due at once, no floor', () => {
    assert.deepEqual(new PollLedger().candidate(task), { lastPolledAt: null, notBefore: 0, stuck: false });
  });

  it('backs a task off per miss or error of its own and resets on an answer', () => {
    const ledger = new PollLedger();
    ledger.asked('1', 1000);
    ledger.missed('1', notFound, s, 1000);
    assert.deepEqual(ledger.candidate(task), { lastPolledAt: 1000, notBefore: 4000, stuck: false });
    ledger.erred('1', 'relay', network, s, 5000);
    assert.equal(ledger.candidate(task)!.notBefore, 11_000);
    ledger.answered('1');
    assert.equal(ledger.candidate(task)!.notBefore, 0);
  });

  it('backs the whole provider off for a failed request or a 429, at least for Retry-After', () => {
    const ledger = new PollLedger();
    assert.equal(ledger.providerFailed('relay', network, s, 0), 3000);
    assert.equal(ledger.providerFailed('relay', null, s, 0), 6000);
    assert.equal(ledger.candidate(task)!.notBefore, 6000);
    ledger.erred('1', 'relay', new RateLimitedError({ server: 'https://relay' }, 60_000), s, 0);
    assert.equal(ledger.candidate(task)!.notBefore, 60_000);
    assert.equal(ledger.candidate(newTrackedTask('2', 'other', 0))!.notBefore, 0, 'other providers are not slowed');
    ledger.providerAnswered('relay');
    assert.equal(ledger.candidate(task)!.notBefore, 0);
  });

  it('gives up by default after MAX_CONSECUTIVE_MISSES misses, once, until refreshed', () => {
    const ledger = new PollLedger();
    const gaveUp = Array.from({ length: MAX_CONSECUTIVE_MISSES + 1 }, () => ledger.missed('1', notFound, s, 0));
    assert.deepEqual(gaveUp, [false, false, false, false, false, true, false]);
    assert.equal(ledger.candidate(task), null);
    ledger.refresh('1');
    assert.notEqual(ledger.candidate(task), null);
    assert.equal(ledger.missed('1', notFound, s, 0), false, 'a fresh set of tries');
  });

  it('never gives up by default on errors other than a missing task', () => {
    const ledger = new PollLedger();
    for (let i = 0; i < 50; i++) assert.equal(ledger.erred('1', 'relay', network, s, 0), false);
    for (let i = 0; i < 50; i++) assert.equal(ledger.failed('1', network), false);
    assert.equal(giveUpAfterMisses({ error: notFound, misses: MAX_CONSECUTIVE_MISSES - 1, failures: 99 }), false);
  });

  it('tells a custom rule the misses and the failed polls in a row; an answer starts both again', () => {
    const seen: PollFailure[] = [];
    const ledger = new PollLedger((f) => {
      seen.push(f);
      return false;
    });
    ledger.failed('1', network);
    ledger.erred('1', 'relay', network, s, 0);
    ledger.missed('1', notFound, s, 0);
    ledger.answered('1');
    ledger.missed('1', notFound, s, 0);
    assert.deepEqual(
      seen.map((f) => [f.error.kind, f.misses, f.failures]),
      [
        ['Network', 0, 1],
        ['Network', 0, 2],
        ['TaskNotFound', 1, 3],
        ['TaskNotFound', 1, 1],
      ],
    );
  });

  it('forgets the tasks it is told are gone', () => {
    const ledger = new PollLedger();
    ledger.asked('1', 1000);
    ledger.forget((id) => id === '1');
    assert.equal(ledger.candidate(task)!.lastPolledAt, null);
  });
});
