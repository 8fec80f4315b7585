import { expect } from '@open-wc/testing';
import { thumbHashToRGBA } from 'thumbhash';
import { describeFile, hashFile } from './describe-file.ts';
import { makePngFile, makeRandomFile, sha256 } from '../../test/helpers/files.ts';
import { EXIF_SECRET, canRecordWebm, makeJpegWithExif, makePngClaiming, makeWav, makeWebm } from '../../test/helpers/media.ts';

/** The bytes of a `data:` URL. */
function dataUrlBytes(url: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (char) => char.charCodeAt(0));
}

/** The colour at (x, y) of a decoded thumbnail, as [r, g, b]. */
function colourAt(bitmap: ImageBitmap, x: number, y: number): number[] {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return [...context.getImageData(x, y, 1, 1).data.slice(0, 3)];
}

/** Counts calls of the page's own `createImageBitmap` while it is installed. */
function spyOnPageDecoding() {
  const original = globalThis.createImageBitmap;
  const spy = { calls: 0, restore: () => void (globalThis.createImageBitmap = original) };
  globalThis.createImageBitmap = ((...args: Parameters<typeof createImageBitmap>) => {
    spy.calls++;
    return original(...args);
  }) as typeof createImageBitmap;
  return spy;
}

describe('describeFile', () => {
  it('makes a small re-encoded thumbnail and a thumbhash in the worker, not on the page', async () => {
    const spy = spyOnPageDecoding();
    try {
      const description = await describeFile(await makePngFile('wide.png', 800, 400));
      expect(description).to.include({ width: 800, height: 400 });
      expect(description.thumbnail).to.match(/^data:image\/(webp|jpeg);base64,/);
      expect(description.thumbnail!.length).to.be.at.most(3000);
      const placeholder = thumbHashToRGBA(dataUrlBytes(`data:,${description.placeholder}`));
      expect(placeholder.w / placeholder.h).to.be.closeTo(2, 0.3);
      expect(spy.calls, 'decodes on the page').to.equal(0);
    } finally {
      spy.restore();
    }
  });

  // 64 × 32 is decoded whole; 1600 × 800 is decoded at 1/8 scale by ImageDecoder where there is one.
  for (const [offThread, width, height] of [[true, 64, 32], [false, 64, 32], [true, 1600, 800], [false, 1600, 800]] as const) {
    it(`applies EXIF orientation 6 to a ${width} × ${height} JPEG and drops the EXIF block (${offThread ? 'worker' : 'page fallback'})`, async () => {
      const description = await describeFile(await makeJpegWithExif(6, width, height), { offThread });
      expect(description).to.include({ width: height, height: width });
      const bytes = dataUrlBytes(description.thumbnail!);
      const text = new TextDecoder('latin1').decode(bytes);
      expect(text).to.not.include('Exif');
      expect(text).to.not.include(EXIF_SECRET);
      const bitmap = await createImageBitmap(new Blob([bytes]));
      expect(bitmap.height).to.be.greaterThan(bitmap.width);
      // Turned 90° clockwise: the red left half is now on top, the blue right half at the bottom.
      const [top, bottom] = [colourAt(bitmap, bitmap.width / 2, 2), colourAt(bitmap, bitmap.width / 2, bitmap.height - 3)];
      expect(top[0]).to.be.greaterThan(200);
      expect(top[2]).to.be.lessThan(60);
      expect(bottom[2]).to.be.greaterThan(200);
      expect(bottom[0]).to.be.lessThan(60);
    });
  }

  it('refuses a pixel bomb from its header, without decoding it', async () => {
    const spy = spyOnPageDecoding();
    try {
      const description = await describeFile(await makePngClaiming(50_000, 50_000), { offThread: false });
      expect(description.thumbnail).to.equal(undefined);
      expect(description.placeholder).to.equal(undefined);
      expect(description.width).to.equal(undefined);
      expect(spy.calls, 'decodes').to.equal(0);
    } finally {
      spy.restore();
    }
    expect((await describeFile(await makePngClaiming(50_000, 50_000))).thumbnail).to.equal(undefined);
  });

  it('gives no thumbnail for bytes that are no image, though declared image/png', async () => {
    const noise = makeRandomFile('not-really.png', 5000, 'image/png');
    expect(await describeFile(noise)).to.deep.equal({});
    const truncated = await makePngFile('cut.png', 300, 300);
    const header = new File([truncated.slice(0, 60)], 'cut.png', { type: 'image/png' });
    expect((await describeFile(header)).thumbnail).to.equal(undefined);
  });

  it('describes without reading every byte, and hashes a 10 MB file apart, in the worker or the page', async () => {
    const file = makeRandomFile('ten.bin', 10_000_000);
    expect((await describeFile(file)).sha256).to.equal(undefined);
    expect(await hashFile(file)).to.equal(await sha256(file));
    expect(await hashFile(file, { offThread: false })).to.equal(await sha256(file));
  });

  it('reads the duration of a WAV', async () => {
    const description = await describeFile(makeWav(1.5));
    expect(description.durationMs).to.be.closeTo(1500, 5);
    expect(description.thumbnail).to.equal(undefined);
  });

  it('makes a poster, size and duration for a WebM recorded in the page', async function () {
    if (!canRecordWebm()) this.skip(); // MediaRecorder or canvas.captureStream missing in this browser build
    this.timeout(15000);
    const clip = await makeWebm(1200, 160, 120);
    const description = await describeFile(clip);
    expect(description).to.include({ width: 160, height: 120 });
    expect(description.durationMs).to.be.within(700, 1800);
    expect(description.thumbnail).to.match(/^data:image\/(webp|jpeg);base64,/);
    expect(description.placeholder).to.be.a('string');
  });

  it('gives up on a broken video quickly, with no poster', async () => {
    const started = performance.now();
    const description = await describeFile(makeRandomFile('broken.webm', 20_000, 'video/webm'));
    expect(description.thumbnail).to.equal(undefined);
    expect(description.durationMs).to.equal(undefined);
    expect(performance.now() - started).to.be.below(6000);
  });
});
