import * as assert from 'assert';
import { isWebviewMessage } from '../../src/preview/shared/protocolGuards';

// The preview's Code button names a button by its value key (never a customId: the host looks
// the customId up in its own table) or the task by null.
describe('preview protocol: the code message', () => {
  it('accepts a value key or null', () => {
    assert.ok(isWebviewMessage({ type: 'code', key: null }));
    assert.ok(isWebviewMessage({ type: 'code', key: 'buttons.3' }));
  });

  it('refuses a customId, a missing key, or any other value in its place', () => {
    for (const key of ['MJ::JOB::upsample::2::h', undefined, 3, {}, '', 'buttons.3; x', 'finalPrompt.1']) {
      assert.ok(!isWebviewMessage({ type: 'code', key }), JSON.stringify(key));
    }
  });
});
