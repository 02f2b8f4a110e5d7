import * as assert from 'assert';
import { GridKeyPress, gridKeyOf } from '../../src/preview/shared/gridKeys';

function press(code: string, mods: Partial<GridKeyPress> = {}): GridKeyPress {
  return { code, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods };
}

describe('preview grid keys', () => {
  it('names U1–U4 by the digit keys and the number pad', () => {
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => gridKeyOf(press(`Digit${n}`))), [1, 2, 3, 4].map((quadrant) => ({ quadrant, variation: false })));
    assert.deepStrictEqual(gridKeyOf(press('Numpad3')), { quadrant: 3, variation: false });
  });

  it('names V1–V4 with Shift, by physical key whatever character the layout types', () => {
    assert.deepStrictEqual(gridKeyOf(press('Digit3', { shiftKey: true })), { quadrant: 3, variation: true });
    assert.deepStrictEqual(gridKeyOf(press('Digit1', { shiftKey: true })), { quadrant: 1, variation: true });
  });

  it('leaves other digits, letters and every key with Ctrl, Alt or Meta alone', () => {
    for (const code of ['Digit0', 'Digit5', 'Digit9', 'KeyU', 'Numpad5', 'Enter', 'Tab', 'Space', '']) {
      assert.strictEqual(gridKeyOf(press(code)), undefined, code);
    }
    for (const mod of ['ctrlKey', 'altKey', 'metaKey'] as const) {
      assert.strictEqual(gridKeyOf(press('Digit3', { [mod]: true })), undefined, mod);
    }
  });
});
