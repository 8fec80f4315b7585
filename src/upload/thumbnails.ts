import { rgbaToThumbHash } from 'thumbhash';
import { bytesToBase64 } from '../model/base64.ts';
import type { Attachment } from '../model/message.ts';
import { readImageHeader, type ImageHeader } from './image-header.ts';

/** Images above this many pixels get no thumbnail (the pixel-bomb budget, as Synapse's `max_image_pixels`). */
export const MAX_IMAGE_PIXELS = 32_000_000;

/**
 * Longest side of a thumbnail, tried largest first until it fits the budget. Twice the bubble's
 * 240 px (480 px) takes 4–9 KB as WebP, over the whole message's 4 KiB; 160 px at quality 0.5
 * takes 1.8–2.3 KB of a photo, so the thumbnail is a sharp-ish stand-in and the full image
 * (auto-downloaded up to `auto-download-images-up-to`) is what shows at 2×.
 */
const THUMBNAIL_SIDES = [160, 96, 64, 40] as const;

/** Longest side of the picture a thumbhash is made from (thumbhash takes at most 100 × 100). */
const PLACEHOLDER_SIDE = 96;

/** Qualities tried at each side, best first. */
const QUALITIES = [0.5, 0.3] as const;

/** What a file's bytes say about it, for its attachment. */
export type FileDescription = Pick<Attachment, 'width' | 'height' | 'durationMs' | 'thumbnail' | 'placeholder' | 'sha256'>;

/** A small preview: a re-encoded raster thumbnail and a thumbhash placeholder. */
export type Preview = Pick<Attachment, 'thumbnail' | 'placeholder'>;

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;

/** An OffscreenCanvas where there is one (workers included), else a detached `<canvas>`. */
function createCanvas(width: number, height: number): AnyCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  return Object.assign(document.createElement('canvas'), { width, height });
}

