import { MAX_THUMBNAIL_CHARS } from './safe-url.ts';

/** Raster image types a thumbnail `data:` URL may have. SVG is never one of them. */
const RASTER_DATA_URL = /^data:image\/(png|jpeg|webp|gif|avif);base64,[A-Za-z0-9+/=]+$/;

/**
 * A thumbnail URL if it is a small raster `data:` URL, else `undefined`. Apart from `safeUrl()`:
 * only the code of files shows thumbnails.
 */
export function safeThumbnail(url: unknown): string | undefined {
  return typeof url === 'string' && url.length <= MAX_THUMBNAIL_CHARS && RASTER_DATA_URL.test(url) ? url : undefined;
}
