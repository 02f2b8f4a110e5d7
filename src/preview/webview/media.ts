import { safeHttpUrl } from '../shared/urlSafety';

// <img> and <video> elements are kept across re-renders (the view is rebuilt on every progress
// step): a new element would reload the image and restart a playing video. Moving a node within
// the same task does not pause it.

export class MediaCache {
  private previous = new Map<string, HTMLElement>();
  private current = new Map<string, HTMLElement>();

  /** `onFailed`: an image or video did not load (the host is asked why). */
  constructor(private readonly onFailed: (url: string) => void) {}

  beginRender(): void {
    this.current = new Map();
  }

  endRender(): void {
    this.previous = this.current;
  }

  /** An <img> for an http(s) URL (checked again here: the webview trusts no message), or null. */
  image(url: string, alt: string, lazy: boolean): HTMLImageElement | null {
    const safe = safeHttpUrl(url);
    if (!safe) {
      return null;
    }
    const img = this.take(`img:${safe}`, () => {
      const el = document.createElement('img');
      el.dataset.state = 'loading';
      el.decoding = 'async';
      el.loading = lazy ? 'lazy' : 'eager';
      // Relays' CDNs refuse hotlinks with a foreign Referer; the webview's origin is no business of theirs.
      el.referrerPolicy = 'no-referrer';
      el.addEventListener('load', () => (el.dataset.state = 'loaded'));
      el.addEventListener('error', () => {
        el.dataset.state = 'failed';
        this.onFailed(safe);
      });
      el.src = safe;
      return el;
    }) as HTMLImageElement;
    img.alt = alt;
    return img;
  }

  video(url: string): HTMLVideoElement | null {
    const safe = safeHttpUrl(url);
    if (!safe) {
      return null;
    }
    return this.take(`video:${safe}`, () => {
      const el = document.createElement('video');
      el.controls = true;
      el.preload = 'metadata';
      el.loop = true;
      el.setAttribute('playsinline', '');
      el.addEventListener('error', () => {
        el.dataset.state = 'failed';
        this.onFailed(safe);
      });
      el.src = safe;
      return el;
    }) as HTMLVideoElement;
  }

  /** Reuses the element from the last render once; a second use of the same URL gets its own. */
  private take(key: string, create: () => HTMLElement): HTMLElement {
    let el = this.previous.get(key);
    if (el) {
      this.previous.delete(key);
    } else {
      el = create();
    }
    if (!this.current.has(key)) {
      this.current.set(key, el);
    }
    return el;
  }
}
