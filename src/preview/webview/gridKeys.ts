// The grid by keyboard (which key names which button: ../shared/gridKeys.ts). Only outside
// fields: while typing in one, a digit is text.

import { gridKeyOf } from '../shared/gridKeys';
import { format, PreviewModel, UiStrings, ValueKey } from '../shared/protocol';
import { FLASH_MS } from './actions';

export interface GridKeysHost {
  view(): PreviewModel | undefined;
  strings(): UiStrings | undefined;
  copy(key: ValueKey): void;
  /** Says what was copied (the toast, which screen readers announce). */
  announce(text: string): void;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

export function installGridKeys(doc: Document, host: GridKeysHost): void {
  doc.addEventListener('keydown', (e) => {
    const which = gridKeyOf(e);
    const view = host.view();
    const strings = host.strings();
    if (!which || !view?.grid || !strings || isTyping(e.target)) {
      return;
    }
    const q = view.grid.find((g) => g.index === which.quadrant);
    const button = which.variation ? q?.variation : q?.upscale;
    if (!button) {
      return;
    }
    e.preventDefault();
    host.copy(button.key);
    const name = format(which.variation ? strings.variationShort : strings.upscaleShort, which.quadrant);
    host.announce(format(strings.copiedByKey, name, button.customId));
    const quadrant = doc.querySelector<HTMLElement>(`.quadrant[data-quadrant="${which.quadrant}"]`);
    quadrant?.classList.add('flashed');
    setTimeout(() => quadrant?.classList.remove('flashed'), FLASH_MS);
  });
}
