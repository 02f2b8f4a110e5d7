import { RegionRequest } from '../shared/protocol';
import { safeHttpUrl } from '../shared/urlSafety';
import { h } from './dom';

// The Vary (Region) editor: the image with a canvas of its natural size laid over it, where the
// user marks the region to change with rectangles or free-hand (lasso) shapes. Only our own shapes
// are ever drawn on a canvas — never the image — so the canvases stay untainted and the mask can be
// read back. The mask is rebuilt from the shapes on a separate canvas: black everywhere, white
// inside the shapes, every pixel forced to pure black or white (no anti-aliased edge), then PNG.

export interface RegionSender {
  submit(modalId: string, requestId: number, width: number, height: number, mask: string, prompt: string): void;
  cancel(modalId: string): void;
}

type Point = { x: number; y: number };
type Shape = { kind: 'rect'; from: Point; to: Point } | { kind: 'lasso'; points: Point[] };
type Tool = Shape['kind'];

const OVERLAY_FILL = 'rgba(255, 60, 60, 0.45)';
const OVERLAY_EDGE = 'rgba(255, 255, 255, 0.9)';

function tracePath(ctx: CanvasRenderingContext2D, shape: Shape): void {
  ctx.beginPath();
  if (shape.kind === 'rect') {
    const x = Math.min(shape.from.x, shape.to.x);
    const y = Math.min(shape.from.y, shape.to.y);
    ctx.rect(x, y, Math.abs(shape.to.x - shape.from.x), Math.abs(shape.to.y - shape.from.y));
    return;
  }
  shape.points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.closePath();
}

/** Whether a finished shape covers any area (a click without a drag does not). */
function hasArea(shape: Shape): boolean {
  if (shape.kind === 'rect') return Math.abs(shape.to.x - shape.from.x) >= 1 && Math.abs(shape.to.y - shape.from.y) >= 1;
  return shape.points.length >= 3;
}

export class RegionEditor {
  private request: RegionRequest | null = null;
  private root: HTMLElement | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private promptInput: HTMLTextAreaElement | null = null;
  private status: HTMLElement | null = null;
  private buttons: Record<'rectangle' | 'freehand' | 'undo' | 'clear' | 'submit', HTMLButtonElement> | null = null;
  private shapes: Shape[] = [];
  private current: Shape | null = null;
  private tool: Tool = 'rect';
  /** The submit the host has not answered yet; the submit button stays disabled meanwhile. */
  private pending: number | null = null;
  private nextRequestId = 0;

  constructor(
    private readonly host: HTMLElement,
    private readonly sender: RegionSender,
  ) {}

  /** Shows the editor for `request` (a new request starts a new drawing), or closes it. */
  show(request: RegionRequest | null): void {
    if (request && this.request && request.modalId === this.request.modalId) return;
    this.close();
    if (!request) return;
    const url = safeHttpUrl(request.imageUrl);
    this.request = request;
    this.shapes = [];
    this.pending = null;
    const s = request.strings;
    const toolButton = (tool: Tool, text: string) =>
      h('button', { class: 'action secondary', attrs: { type: 'button', 'data-region': tool, 'aria-pressed': 'false' }, on: { click: () => this.setTool(tool) } }, text);
    const button = (name: string, text: string, onClick: () => void, cls = 'action secondary') =>
      h('button', { class: cls, attrs: { type: 'button', 'data-region': name }, on: { click: onClick } }, text);
    this.buttons = {
      rectangle: toolButton('rect', s.rectangle),
      freehand: toolButton('lasso', s.freehand),
      undo: button('undo', s.undo, () => this.undo()),
      clear: button('clear', s.clear, () => this.clear()),
      submit: button('submit', s.submit, () => this.submit(), 'action primary'),
    };
    this.status = h('p', { class: 'region-status', attrs: { role: 'status', 'aria-live': 'polite' } }, s.hint);
    this.promptInput = h('textarea', { class: 'region-prompt', attrs: { rows: '3', 'aria-label': s.prompt, spellcheck: 'false' } });
    this.promptInput.value = request.prompt;
    const stage = h('div', { class: 'region-stage' });
    if (url) {
      const img = h('img', { class: 'region-image', attrs: { alt: s.title } });
      img.referrerPolicy = 'no-referrer';
      img.addEventListener('load', () => this.attachCanvas(stage, img));
      img.addEventListener('error', () => this.say(s.imageFailed));
      img.src = url;
      stage.append(img);
    } else {
      this.status.textContent = s.imageFailed;
    }
    this.root = h(
      'section',
      { class: 'region-editor', attrs: { role: 'dialog', 'aria-label': s.title } },
      h('div', { class: 'region-head' }, h('h2', { class: 'region-title' }, s.title), button('cancel', s.cancel, () => this.cancel())),
      h('div', { class: 'region-tools' }, this.buttons.rectangle, this.buttons.freehand, this.buttons.undo, this.buttons.clear),
      stage,
      h('label', { class: 'region-label' }, s.prompt, this.promptInput),
      h('div', { class: 'region-foot' }, this.buttons.submit, this.status),
    );
    this.host.append(this.root);
    this.setTool('rect');
    this.refreshButtons();
  }

