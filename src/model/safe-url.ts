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
