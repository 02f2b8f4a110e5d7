// The simulator's images and videos: decodable PNGs, Animate and the VIDEO tasks it makes, and the
// MP4 clip served whole, by range, and from the bundled command.

import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { Simulator } from '../../src/simulator';
import { parseRange, videoAssetPath } from '../../src/simulator/video';
import { KEY, type Json, sim, finishAll, call, fetchTask, submit, waitFor } from './simulatorHelpers';

describe('simulator: images', () => {
  function chunks(png: Buffer): { type: string; data: Buffer }[] {
    const out: { type: string; data: Buffer }[] = [];
    for (let off = 8; off < png.length; ) {
      const len = png.readUInt32BE(off);
      const type = png.toString('ascii', off + 4, off + 8);
      const data = png.subarray(off + 8, off + 8 + len);
      assert.strictEqual(png.readUInt32BE(off + 8 + len), zlib.crc32(png.subarray(off + 4, off + 8 + len)), `${type} CRC`);
      out.push({ type, data });
      off += 12 + len;
    }
    return out;
  }

  it('serves decodable PNGs: signature, IHDR 512×512 RGB, CRCs, and four distinct quadrants in a grid', async () => {
    const s = await sim({ dialect: 'newapi' });
    const r = await fetch(`${s.url}/images/grid-1.png`);
    const png = Buffer.from(await r.arrayBuffer());
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const cs = chunks(png);
    assert.deepStrictEqual([cs[0].type, cs[cs.length - 1].type], ['IHDR', 'IEND']);
    const ihdr = cs[0].data;
    assert.deepStrictEqual([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]], [512, 512, 8, 2]);
    const raw = zlib.inflateSync(Buffer.concat(cs.filter((c) => c.type === 'IDAT').map((c) => c.data)));
    assert.strictEqual(raw.length, (512 * 3 + 1) * 512);
    const pixel = (x: number, y: number) => raw.subarray(y * 1537 + 1 + x * 3, y * 1537 + 4 + x * 3).toString('hex');
    const corners = new Set([pixel(5, 5), pixel(261, 5), pixel(5, 261), pixel(261, 261)]);
    assert.strictEqual(corners.size, 4, 'each quadrant has its own colours');
  });

  it('in-progress and upscale images exist too; unknown names are 404', async () => {
    const s = await sim({ dialect: 'trueai' });
    for (const name of ['progress-0-1', 'progress-2-2', 'single-1-4']) assert.strictEqual((await fetch(`${s.url}/images/${name}.png`)).status, 200, name);
    assert.strictEqual((await fetch(`${s.url}/images/nope.png`)).status, 404);
  });
});

