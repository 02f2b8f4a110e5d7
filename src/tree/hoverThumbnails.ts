import * as http from 'http';
import { safeHttpUrl } from '../preview/shared/urlSafety';

// The thumbnail of a hover (the tree's tooltip, an editor's hover on a task ID). VS Code's
// workbench loads only https: (and data:) images, so the http: image of a self-hosted proxy would
// show as a broken image: such a thumbnail is fetched here, without the API key (image hosts never
// get it), and handed to the hover as a data: URI.

/** Bigger images keep their link (a full-size grid is several MB; a hover is 240 px wide). */
const MAX_IMAGE_BYTES = 1_500_000;
const FETCH_TIMEOUT_MS = 4_000;
/** Thumbnails kept for hovers shown again; a few recent ones are enough. */
const CACHE_SIZE = 16;
const IMAGE_TYPES = /^image\/(?:png|jpeg|gif|webp)$/;

export class HoverThumbnails {
  private readonly cache = new Map<string, string | null>();
  private readonly requests = new Set<http.ClientRequest>();

  /** What the hover's image should load: the https: URL itself, an http: image as data:, or null. */
  async source(url: string | null): Promise<string | null> {
    const safe = safeHttpUrl(url);
    if (!safe || safe.startsWith('https:')) return safe;
    if (this.cache.has(safe)) return this.cache.get(safe) ?? null;
    const data = await this.fetch(safe);
    this.cache.set(safe, data);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return data;
  }

  private fetch(url: string): Promise<string | null> {
    return new Promise((resolve) => {
      const request = http.get(url, { headers: { Accept: 'image/*', 'User-Agent': 'mj-tasks' }, timeout: FETCH_TIMEOUT_MS }, (res) => {
        const type = (res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        if (res.statusCode !== 200 || !IMAGE_TYPES.test(type)) {
          res.resume();
          return finish(null);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_IMAGE_BYTES) {
            request.destroy();
            finish(null);
          } else chunks.push(chunk);
        });
        res.on('end', () => finish(`data:${type};base64,${Buffer.concat(chunks).toString('base64')}`));
        res.on('error', () => finish(null));
      });
      this.requests.add(request);
      let done = false;
      const finish = (value: string | null): void => {
        if (done) return;
        done = true;
        this.requests.delete(request);
        resolve(value);
      };
      request.on('timeout', () => {
        request.destroy();
        finish(null);
      });
      request.on('error', () => finish(null));
      request.on('close', () => finish(null));
    });
  }

  dispose(): void {
    for (const request of this.requests) request.destroy();
    this.requests.clear();
    this.cache.clear();
  }
}
