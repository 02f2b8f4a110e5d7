import { ButtonGroup, Fact, Notice, PreviewModel, TextValue, UiStrings } from '../shared/protocol';
import { actionButton, pressButton, RenderContext, valueActions } from './actions';
import { familySection } from './familySection';
import { Child, h, icon } from './dom';
import { gallery, mainImage } from './mediaSection';

// The view → DOM. Every text from the task goes in as a text node; attributes carry only our own
// strings, keys and (through MediaCache) http(s) URLs.

function header(view: PreviewModel, ctx: RenderContext): HTMLElement {
  const s = ctx.strings;
  // PENDING: nothing fetched yet (the label says "Loading…").
  const status = /^[A-Z_]{1,20}$/.test(view.status) ? view.status : 'PENDING';
  const badge = h(
    'span',
    { class: `badge status-${status}` },
    icon(view.statusIcon.name, view.statusIcon.spin),
    h('span', { class: 'badge-text' }, view.statusLabel || s.loading),
  );
  const refresh = actionButton('refresh', 'refresh', s.refresh, s.refreshTitle, () => ctx.actions.refresh(), 'secondary');
  refresh.dataset.action = 'refresh';
  return h(
    'header',
    { class: 'header' },
    h('div', { class: 'title-row' }, badge, h('h1', { class: 'title' }, view.title), refresh),
    view.running ? progress(view.progress, s) : null,
  );
}

function progress(value: number | null, s: UiStrings): HTMLElement {
  const fill = h('div', { class: 'progress-fill' });
  const bar = h('div', {
    class: value === null ? 'progress indeterminate' : 'progress',
    attrs: {
      role: 'progressbar',
      'aria-label': s.progress,
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': value === null ? undefined : String(value),
    },
  }, fill);
  if (value !== null) {
    fill.style.width = `${value}%`; // CSSOM, allowed by the style-src policy (no inline style attribute)
  }
  return h('div', { class: 'progress-row' }, bar, value === null ? null : h('span', { class: 'progress-text' }, `${value}%`));
}

function noticeBox(n: Notice): HTMLElement {
  return h(
    'div',
    { class: `notice notice-${n.tone}`, attrs: { role: n.tone === 'error' ? 'alert' : 'status' } },
    h('strong', { class: 'notice-title' }, n.title),
    n.detail ? h('p', { class: 'notice-detail' }, n.detail) : null,
  );
}

function textCard(v: TextValue, ctx: RenderContext, tag: 'li' | 'div' = 'div'): HTMLElement {
  return h(
    tag,
    { class: 'value-card', attrs: { 'data-key': v.key } },
    h('div', { class: 'value-head' }, h('span', { class: 'value-label' }, v.label), valueActions(ctx, v.key, v.label)),
    h('p', { class: v.key === 'taskId' || v.key === 'seed' ? 'value-text mono' : 'value-text' }, v.value),
  );
}

function promptsSection(view: PreviewModel, ctx: RenderContext): HTMLElement {
  return h(
    'section',
    { class: 'prompts' },
    h('h2', {}, ctx.strings.prompts),
    view.promptsIntro ? h('p', { class: 'intro' }, view.promptsIntro) : null,
    h('ol', { class: 'prompt-list' }, ...view.prompts.map((p) => textCard(p, ctx, 'li'))),
  );
}

function buttonsSection(groups: ButtonGroup[], ctx: RenderContext): HTMLElement {
  return h(
    'section',
    { class: 'buttons' },
    h('h2', {}, ctx.strings.buttons),
    ...groups.map((g) =>
      h(
        'div',
        { class: 'button-group' },
        h('h3', {}, g.title),
        h(
          'ul',
          { class: 'button-list' },
          ...g.buttons.map((b) =>
            h(
              'li',
              { class: 'button-row', attrs: { 'data-key': b.key } },
              h('span', { class: 'chip', attrs: { 'aria-hidden': 'true' } }, [b.emoji, b.label].filter(Boolean).join(' ') || '•'),
              h(
                'span',
                { class: 'button-text' },
                h('span', { class: 'meaning' }, b.meaning),
                h('code', { class: 'custom-id' }, b.customId),
                b.modalNote ? h('span', { class: 'modal-note' }, b.modalNote) : null,
              ),
              h('span', { class: 'actions' }, pressButton(ctx, b.key, ctx.strings.press, b.meaning, 'row'), valueActions(ctx, b.key, b.customId)),
            ),
          ),
        ),
      ),
    ),
  );
}

function factList(facts: Fact[]): HTMLElement {
  return h('dl', { class: 'facts' }, ...facts.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]));
}

export function renderView(view: PreviewModel, ctx: RenderContext): DocumentFragment {
  const media: Child[] = [
    view.image ? mainImage(view, view.image, ctx) : null,
    view.gallery.length ? gallery(view.gallery, ctx, 'image') : null,
    view.videos.length ? gallery(view.videos, ctx, 'video') : null,
  ].filter(Boolean);
  const info: Child[] = [
    view.family.parent || view.family.children.length ? familySection(view.family, ctx) : null,
    view.prompts.length ? promptsSection(view, ctx) : null,
    view.buttonGroups.length ? buttonsSection(view.buttonGroups, ctx) : null,
    h(
      'section',
      { class: 'details' },
      h('h2', {}, ctx.strings.details),
      ...view.fields.map((f) => textCard(f, ctx)),
      view.facts.length ? factList(view.facts) : null,
    ),
  ];
  const fragment = document.createDocumentFragment();
  fragment.append(
    header(view, ctx),
    ...view.notices.map(noticeBox),
    h('div', { class: media.length ? 'content' : 'content single' }, media.length ? h('div', { class: 'media-col' }, ...media) : null, h('div', { class: 'info-col' }, ...info)),
  );
  return fragment;
}
