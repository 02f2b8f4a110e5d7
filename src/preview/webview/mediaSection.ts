import { MediaItem, Quadrant, PreviewModel, format } from '../shared/protocol';
import { actionButton, FLASH_MS, pressButton, RenderContext, valueActions } from './actions';
import { h } from './dom';
import { saveSection } from './saveSection';

// The image (with the 2×2 grid overlay), the gallery and the videos. Only URLs that pass
// safeHttpUrl (in MediaCache) are loaded; anything else is shown as text.

function quadrantButton(q: Quadrant, ctx: RenderContext): HTMLElement {
  const s = ctx.strings;
  const lines = [
    q.upscale ? `${format(s.upscaleShort, q.index)}  ${q.upscale.customId}` : '',
    q.variation ? `${format(s.variationShort, q.index)}  ${q.variation.customId}` : '',
  ].filter(Boolean);
  const up = q.upscale;
  const title = up ? format(s.quadrantTitle, q.index, up.customId) : lines.join('\n');
  const button = h(
    'button',
    {
      class: `quadrant q${q.index}`,
      attrs: { type: 'button', title, 'aria-label': title, 'data-action-id': `quadrant:${q.index}`, 'data-quadrant': String(q.index) },
      on: {
        click: () => {
          if (up) {
            ctx.actions.copy(up.key);
            button.classList.add('flashed');
            setTimeout(() => button.classList.remove('flashed'), FLASH_MS);
          }
        },
      },
    },
    h('span', { class: 'quadrant-info' }, ...lines.map((l) => h('span', { class: 'quadrant-line' }, l))),
  );
  button.disabled = !up;
  return button;
}

/** A quadrant: hover shows its customIds, a click copies U's; its U and V press controls in the corner. */
function quadrantCell(q: Quadrant, ctx: RenderContext): HTMLElement {
  const s = ctx.strings;
  const press = ctx.canPress
    ? h(
        'span',
        { class: 'quadrant-press' },
        q.upscale ? pressButton(ctx, q.upscale.key, format(s.upscaleShort, q.index), format(s.upscaleShort, q.index), 'quadrant') : null,
        q.variation ? pressButton(ctx, q.variation.key, format(s.variationShort, q.index), format(s.variationShort, q.index), 'quadrant') : null,
      )
    : null;
  return h('div', { class: `quadrant-cell q${q.index}` }, quadrantButton(q, ctx), press);
}

/** The main image, with the grid overlay when it is a 2×2 grid; an unsafe URL is shown as text only. */
export function mainImage(view: PreviewModel, item: MediaItem, ctx: RenderContext): HTMLElement {
  const s = ctx.strings;
  const img = item.safeUrl ? ctx.media.image(item.safeUrl, format(s.imageAlt, view.taskId), false) : null;
  if (!img) {
    return unsafeMedia(item, ctx);
  }
  const grid = view.grid;
  const open = actionButton(`open:${item.key}`, 'link-external', s.openFullSize, s.openFullSize, () => ctx.actions.open(item.key));
  open.dataset.action = 'open';
  return h(
    'figure',
    { class: 'main-image', attrs: { 'data-key': item.key } },
    h(
      'div',
      { class: grid ? 'image-frame is-grid' : 'image-frame' },
      img,
      h('p', { class: 'image-failed', attrs: { role: 'status' } }, ctx.mediaProblems.get(item.key) ?? s.imageFailed),
      grid ? h('div', { class: 'quadrants' }, ...grid.map((q) => quadrantCell(q, ctx))) : null,
    ),
    h(
      'figcaption',
      { class: 'image-caption' },
      grid ? h('p', { class: 'hint' }, s.gridHint) : null,
      h('span', { class: 'actions' }, open, valueActions(ctx, item.key, s.imageUrl)),
      saveSection(view, ctx),
    ),
  );
}

function unsafeMedia(item: MediaItem, ctx: RenderContext): HTMLElement {
  return h(
    'div',
    { class: 'unsafe-media', attrs: { 'data-key': item.key } },
    h('p', { class: 'hint' }, ctx.strings.unsafeUrl),
    h('code', { class: 'url' }, item.url),
  );
}

export function gallery(items: MediaItem[], ctx: RenderContext, kind: 'image' | 'video'): HTMLElement {
  const s = ctx.strings;
  return h(
    'section',
    { class: `gallery-section ${kind}s` },
    h('h2', {}, kind === 'image' ? s.images : s.videos),
    h(
      'ul',
      { class: 'gallery' },
      ...items.map((item, i) => {
        const el = item.safeUrl
          ? kind === 'image'
            ? ctx.media.image(item.safeUrl, `${s.images} ${i + 1}`, true)
            : ctx.media.video(item.safeUrl)
          : null;
        if (!el) {
          return h('li', {}, unsafeMedia(item, ctx));
        }
        const open = actionButton(`open:${item.key}`, 'link-external', s.open, s.open, () => ctx.actions.open(item.key));
        open.dataset.action = 'open';
        const label = kind === 'image' ? s.imageUrl : s.videoUrl;
        const problem = ctx.mediaProblems.get(item.key);
        return h(
          'li',
          { class: 'gallery-item', attrs: { 'data-key': item.key } },
          el,
          h('p', { class: 'image-failed', attrs: { role: 'status' } }, problem ?? (kind === 'image' ? s.imageFailed : '')),
          h('span', { class: 'actions' }, open, valueActions(ctx, item.key, label)),
        );
      }),
    ),
  );
}
