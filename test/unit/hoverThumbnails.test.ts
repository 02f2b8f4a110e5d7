import * as assert from 'assert';
import * as http from 'http';
import { AddressInfo } from 'net';
import { HoverThumbnails } from '../../src/tree/hoverThumbnails';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('editor IDs: thumbnails fetched for the hover', () => {
  let server: http.Server;
  let base = '';
  const seen: (string | undefined)[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === '/grid.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
      else if (req.url === '/page') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<b>hi</b>');
      else if (req.url === '/huge.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.alloc(2_000_000));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('turns an http: image into a data: URI, without any key, and keeps https: links as they are', async () => {
    const thumbnails = new HoverThumbnails();
    assert.strictEqual(await thumbnails.source(`${base}/grid.png`), `data:image/png;base64,${PNG.toString('base64')}`);
    assert.strictEqual(await thumbnails.source('https://cdn.example/grid.png'), 'https://cdn.example/grid.png');
    assert.deepStrictEqual(seen, [undefined]);
    thumbnails.dispose();
  });

  it('gives null for pages, missing and oversized images, credentials in the URL and other schemes', async () => {
    const thumbnails = new HoverThumbnails();
    assert.strictEqual(await thumbnails.source(`${base}/page`), null);
    assert.strictEqual(await thumbnails.source(`${base}/missing.png`), null);
    assert.strictEqual(await thumbnails.source(`${base}/huge.png`), null);
    assert.strictEqual(await thumbnails.source(`http://user:pw@127.0.0.1:1/x.png`), null);
    assert.strictEqual(await thumbnails.source('javascript:alert(1)'), null);
    assert.strictEqual(await thumbnails.source(null), null);
    thumbnails.dispose();
  });
});
