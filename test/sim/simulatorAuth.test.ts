// The simulator over real loopback HTTP: which header carries the key in each dialect, and what
// a refused request gets.

import * as assert from 'assert';
import { KEY, DIALECTS, sim, call } from './simulatorHelpers';

describe('simulator: auth', () => {
  it('novicezk reads only mj-api-secret; anything else is 401 with an empty body', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const id = s.createTask({ status: 'SUCCESS' });
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`)).status, 200);
    const refused: Record<string, string>[] = [{}, { 'mj-api-secret': 'wrong' }, { Authorization: `Bearer ${KEY}` }, { Authorization: KEY }];
    for (const headers of refused) {
      const r = await call(s, `/mj/task/${id}/fetch`, { headers });
      assert.strictEqual(r.status, 401, JSON.stringify(headers));
      assert.strictEqual(r.text, '');
    }
  });

  it('trueai takes the whole Authorization header as the key, so Bearer fails; Mj-Api-Secret otherwise', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'SUCCESS' });
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: { Authorization: KEY } })).status, 200);
    assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: { 'Mj-Api-Secret': KEY } })).status, 200);
    const refused: Record<string, string>[] = [{}, { Authorization: `Bearer ${KEY}` }, { Authorization: 'nope' }];
    for (const headers of refused) {
      const r = await call(s, `/mj/task/${id}/fetch`, { headers });
      assert.strictEqual(r.status, 401, JSON.stringify(headers));
      assert.strictEqual(r.text, 'Authorization header missing.');
      assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    }
  });

  it('newapi accepts Bearer, raw Authorization and mj-api-secret; refuses with new_api_error JSON', async () => {
    const s = await sim({ dialect: 'newapi' });
    const id = s.createTask({ status: 'SUCCESS' });
    const accepted: Record<string, string>[] = [
      { Authorization: `Bearer ${KEY}` },
      { Authorization: KEY },
      { 'mj-api-secret': KEY },
      { Authorization: `Bearer sk-${KEY}` },
    ];
    for (const headers of accepted) {
      assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers })).status, 200, JSON.stringify(headers));
    }
    const r = await call(s, `/mj/task/${id}/fetch`, { headers: { Authorization: 'Bearer wrong' } });
    assert.strictEqual(r.status, 401);
    const body = JSON.parse(r.text) as { error: { message: string; type: string } };
    assert.strictEqual(body.error.type, 'new_api_error');
    assert.match(body.error.message, /^无效的令牌 \(request id: \d+\)$/);
  });

  it('apiKey null turns auth off', async () => {
    for (const dialect of DIALECTS) {
      const s = await sim({ dialect, apiKey: null });
      const id = s.createTask({ status: 'SUCCESS' });
      assert.strictEqual((await call(s, `/mj/task/${id}/fetch`, { headers: {} })).status, 200, dialect);
    }
  });

  it('images need no key', async () => {
    const s = await sim({ dialect: 'trueai' });
    const r = await fetch(`${s.url}/images/grid-0.png`);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.headers.get('content-type'), 'image/png');
  });
});
