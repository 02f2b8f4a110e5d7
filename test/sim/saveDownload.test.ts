// Downloading results to save them, against the simulator over loopback: no key sent, the
// simulator's grid cut into the four images it serves per quadrant, Discord-style links that
// expire, and what is refused (too large, not an image).

import * as assert from 'assert';
import { decodeImage } from '../../src/core/imageCut';
import { downloadMedia, DownloadError } from '../../src/core/mediaDownload';
import { linkExpiry } from '../../src/core/linkExpiry';
import { assertQuartersOf } from '../unit/quadrantCheck';
import { call, fetchTask, sim } from './simulatorHelpers';

describe('save: downloading results', () => {
  it('downloads the grid and the quadrant links, and cuts the grid into its four quarters', async () => {
    const s = await sim({ dialect: 'trueai' });
    const id = s.createTask({ status: 'SUCCESS' });
    const task = await fetchTask(s, id);
    const grid = await downloadMedia(String(task.imageUrl), 'image');
    assert.strictEqual(grid.contentType, 'image/png');
    const imageLog = s.requestLog().filter((r) => r.key === 'GET /images/:name');
    assert.strictEqual(imageLog.length, 1);
    assertQuartersOf(grid.bytes, 'simulator grid');
    // The quadrant links the server sends are images too, downloaded the same way.
    const urls = (task.imageUrls as Array<{ url: string }>).map((u) => u.url);
    assert.strictEqual(urls.length, 4);
    for (const url of urls) assert.ok(decodeImage((await downloadMedia(url, 'image')).bytes).width > 0);
  });

  it('never sends the key: the request carries no Authorization or mj-api-secret', async () => {
    const http = await import('http');
    let seen: Record<string, unknown> = {};
    const server = http.createServer((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      await downloadMedia(`http://127.0.0.1:${port}/x.png`, 'image');
      assert.strictEqual(seen.authorization, undefined);
      assert.strictEqual(seen['mj-api-secret'], undefined);
    } finally {
      server.close();
    }
  });

  it('hands out Discord-style links with ex= and answers 404 after it; the download says "expired"', async () => {
    let now = 1_790_000_000_000;
    const s = await sim({ dialect: 'newapi', now: () => now });
    const expiresAt = now + 5 * 3600_000;
    const id = s.createTask({ status: 'SUCCESS', linkExpiresAt: expiresAt });
    const url = String((await fetchTask(s, id)).imageUrl);
    assert.match(url, /\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]+&$/);
    assert.strictEqual(linkExpiry(url), Math.floor(expiresAt / 1000) * 1000);
    await downloadMedia(url, 'image', { now });
    now = expiresAt + 1000; // the simulator's clock, past the link's expiry
    assert.strictEqual((await call(s, url.slice(s.url.length))).status, 404);
    await assert.rejects(downloadMedia(url, 'image', { now }), (e: unknown) => e instanceof DownloadError && e.reason === 'expired');
  });

  it('refuses what is not an image, and a link that is not http(s)', async () => {
    const s = await sim({ dialect: 'newapi' });
    await assert.rejects(downloadMedia(`${s.url}/mj/task/1/fetch`, 'image'), (e: unknown) => e instanceof DownloadError && /not an image|HTTP/.test(e.message));
    await assert.rejects(downloadMedia('file:///etc/passwd', 'image'), (e: unknown) => e instanceof DownloadError && e.reason === 'unsafe-url');
    await assert.rejects(downloadMedia(`${s.url}/images/nope.png`, 'image'), (e: unknown) => e instanceof DownloadError && e.reason === 'not-found');
  });
});