describe('simulator: videos', () => {
  async function finishedUpscale(s: Simulator): Promise<{ id: string; hash: string; customIds: string[] }> {
    const { id } = await submit(s, 'imagine', { prompt: 'a castle in the clouds' });
    finishAll();
    const hash = ((await fetchTask(s, id)).buttons as { customId: string }[])[0].customId.split('::')[4];
    const up = await submit(s, 'action', { taskId: id, customId: `MJ::JOB::upsample::3::${hash}` });
    finishAll();
    const buttons = (await fetchTask(s, up.id)).buttons as { customId: string }[];
    return { id: up.id, hash: buttons[0].customId.split('::')[4], customIds: buttons.map((b) => b.customId) };
  }

  it('trueai: Animate on an upscale makes a VIDEO task that finishes with videoUrl and videoUrls [{url, thumbnail}]', async () => {
    const s = await sim({ dialect: 'trueai' });
    const up = await finishedUpscale(s);
    const high = `MJ::JOB::animate_high::1::${up.hash}::SOLO`;
    assert.ok(up.customIds.includes(high) && up.customIds.includes(`MJ::JOB::animate_low::1::${up.hash}::SOLO`), up.customIds.join());
    const r = await submit(s, 'action', { taskId: up.id, customId: high });
    assert.strictEqual(r.code, 1);
    const running = await fetchTask(s, r.id);
    assert.deepStrictEqual([running.action, running.parentId, running.videoUrl, running.videoUrls], ['VIDEO', up.id, null, null]);
    assert.strictEqual(running.videoGenOriginImageUrl, `${s.url}/images/single-0-3.png`);
    finishAll();
    const t = await fetchTask(s, r.id);
    assert.strictEqual(t.status, 'SUCCESS');
    const urls = t.videoUrls as { url: string; thumbnail: string }[];
    assert.strictEqual(urls.length, 4);
    for (const [i, u] of urls.entries()) {
      assert.deepStrictEqual(Object.keys(u), ['url', 'thumbnail']);
      assert.match(u.url, new RegExp(`^${s.url}/videos/[0-9a-f-]{36}/0_${i}\\.mp4$`));
      assert.strictEqual(u.thumbnail, `${s.url}/images/single-0-3.png`);
    }
    assert.strictEqual(t.videoUrl, urls[0].url);
    assert.strictEqual(t.imageUrl, `${s.url}/images/single-0-3.png`);
    assert.deepStrictEqual([t.isVideo, t.videoType, t.videoDuration, t.frameCount, t.contentType], [true, 'vid_1.1_i2v_480', 2, 24, 'video/mp4']);
    assert.match(String((t.properties as Json).finalPrompt), / --motion high --video 1$/);
    const buttons = t.buttons as { customId: string; label: string; emoji: string }[];
    const hash = String(t.jobId);
    assert.deepStrictEqual(buttons.map((b) => b.customId), [
      ...[1, 2, 3, 4].map((i) => `MJ::JOB::video_virtual_upscale::${i}::${hash}`),
      `MJ::JOB::reroll::0::${hash}::SOLO`,
    ]);
    assert.deepStrictEqual(buttons.map((b) => b.label || b.emoji), ['U1', 'U2', 'U3', 'U4', '🔄']);
    for (const u of urls) assert.strictEqual((await fetch(u.url)).status, 200);
  });

  it('trueai: video U2 gives one clip with the Extend buttons; Extend makes a new VIDEO; 🔄 renders the clips again', async () => {
    const s = await sim({ dialect: 'trueai' });
    const up = await finishedUpscale(s);
    const video = await submit(s, 'action', { taskId: up.id, customId: `MJ::JOB::animate_low::1::${up.hash}::SOLO` });
    finishAll();
    const hash = String((await fetchTask(s, video.id)).jobId);
    const u2 = await submit(s, 'action', { taskId: video.id, customId: `MJ::JOB::video_virtual_upscale::2::${hash}` });
    assert.strictEqual(u2.code, 1);
    finishAll();
    const clip = await fetchTask(s, u2.id);
    assert.deepStrictEqual([clip.action, clip.status, clip.isVideoUpscale], ['UPSCALE', 'SUCCESS', true]);
    assert.strictEqual((clip.videoUrls as unknown[]).length, 1);
    const clipHash = String(clip.jobId);
    const extend = (clip.buttons as { customId: string; label: string }[]).map((b) => [b.customId, b.label]);
    assert.deepStrictEqual(extend, [
      [`MJ::JOB::animate_high_extend::1::${clipHash}`, 'Extend (High motion)'],
      [`MJ::JOB::animate_low_extend::1::${clipHash}`, 'Extend (Low motion)'],
    ]);
    const ext = await submit(s, 'action', { taskId: u2.id, customId: extend[0][0] });
    const reroll = await submit(s, 'action', { taskId: video.id, customId: `MJ::JOB::reroll::0::${hash}::SOLO` });
    finishAll();
    for (const id of [ext.id, reroll.id]) {
      const t = await fetchTask(s, id);
      assert.deepStrictEqual([t.action, t.status, (t.videoUrls as unknown[]).length], ['VIDEO', 'SUCCESS', 4]);
    }
  });

  it('novicezk has no video: no Animate buttons, pressing one is refused', async () => {
    const s = await sim({ dialect: 'novicezk' });
    const up = await finishedUpscale(s);
    assert.ok(!up.customIds.some((c) => c.includes('animate')), up.customIds.join());
    const r = await submit(s, 'action', { taskId: up.id, customId: `MJ::JOB::animate_high::1::${up.hash}::SOLO` });
    assert.strictEqual(r.code, 4);
  });

  it('newapi: refuses the video customIds itself; a VIDEO task shows videoUrl and videoUrls [{url}]', async () => {
    const s = await sim({ dialect: 'newapi' });
    const up = await finishedUpscale(s);
    assert.ok(!up.customIds.some((c) => c.includes('animate')), up.customIds.join());
    const refused = await call(s, '/mj/submit/action', { body: { taskId: up.id, customId: `MJ::JOB::animate_high::1::${up.hash}::SOLO` } });
    assert.strictEqual(refused.status, 400);
    assert.match(JSON.parse(refused.text).description, /^unknown_action:MJ::JOB::animate_high::1::/);
    const id = s.createTask({ action: 'VIDEO', status: 'SUCCESS' });
    const t = await fetchTask(s, id);
    const urls = t.videoUrls as { url: string }[];
    assert.strictEqual(urls.length, 4);
    assert.ok(urls.every((u) => Object.keys(u).join() === 'url' && u.url.startsWith(`${s.url}/videos/`)));
    assert.strictEqual(t.videoUrl, urls[0].url);
    assert.strictEqual(t.imageUrl, `${s.url}/mj/image/${id}`);
    assert.strictEqual((await fetch(String(t.imageUrl))).headers.get('content-type'), 'image/png');
    const running = await fetchTask(s, s.createTask({ action: 'VIDEO', status: 'IN_PROGRESS', progress: 40 }));
    assert.deepStrictEqual([running.videoUrl, running.videoUrls], ['', null]);
  });

  describe('the clip', () => {
    const file = videoAssetPath(path.join(__dirname, '..', '..', 'src', 'simulator'));
    const mp4 = file ? fs.readFileSync(file) : Buffer.alloc(0);

    async function clipUrl(s: Simulator): Promise<string> {
      return String((await fetchTask(s, s.createTask({ action: 'VIDEO', status: 'SUCCESS' }))).videoUrl);
    }

    it('is a small real MP4 (H.264 in an ISO BMFF with the moov box before mdat)', () => {
      assert.ok(file, 'src/simulator/assets/video.mp4 is found');
      assert.ok(mp4.length > 1000 && mp4.length <= 30 * 1024, `${mp4.length} bytes`);
      const boxes: string[] = [];
      for (let off = 0; off + 8 <= mp4.length; ) {
        const size = mp4.readUInt32BE(off);
        boxes.push(mp4.toString('ascii', off + 4, off + 8));
        if (size < 8) break;
        off += size;
      }
      assert.strictEqual(boxes[0], 'ftyp');
      assert.ok(boxes.indexOf('moov') > 0 && boxes.indexOf('moov') < boxes.indexOf('mdat'), boxes.join());
      assert.ok(mp4.includes('avc1'), 'an H.264 (avc1) track');
    });

    it('is served as video/mp4 with no key, whole bytes on GET, headers only on HEAD', async () => {
      const s = await sim({ dialect: 'trueai' });
      const url = await clipUrl(s);
      const r = await fetch(url);
      assert.deepStrictEqual([r.status, r.headers.get('content-type'), r.headers.get('accept-ranges')], [200, 'video/mp4', 'bytes']);
      assert.ok(Buffer.from(await r.arrayBuffer()).equals(mp4));
      const head = await fetch(url, { method: 'HEAD' });
      assert.deepStrictEqual([head.status, head.headers.get('content-length'), await head.text()], [200, String(mp4.length), '']);
      for (const bad of ['/videos/nope/0_0.mp4', url.replace('0_0.mp4', '0_7.mp4'), '/videos/x.mp4']) {
        assert.strictEqual((await fetch(bad.startsWith('/') ? s.url + bad : bad)).status, 404, bad);
      }
    });

    it('answers Range requests with 206 and Content-Range, and 416 past the end', async () => {
      const s = await sim({ dialect: 'newapi' });
      const url = await clipUrl(s);
      const get = async (range: string) => {
        const r = await fetch(url, { headers: { Range: range } });
        return { status: r.status, contentRange: r.headers.get('content-range'), type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
      };
      const first = await get('bytes=0-99');
      assert.deepStrictEqual([first.status, first.contentRange, first.type], [206, `bytes 0-99/${mp4.length}`, 'video/mp4']);
      assert.ok(first.body.equals(mp4.subarray(0, 100)));
      const open = await get('bytes=100-');
      assert.deepStrictEqual([open.status, open.contentRange], [206, `bytes 100-${mp4.length - 1}/${mp4.length}`]);
      assert.ok(open.body.equals(mp4.subarray(100)));
      const tail = await get('bytes=-16');
      assert.deepStrictEqual([tail.status, tail.contentRange], [206, `bytes ${mp4.length - 16}-${mp4.length - 1}/${mp4.length}`]);
      assert.ok(tail.body.equals(mp4.subarray(mp4.length - 16)));
      const past = await get(`bytes=${mp4.length}-`);
      assert.deepStrictEqual([past.status, past.contentRange, past.body.length], [416, `bytes */${mp4.length}`, 0]);
    });

    it('parseRange: one range, clamped; several, malformed or other units mean the whole body', () => {
      assert.deepStrictEqual(parseRange('bytes=0-', 10), { start: 0, end: 9 });
      assert.deepStrictEqual(parseRange('bytes=2-100', 10), { start: 2, end: 9 });
      assert.deepStrictEqual(parseRange('bytes=-100', 10), { start: 0, end: 9 });
      assert.strictEqual(parseRange('bytes=-0', 10), 'unsatisfiable');
      assert.strictEqual(parseRange('bytes=10-', 10), 'unsatisfiable');
      for (const h of [undefined, '', 'bytes=0-1,4-5', 'items=0-1', 'bytes=5-2', 'bytes=-', 'bytes=a-b']) assert.strictEqual(parseRange(h, 10), null, String(h));
    });

    it('dist/simulator.js (the bundled command) finds and serves it too', async function () {
      const bundle = path.join(__dirname, '..', '..', '..', 'dist', 'simulator.js');
      assert.ok(fs.existsSync(bundle), `${bundle} is missing: run npm run build first`);
      const child = spawn(process.execPath, [bundle, '--port', '0', '--dialect', 'trueai', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        await waitFor('the simulator to print its demo tasks', () => /Ctrl-C to stop/.test(out), 10_000);
        const base = /listening on (http:\/\/\S+)/.exec(out)![1];
        const id = /^\s+(\d+)\s+SUCCESS\s+finished VIDEO/m.exec(out)![1];
        const res = await fetch(`${base}/mj/task/${id}/fetch`, { headers: { Authorization: KEY } });
        const t = (await res.json()) as Json;
        const r = await fetch(String(t.videoUrl), { headers: { Range: 'bytes=0-' } });
        assert.deepStrictEqual([r.status, r.headers.get('content-type')], [206, 'video/mp4']);
        assert.ok(Buffer.from(await r.arrayBuffer()).equals(mp4));
      } finally {
        child.kill('SIGTERM');
      }
    });
  });
});
