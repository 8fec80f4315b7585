/**
 * The relay's check of the URLs inside a message (CASES M1, M2, M4): attachment and avatar URLs
 * must be `http:`/`https:` (relative ones resolve to the relay's own scheme), thumbnails raster
 * `data:` images. Receivers filter too; this keeps hostile URLs out of the stored history. The
 * relay never fetches any of them.
 */
import type { ChatMessage } from '../src/model/message.ts';

/** Thumbnails the relay stores: base64 `data:` URLs of these raster types. */
const RASTER_THUMBNAIL = /^data:image\/(?:png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/]+={0,2}$/;

/** Why a message's URLs are refused, as a sentence for an `error` frame; `undefined` when they are fine. */
export function messageUrlProblem(message: ChatMessage): string | undefined {
  if (message.sender.avatar !== undefined && !isWebUrl(message.sender.avatar)) return 'The sender avatar must be an http or https URL.';
  for (const [index, attachment] of (message.attachments ?? []).entries()) {
    if (!isWebUrl(attachment.url)) return `The file URL of attachment ${index + 1} must be http or https.`;
    if (attachment.thumbnail !== undefined && !RASTER_THUMBNAIL.test(attachment.thumbnail)) {
      return `The thumbnail of attachment ${index + 1} must be a PNG, JPEG, GIF, WebP or AVIF data: URL.`;
    }
  }
  return undefined;
}

/** Whether `url` is an `http:`/`https:` URL (or a relative one, which resolves to one). */
function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url, 'https://relay.invalid/');
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