  /** The host's answer to a submit: closed by a `region: null` when sent; the reason shown when not. */
  onResult(requestId: number, sent: boolean, reason: string): void {
    if (requestId !== this.pending) return;
    this.pending = null;
    if (!sent) this.say(reason);
    this.refreshButtons();
  }

  private close(): void {
    this.root?.remove();
    this.root = this.canvas = this.promptInput = this.status = this.buttons = this.request = this.current = null;
    this.shapes = [];
    this.pending = null;
  }

  /** The drawing canvas, once the image's natural size is known. */
  private attachCanvas(stage: HTMLElement, img: HTMLImageElement): void {
    const canvas = h('canvas', { class: 'region-canvas', attrs: { 'aria-label': this.request?.strings.hint ?? '' } });
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    canvas.dataset.naturalWidth = String(img.naturalWidth);
    canvas.dataset.naturalHeight = String(img.naturalHeight);
    canvas.addEventListener('pointerdown', (e) => this.start(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    canvas.addEventListener('pointerup', (e) => this.finish(e));
    canvas.addEventListener('pointercancel', () => this.abandon());
    stage.append(canvas);
    this.canvas = canvas;
    this.refreshButtons();
  }

  /** A pointer position in the image's own pixels. */
  private point(e: PointerEvent): Point {
    const c = this.canvas!;
    const r = c.getBoundingClientRect();
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
    return { x: clamp(((e.clientX - r.left) * c.width) / r.width, c.width), y: clamp(((e.clientY - r.top) * c.height) / r.height, c.height) };
  }

  private start(e: PointerEvent): void {
    if (!this.canvas || this.pending !== null || e.button !== 0) return;
    this.canvas.setPointerCapture(e.pointerId);
    const p = this.point(e);
    this.current = this.tool === 'rect' ? { kind: 'rect', from: p, to: p } : { kind: 'lasso', points: [p] };
  }

  private move(e: PointerEvent): void {
    if (!this.current) return;
    const p = this.point(e);
    if (this.current.kind === 'rect') this.current.to = p;
    else this.current.points.push(p);
    this.paint();
  }

  private finish(e: PointerEvent): void {
    if (!this.current) return;
    this.move(e);
    if (hasArea(this.current)) this.shapes.push(this.current);
    this.current = null;
    this.paint();
    this.refreshButtons();
  }

  private abandon(): void {
    this.current = null;
    this.paint();
  }

  private setTool(tool: Tool): void {
    this.tool = tool;
    this.buttons?.rectangle.setAttribute('aria-pressed', String(tool === 'rect'));
    this.buttons?.freehand.setAttribute('aria-pressed', String(tool === 'lasso'));
  }

  private undo(): void {
    this.shapes.pop();
    this.paint();
    this.refreshButtons();
  }

  private clear(): void {
    this.shapes = [];
    this.paint();
    this.refreshButtons();
  }

  /** The shapes over the image, translucent, so the user sees what will change. */
  private paint(): void {
    const c = this.canvas;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.clearRect(0, 0, c.width, c.height);
    ctx.fillStyle = OVERLAY_FILL;
    ctx.strokeStyle = OVERLAY_EDGE;
    ctx.lineWidth = Math.max(1, c.width / 256);
    for (const shape of this.current ? [...this.shapes, this.current] : this.shapes) {
      tracePath(ctx, shape);
      ctx.fill();
      ctx.stroke();
    }
    c.dataset.shapes = String(this.shapes.length);
  }

  /** The mask as a PNG data URL: white inside the shapes, black elsewhere, nothing in between. */
  private encodeMask(width: number, height: number): string {
    const mask = document.createElement('canvas');
    mask.width = width;
    mask.height = height;
    const ctx = mask.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#fff';
    for (const shape of this.shapes) {
      tracePath(ctx, shape);
      ctx.fill();
    }
    const pixels = ctx.getImageData(0, 0, width, height);
    const d = pixels.data;
    for (let i = 0; i < d.length; i += 4) {
      const v = d[i] >= 128 ? 255 : 0;
      d[i] = d[i + 1] = d[i + 2] = v;
      d[i + 3] = 255;
    }
    ctx.putImageData(pixels, 0, 0);
    return mask.toDataURL('image/png');
  }

  private submit(): void {
    const request = this.request;
    const c = this.canvas;
    if (!request || !c || this.pending !== null) return;
    if (!this.shapes.length) {
      this.say(request.strings.empty);
      return;
    }
    const requestId = this.nextRequestId++;
    this.pending = requestId;
    this.say(request.strings.sending);
    this.refreshButtons();
    this.sender.submit(request.modalId, requestId, c.width, c.height, this.encodeMask(c.width, c.height), this.promptInput?.value ?? '');
  }

  private cancel(): void {
    const request = this.request;
    this.close();
    if (request) this.sender.cancel(request.modalId);
  }

  private say(text: string): void {
    if (this.status) this.status.textContent = text;
  }

  private refreshButtons(): void {
    if (!this.buttons) return;
    const busy = this.pending !== null;
    this.buttons.undo.disabled = busy || !this.shapes.length;
    this.buttons.clear.disabled = busy || !this.shapes.length;
    this.buttons.submit.disabled = busy || !this.canvas || !this.shapes.length;
  }
}
