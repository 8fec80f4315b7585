import type { Attachment } from '../model/message.ts';
import { fileKind } from '../model/format.ts';
import { MAX_THUMBNAIL_CHARS } from '../model/safe-url.ts';

/** Images above this many pixels get no thumbnail (the pixel-bomb budget). */
export const MAX_IMAGE_PIXELS = 32_000_000;

/** Longest side of a thumbnail, tried largest first until it fits the budget. */
const THUMBNAIL_SIDES = [96, 64, 40] as const;

type FileDescription = Pick<Attachment, 'width' | 'height' | 'thumbnail'>;

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * A small re-encoded thumbnail of an image as a `data:` URL under the message budget.
 * Re-encoding drops EXIF (GPS included); the orientation is applied first.
 */
export async function makeThumbnail(bitmap: ImageBitmap): Promise<string | undefined> {
  for (const side of THUMBNAIL_SIDES) {
    const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const dataUrl = await blobToDataUrl(await canvas.convertToBlob({ type: 'image/webp', quality: 0.5 }));
    if (dataUrl.length <= MAX_THUMBNAIL_CHARS && dataUrl.startsWith('data:image/webp')) return dataUrl;
    const jpeg = await blobToDataUrl(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.5 }));
    if (jpeg.length <= MAX_THUMBNAIL_CHARS) return jpeg;
  }
  return undefined;
}

/** What the message says about a file besides its name and size: for images, size in pixels and a thumbnail. */
export async function describeFile(file: File): Promise<FileDescription> {
  if (fileKind(file.type) !== 'image') return {};
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return {}; // undecodable: the bubble shows a typed icon
  }
  try {
    const { width, height } = bitmap;
    if (width * height > MAX_IMAGE_PIXELS) return { width, height };
    const thumbnail = await makeThumbnail(bitmap);
    return thumbnail ? { width, height, thumbnail } : { width, height };
  } finally {
    bitmap.close();
  }
}
