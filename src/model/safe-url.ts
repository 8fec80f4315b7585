/** Raster image types a thumbnail `data:` URL may have. SVG is never one of them. */
const RASTER_DATA_URL = /^data:image\/(png|jpeg|webp|gif|avif);base64,[A-Za-z0-9+/=]+$/;

/** Largest thumbnail accepted from the wire, in characters. */
export const MAX_THUMBNAIL_CHARS = 3000;

/**
 * The one gate every URL from the wire passes before it becomes an `href` or a `src`.
 * Returns the URL if it is absolute `http:`/`https:` (resolved against `base`), else `undefined`.
 */
export function safeUrl(url: unknown, base: string = globalThis.location?.href ?? 'http://localhost/'): string | undefined {
  if (typeof url !== 'string' || url !== url.trim() || /[\u0000-\u001F\u007F]/.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/** A thumbnail URL if it is a small raster `data:` URL, else `undefined`. */
export function safeThumbnail(url: unknown): string | undefined {
  return typeof url === 'string' && url.length <= MAX_THUMBNAIL_CHARS && RASTER_DATA_URL.test(url) ? url : undefined;
}
