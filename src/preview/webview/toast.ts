import { h } from './dom';

// A message at the foot of the page for what the host answered (why Insert wrote nothing). It sits
// outside the re-rendered view, so a progress update does not wipe it before it is read.

const SHOW_MS = 8000;

export class Toast {
  private readonly el: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parent: HTMLElement) {
    this.el = h('div', { class: 'toast', attrs: { role: 'alert' }, on: { click: () => this.hide() } });
    this.el.hidden = true;
    parent.append(this.el);
  }

  show(text: string): void {
    this.el.textContent = text;
    this.el.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), SHOW_MS);
  }

  private hide(): void {
    clearTimeout(this.timer);
    this.el.hidden = true;
  }
}