function encode(canvas: AnyCanvas, type: string, quality: number): Promise<Blob | null> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function drawScaled(source: CanvasImageSource, width: number, height: number, side: number): AnyCanvas {
  const scale = Math.min(1, side / Math.max(width, height));
  const canvas = createCanvas(Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  context.imageSmoothingQuality = 'high';
  context.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** The pixels of what the canvas shows. */
function pixelsOf(canvas: AnyCanvas): Uint8ClampedArray {
  return (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
}

/** A thumbhash (≤ 100 × 100 px input) of `pixels`, base64. */
function placeholderOf(canvas: AnyCanvas, pixels: Uint8ClampedArray): string {
  return bytesToBase64(rgbaToThumbHash(canvas.width, canvas.height, pixels));
}

/** Whether any of `pixels` (RGBA) is see-through. */
function hasAlpha(pixels: Uint8ClampedArray): boolean {
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! < 255) return true;
  return false;
}

/**
 * A small re-encoded thumbnail (a `data:` URL of at most `maxThumbnailChars`, the wire's limit
 * `MAX_THUMBNAIL_CHARS`, passed in so the worker shares no module with the page) and a thumbhash
 * of an image or video frame `width`×`height`. Re-encoding drops EXIF (GPS included): only pixels travel.
 */
export async function makePreview(source: CanvasImageSource, width: number, height: number, maxThumbnailChars: number): Promise<Preview> {
  const small = drawScaled(source, width, height, PLACEHOLDER_SIDE);
  const pixels = pixelsOf(small);
  const preview: Preview = { placeholder: placeholderOf(small, pixels) };
  // WebP keeps transparency; where it cannot be encoded (Safari), PNG for see-through pictures, JPEG for the rest.
  const types = ['image/webp', hasAlpha(pixels) ? 'image/png' : 'image/jpeg'];
  for (const side of THUMBNAIL_SIDES) {
    const canvas = side === PLACEHOLDER_SIDE ? small : drawScaled(source, width, height, side);
    for (const type of types) {
      for (const quality of QUALITIES) {
        const blob = await encode(canvas, type, quality);
        if (blob?.type !== type) break; // this browser cannot encode it
        const dataUrl = await blobToDataUrl(blob);
        if (dataUrl.length <= maxThumbnailChars) return { ...preview, thumbnail: dataUrl };
        if (type === 'image/png') break; // no quality to lower
      }
    }
  }
  return preview;
}

/** A decoded image to draw from, at most a few times the thumbnail's size, oriented when drawn. */
interface Decoded {
  source: CanvasImageSource;
  width: number;
  height: number;
  close(): void;
}

/** Whether drawing a decoded VideoFrame applies its EXIF rotation (Chromium 126+ gives frames `rotation`). */
const framesCarryOrientation = () => typeof ImageDecoder !== 'undefined' && typeof VideoFrame !== 'undefined' && 'rotation' in VideoFrame.prototype;

/**
 * A JPEG decoded straight to a reduced size: libjpeg scales in the DCT by n/8, which skips most of
 * the work of a full decode (a 24 Mpx photo: ~55 ms instead of ~120 ms). The size asked for must
 * be one it can make, `ceil(side × n / 8)` of the stored (unturned) pixels. `undefined` where
 * WebCodecs' ImageDecoder is missing or refuses: then the full decode is used.
 */
async function decodeJpegScaled(file: Blob, header: ImageHeader): Promise<Decoded | undefined> {
  const [storedWidth, storedHeight] = header.isTurned ? [header.height, header.width] : [header.width, header.height];
  const eighths = Math.ceil((THUMBNAIL_SIDES[0] * 8) / Math.max(storedWidth, storedHeight));
  if (header.format !== 'jpeg' || eighths >= 8 || !framesCarryOrientation()) return undefined;
  const decoder = new ImageDecoder({
    data: file.stream(),
    type: 'image/jpeg',
    desiredWidth: Math.ceil((storedWidth * eighths) / 8),
    desiredHeight: Math.ceil((storedHeight * eighths) / 8),
  });
  try {
    const { image } = await decoder.decode();
    return { source: image, width: image.displayWidth, height: image.displayHeight, close: () => image.close() };
  } catch {
    return undefined;
  } finally {
    decoder.close();
  }
}

/** Any image the browser reads, decoded whole and scaled down to the thumbnail's width as it goes, EXIF orientation applied. */
async function decodeScaled(file: Blob, header: ImageHeader): Promise<Decoded | undefined> {
  const scale = Math.min(1, THUMBNAIL_SIDES[0] / Math.max(header.width, header.height));
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', resizeWidth: Math.max(1, Math.round(header.width * scale)), resizeQuality: 'medium' });
    return { source: bitmap, width: bitmap.width, height: bitmap.height, close: () => bitmap.close() };
  } catch {
    return undefined;
  }
}

/**
 * Size, thumbnail and placeholder of an image. The header is read first: an unknown format or an
 * image over `MAX_IMAGE_PIXELS` is never decoded; an undecodable one gets nothing (the bubble
 * shows a typed icon). The decode applies the EXIF orientation and scales down as it goes.
 * Runs in the thumbnail worker (or in the page where workers are missing).
 */
export async function describeImage(file: Blob, maxThumbnailChars: number): Promise<FileDescription> {
  const header = await readImageHeader(file);
  if (!header || header.width * header.height > MAX_IMAGE_PIXELS) return {};
  const decoded = (await decodeJpegScaled(file, header)) ?? (await decodeScaled(file, header));
  if (!decoded) return {};
  try {
    let { width, height } = header;
    // The decoder knows the orientation best: if it turned the image the other way, believe it.
    if (width !== height && decoded.width !== decoded.height && decoded.width > decoded.height !== width > height) [width, height] = [height, width];
    return { width, height, ...(await makePreview(decoded.source, decoded.width, decoded.height, maxThumbnailChars)) };
  } finally {
    decoded.close();
  }
}
