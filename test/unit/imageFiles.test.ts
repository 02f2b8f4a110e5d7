// Images checked before a describe/blend/imagine is sent: type by the first bytes, size, count.

import * as assert from 'assert';
import { checkImage, imageCountProblem, MAX_IMAGE_BYTES, sizeProblem, sniffImageType } from '../../src/core/imageFiles';
import { encodePng } from '../../src/simulator/png';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('image files', () => {
  it('tells PNG, JPEG, WebP and GIF by their first bytes, whatever the name says', () => {
    assert.strictEqual(sniffImageType(encodePng(2, 2, new Uint8Array(12))), 'png');
    assert.strictEqual(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10)), 'jpeg');
    assert.strictEqual(sniffImageType(new Uint8Array([...Buffer.from('RIFF'), 1, 2, 3, 4, ...Buffer.from('WEBPVP8 ')])), 'webp');
    assert.strictEqual(sniffImageType(new Uint8Array(Buffer.from('GIF89a....'))), 'gif');
    assert.strictEqual(sniffImageType(new Uint8Array(Buffer.from('GIF87a'))), 'gif');
    assert.strictEqual(sniffImageType(new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))), null);
    assert.strictEqual(sniffImageType(new Uint8Array(Buffer.from('RIFF1234WAVE'))), null, 'a RIFF that is not WebP');
    assert.strictEqual(sniffImageType(bytes(0x89, 0x50, 0x4e)), null, 'a PNG cut short');
  });

  it('turns an image into a data URL of its real type', () => {
    const png = encodePng(1, 1, bytes(255, 0, 0));
    const r = checkImage('photo.jpg', png);
    assert.ok(r.ok);
    assert.strictEqual(r.image.type, 'png');
    assert.strictEqual(r.image.bytes, png.length);
    assert.strictEqual(r.image.dataUrl, `data:image/png;base64,${png.toString('base64')}`);
    const jpeg = checkImage('a.png', bytes(0xff, 0xd8, 0xff, 0xdb, 1, 2));
    assert.ok(jpeg.ok && jpeg.image.dataUrl.startsWith('data:image/jpeg;base64,/9j/'));
  });

  it('refuses an empty file, a file over the cap and a file that is no image, naming it', () => {
    const empty = checkImage('empty.png', new Uint8Array(0));
    assert.ok(!empty.ok && /empty\.png is empty/.test(empty.reason));
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(encodePng(1, 1, bytes(0, 0, 0)));
    const tooBig = checkImage('big.png', big);
    assert.ok(!tooBig.ok && /big\.png is 10 MB; servers take images up to 10 MB/.test(tooBig.reason), !tooBig.ok ? tooBig.reason : '');
    assert.match(sizeProblem('huge.png', 25 * 1024 * 1024) ?? '', /huge\.png is 25 MB/);
    assert.strictEqual(sizeProblem('ok.png', MAX_IMAGE_BYTES), null);
    const text = checkImage('notes.png', new Uint8Array(Buffer.from('just text')));
    assert.ok(!text.ok && /notes\.png is not a PNG, JPEG, WebP or GIF image/.test(text.reason));
  });

  it('counts: blend takes 2 to 5', () => {
    assert.match(imageCountProblem(1, 2, 5) ?? '', /at least 2 images \(selected: 1\)/);
    assert.match(imageCountProblem(6, 2, 5) ?? '', /at most 5 images \(selected: 6\)/);
    assert.strictEqual(imageCountProblem(2, 2, 5), null);
    assert.strictEqual(imageCountProblem(5, 2, 5), null);
    assert.strictEqual(imageCountProblem(0, 0, 5), null);
  });
});
