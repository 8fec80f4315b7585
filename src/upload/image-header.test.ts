import { expect } from '@open-wc/testing';
import { readImageHeader } from './image-header.ts';
import { makePngFile } from '../../test/helpers/files.ts';
import { makeJpegWithExif } from '../../test/helpers/media.ts';

/** A blob of `length` zero bytes with `parts` written at their offsets. */
function bytes(length: number, parts: Array<[number, number[] | string]>): Blob {
  const data = new Uint8Array(length);
  for (const [offset, part] of parts) data.set(typeof part === 'string' ? new TextEncoder().encode(part) : part, offset);
  return new Blob([data]);
}

async function canvasImage(type: string, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.fillRect(0, 0, width / 2, height / 2);
  return canvas.convertToBlob({ type });
}

describe('readImageHeader', () => {
  it('reads PNG, JPEG and lossy WebP sizes made by the browser', async () => {
    expect(await readImageHeader(await makePngFile('a.png', 321, 123))).to.deep.equal({ format: 'png', width: 321, height: 123 });
    expect(await readImageHeader(await canvasImage('image/jpeg', 300, 200))).to.deep.equal({ format: 'jpeg', width: 300, height: 200 });
    expect(await readImageHeader(await canvasImage('image/webp', 301, 201))).to.deep.include({ format: 'webp', width: 301, height: 201 });
  });

  it('swaps width and height for EXIF orientations 5 to 8, not for 1 to 4', async () => {
    expect(await readImageHeader(await makeJpegWithExif(6, 64, 32))).to.deep.equal({ format: 'jpeg', width: 32, height: 64, isTurned: true });
    expect(await readImageHeader(await makeJpegWithExif(8, 64, 32))).to.deep.equal({ format: 'jpeg', width: 32, height: 64, isTurned: true });
    expect(await readImageHeader(await makeJpegWithExif(3, 64, 32))).to.deep.equal({ format: 'jpeg', width: 64, height: 32 });
  });

  it('reads GIF, WebP VP8L and VP8X, BMP and AVIF headers', async () => {
    expect(await readImageHeader(bytes(16, [[0, 'GIF89a'], [6, [0x10, 0x27, 0x20, 0x4e]]]))).to.deep.equal({ format: 'gif', width: 10_000, height: 20_000 });
    // VP8L: 14 bits of width-1 then 14 bits of height-1, little-endian: 50000 is too wide, 16384 is the most.
    const vp8l = ((16384 - 1) | ((3000 - 1) << 14)) >>> 0;
    expect(await readImageHeader(bytes(32, [[0, 'RIFF'], [8, 'WEBPVP8L'], [20, [0x2f, vp8l & 255, (vp8l >> 8) & 255, (vp8l >> 16) & 255, vp8l >>> 24]]]))).to.deep.equal({ format: 'webp', width: 16384, height: 3000 });
    expect(await readImageHeader(bytes(32, [[0, 'RIFF'], [8, 'WEBPVP8X'], [24, [0x4f, 0xc3, 0x00, 0x4f, 0xc3, 0x00]]]))).to.deep.equal({ format: 'webp', width: 50_000, height: 50_000 });
    expect(await readImageHeader(bytes(54, [[0, 'BM'], [14, [40]], [18, [0x50, 0xc3]], [22, [0xb0, 0x3c, 0xff, 0xff]]]))).to.deep.equal({ format: 'bmp', width: 50_000, height: 50_000 });
    const avif = bytes(64, [[0, [0, 0, 0, 20]], [4, 'ftypavif'], [24, 'ispe'], [32, [0, 0, 0xc3, 0x50, 0, 0, 0x01, 0]]]);
    expect(await readImageHeader(avif)).to.deep.equal({ format: 'avif', width: 50_000, height: 256 });
  });

  it('reads nothing from noise, an empty file or a header cut short', async () => {
    expect(await readImageHeader(bytes(100, [[0, 'not an image']]))).to.equal(undefined);
    expect(await readImageHeader(new Blob([]))).to.equal(undefined);
    expect(await readImageHeader((await makePngFile()).slice(0, 18))).to.equal(undefined);
    expect(await readImageHeader((await canvasImage('image/jpeg', 30, 20)).slice(0, 40))).to.equal(undefined);
  });
});
