// Hovers: the one on screen (the tree's tooltip, an editor's hover), read from its DOM, and a
// target pointed at until its hover shows what a test waits for.
import { current } from './run';
import { waitFor } from './waitFor';
import { dismissOverlays } from './window';

// Callbacks given to page.evaluate() run in the browser; the project compiles without the DOM
// library (see quickInput.ts), so the globals they use are declared here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare function getComputedStyle(element: any): any;
type Element = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface HoverDom {
  text: string;
  /** The links' text. */
  links: string[];
  /** The links' whole markup. */
  anchors: string[];
  /** The images' addresses. */
  images: string[];
  /** Images that loaded (a broken thumbnail has no natural width). */
  loadedImages: number;
  codicons: number;
  /** Faded in: fully opaque, up through its ancestors (ready for a screenshot). */
  opaque: boolean;
}

/** The hover on screen, or undefined while none shows. */
export async function visibleHover(): Promise<HoverDom | undefined> {
  return current().page.evaluate(() => {
    const hover = [...document.querySelectorAll('.monaco-hover')].find((h: Element) => h.offsetParent !== null);
    if (!hover) return undefined;
    let opacity = 1;
    for (let el = hover; el; el = el.parentElement) opacity *= Number(getComputedStyle(el).opacity);
    return {
      text: (hover.innerText as string).replace(/\u00a0/g, ' '),
      links: [...hover.querySelectorAll('a')].map((a: Element) => (a.innerText as string).trim()),
      anchors: [...hover.querySelectorAll('a')].map((a: Element) => a.outerHTML as string),
      images: [...hover.querySelectorAll('img')].map((i: Element) => i.getAttribute('src') as string),
      loadedImages: [...hover.querySelectorAll('img')].filter((i: Element) => i.complete && i.naturalWidth > 0).length as number,
      codicons: hover.querySelectorAll('.codicon').length as number,
      opaque: opacity === 1,
    };
  });
}

/**
 * Points at a target (`point` moves the mouse onto it) until its hover shows and `accept` holds.
 * A refresh under a still mouse can drop a hover before it shows: then `point` runs again, at most
 * once a second and a half.
 */
export async function hoverUntil(point: () => Promise<void>, accept: (hover: HoverDom) => boolean, description: string, timeoutMs?: number): Promise<HoverDom> {
  await dismissOverlays();
  let pointedAt = 0;
  return waitFor(
    async () => {
      const hover = await visibleHover();
      if (hover && accept(hover)) return hover;
      if (Date.now() - pointedAt > 1500) {
        pointedAt = Date.now();
        await point();
      }
      return undefined;
    },
    description,
    timeoutMs,
  );
}
