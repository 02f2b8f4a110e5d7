import * as assert from 'assert';
import { planExpiry, toldKey } from '../../src/core/expiryPlan';
import { describeExpiry, EXPIRY_WARNING_MS, expiryState, linkExpiry, taskLinkExpiry } from '../../src/core/linkExpiry';
import { normalizeTask } from '../../src/core/task';

const HOUR = 3600_000;

describe('linkExpiry: when a result link dies', () => {
  it('reads Discord\'s ex= (Unix seconds in hex)', () => {
    // A real attachment link's shape: ex, is, hm.
    const url = 'https://cdn.discordapp.com/attachments/1/2/fox.png?ex=6750c3a8&is=674f7228&hm=5e1b0a&';
    assert.strictEqual(linkExpiry(url), 0x6750c3a8 * 1000);
    assert.strictEqual(new Date(linkExpiry(url)!).toISOString(), '2024-12-04T21:03:36.000Z');
    assert.strictEqual(linkExpiry('https://media.discordapp.net/a.webp?EX=1&ex=ff'), 255_000);
  });

  it('says nothing for links without an expiry, or with one that is not hex seconds', () => {
    for (const url of [
      'https://cdn.midjourney.com/abc/0_0.png',
      'https://x.example/a.png?expires=1733353480',
      'https://x.example/a.png?ex=',
      'https://x.example/a.png?ex=zz12',
      'https://x.example/a.png?ex=0',
      'https://x.example/a.png?ex=1234567890abcd',
      'not a url?ex=6750c3a8',
    ]) {
      assert.strictEqual(linkExpiry(url), null, url);
    }
  });

  it('takes the earliest expiry among a task\'s links', () => {
    const task = normalizeTask({
      id: '1', status: 'SUCCESS', imageUrl: 'https://c.example/g.png?ex=6750c3a8',
      imageUrls: ['https://c.example/1.png?ex=6750c000', 'https://c.example/2.png'],
    })!;
    assert.strictEqual(taskLinkExpiry(task), 0x6750c000 * 1000);
    assert.strictEqual(taskLinkExpiry(normalizeTask({ id: '2', status: 'SUCCESS', imageUrl: 'https://c.example/g.png' })!), null);
    assert.strictEqual(taskLinkExpiry(null), null);
  });

  it('describes the time left or past in words', () => {
    const now = 1_000_000_000_000;
    assert.strictEqual(describeExpiry(now + 5 * HOUR, now), 'link expires in 5 h');
    assert.strictEqual(describeExpiry(now + 42 * 60_000, now), 'link expires in 42 min');
    assert.strictEqual(describeExpiry(now - 2 * HOUR, now), 'link expired 2 h ago');
    assert.strictEqual(describeExpiry(now + 3 * 24 * HOUR, now), 'link expires in 3 d');
    assert.strictEqual(describeExpiry(null, now), '');
    assert.strictEqual(expiryState(null, now), 'none');
    assert.strictEqual(expiryState(now + EXPIRY_WARNING_MS + 1, now), 'live');
    assert.strictEqual(expiryState(now + EXPIRY_WARNING_MS, now), 'soon');
    assert.strictEqual(expiryState(now, now), 'expired');
  });

  it('plans one warning an hour before an unsaved link dies, one notice after, and when to look again', () => {
    const now = 1_000_000_000_000;
    const far = { id: 'far', expiresAt: now + 5 * HOUR, saved: false };
    const soon = { id: 'soon', expiresAt: now + 30 * 60_000, saved: false };
    const savedSoon = { id: 'saved', expiresAt: now + 10 * 60_000, saved: true };
    const dead = { id: 'dead', expiresAt: now - HOUR, saved: true };
    const none = { id: 'none', expiresAt: null, saved: false };
    const plan = planExpiry([far, soon, savedSoon, dead, none], now, new Set());
    assert.deepStrictEqual(plan.warn.map((c) => c.id), ['soon']);
    assert.deepStrictEqual(plan.expired.map((c) => c.id), ['dead']);
    // The next moment: the saved task's expiry (10 min), before the far one's warning (4 h).
    assert.strictEqual(plan.nextAt, now + 10 * 60_000);
    const told = new Set([toldKey('warn', soon), toldKey('expired', dead)]);
    const again = planExpiry([far, soon, savedSoon, dead, none], now, told);
    assert.deepStrictEqual([again.warn, again.expired], [[], []], 'each said once');
    // A fresh link (another expiry) for the same task is told again.
    const fresh = planExpiry([{ ...dead, expiresAt: now - 1 }], now, told);
    assert.deepStrictEqual(fresh.expired.map((c) => c.id), ['dead']);
    assert.strictEqual(planExpiry([far], now, new Set()).nextAt, far.expiresAt - EXPIRY_WARNING_MS);
    assert.strictEqual(planExpiry([none], now, new Set()).nextAt, null);
  });
});
