// The only way the preview builds DOM: createElement, textContent, setAttribute. No innerHTML, no
// HTML strings, so text from a server (prompts, reasons, customIds) can only ever be text.

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  /** Set with setAttribute; event-handler attributes (on…) are refused: handlers go in `on`. */
  attrs?: Record<string, string | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (e: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) {
    el.className = props.class;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined) {
      continue;
    }
    if (/^on/i.test(name) || /^(href|src|srcdoc|action|formaction)$/i.test(name)) {
      // URLs are set by the few callers that checked them (setSafeSrc); handlers never as attributes.
      throw new Error(`h(): refusing attribute ${name}`);
    }
    el.setAttribute(name, value);
  }
  for (const [type, listener] of Object.entries(props.on ?? {})) {
    el.addEventListener(type, listener as EventListener);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) {
      continue;
    }
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/**
 * A codicon (dist/webview/codicons/codicon.css, from @vscode/codicons), decorative only: hidden from
 * screen readers, the text or aria-label beside it names the thing. `name` is our own constant
 * ('copy') or one the host sent (checked by the protocol's guard).
 */
export function icon(name: string, spin = false): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}${spin ? ' codicon-modifier-spin' : ''}`, attrs: { 'aria-hidden': 'true' } });
}
