import { expect } from '@open-wc/testing';
import { MAX_THUMBNAIL_CHARS } from '../model/safe-url.ts';
import { describeFile } from './describe-file.ts';
import { makePhotoJpeg } from '../../test/helpers/media.ts';

/** A PNG `width`×`height` whose left half is see-through and right half busy opaque colour (as a sticker). */
async function makeHalfTransparentPng(width = 320, height = 240, cell = 4): Promise<File> {
  // Busy enough that a 96-px WebP at quality 0.5 is over the wire's limit: a JPEG would then have made the clear half black.
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  for (let y = 0; y < height; y += cell) {
    for (let x = width / 2; x < width; x += cell) {
      context.fillStyle = `hsl(${((x * 7919) ^ (y * 104_729)) % 360} 90% ${35 + ((x * 31 + y * 17) % 40)}%)`;
      context.fillRect(x, y, cell, cell);
    }
  }
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'logo.png', { type: 'image/png' });
}

/** The RGBA of the pixel at (x, y) of a thumbnail, decoded by the browser. */
async function pixelAt(dataUrl: string, x: number, y: number) {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return { width: bitmap.width, height: bitmap.height, rgba: [...context.getImageData(x, y, 1, 1).data] };
}

describe('thumbnails', () => {
  it('keeps a transparent PNG transparent in its thumbnail: no black where the picture is see-through', async () => {
    const { thumbnail } = await describeFile(await makeHalfTransparentPng());
    console.log('transparent thumbnail', thumbnail!.slice(0, 22), thumbnail!.length);
    expect(thumbnail).to.match(/^data:image\/(webp|png);base64,/);
    const { width, height, rgba: clear } = await pixelAt(thumbnail!, 2, 2);
    expect(clear[3], 'the see-through half').to.be.below(16);
    const { rgba: solid } = await pixelAt(thumbnail!, width - 3, height - 3);
    expect(solid[3], 'the opaque half').to.be.above(240);
  });

  it('makes a photo thumbnail as large as the wire budget allows, larger than the old 96 px', async () => {
    const { thumbnail, width } = await describeFile(await makePhotoJpeg());
    expect(width).to.equal(1600);
    expect(thumbnail!.length).to.be.at.most(MAX_THUMBNAIL_CHARS);
    const decoded = await pixelAt(thumbnail!, 0, 0);
    expect(decoded.width).to.be.above(96);
  });
});
