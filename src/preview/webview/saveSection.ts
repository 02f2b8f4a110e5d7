import { PreviewModel, format } from '../shared/protocol';
import { actionButton, RenderContext } from './actions';
import { h } from './dom';

// Under the image: how long its link lives, where the task was saved, and a Save button per piece
// (the whole grid, each quadrant, each video). Save names only a piece the host offered.

export function saveSection(view: PreviewModel, ctx: RenderContext): HTMLElement | null {
  if (!view.saveOptions.length && !view.linkExpiry && !view.savedFiles.length) return null;
  const s = ctx.strings;
  const buttons = view.saveOptions.map((o) => {
    const b = actionButton(`save:${o.part}`, 'save', o.label, format(s.saveTitle, o.label), () => ctx.actions.save(o.part), 'secondary');
    b.dataset.action = 'save';
    b.dataset.part = o.part;
    return b;
  });
  const last = view.savedFiles[view.savedFiles.length - 1];
  return h(
    'div',
    { class: 'save-section' },
    view.linkExpiry ? h('p', { class: `link-expiry expiry-${view.linkExpiry.tone}` }, view.linkExpiry.text) : null,
    last ? h('p', { class: 'saved-to', attrs: { title: view.savedFiles.join('\n') } }, format(s.savedTo, last)) : null,
    buttons.length ? h('div', { class: 'save-row' }, h('span', { class: 'save-label' }, s.save), h('span', { class: 'actions' }, ...buttons)) : null,
  );
}
