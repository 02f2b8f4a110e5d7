import { FamilyLink, PreviewFamily } from '../shared/protocol';
import { RenderContext } from './actions';
import { h, icon } from './dom';

// The task's family: the task it was made from, and the tasks made from it. Each opens its own
// preview; labels are server text and go in as text nodes.

function link(l: FamilyLink, ctx: RenderContext, iconName: string): HTMLElement {
  return h(
    'button',
    {
      class: 'family-link',
      attrs: { type: 'button', title: l.taskId, 'data-action-id': `openTask:${l.key}`, 'data-task-id': l.taskId },
      on: { click: () => ctx.actions.openTask(l.key) },
    },
    icon(iconName),
    h('span', { class: 'family-label' }, l.label),
    h('code', { class: 'family-id' }, l.taskId),
  );
}

export function familySection(family: PreviewFamily, ctx: RenderContext): HTMLElement {
  const s = ctx.strings;
  return h(
    'section',
    { class: 'family' },
    family.parent ? h('div', { class: 'family-parent' }, h('h2', {}, s.madeFrom), link(family.parent, ctx, 'arrow-up')) : null,
    family.children.length
      ? h(
          'div',
          { class: 'family-children' },
          h('h2', {}, s.madeHere),
          h('ul', { class: 'family-list' }, ...family.children.map((c) => h('li', {}, link(c, ctx, 'arrow-down')))),
        )
      : null,
  );
}
