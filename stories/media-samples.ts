import type { Attachment } from '../src/model/message.ts';
import type { LightboxImage } from '../src/elements/lightbox/gallery.ts';
import type { DownloadState } from '../src/state/types.ts';
import { samples } from './media/samples.ts';
import { mediaUrl, photo, pictureOf } from './story-helpers.ts';

/** An image whose thumbnail is not there: only its thumbhash placeholder shows. */
export const placeholderPhoto: Attachment = {
  ...pictureOf('dunes.jpg', 'Dunes under a pale sky'),
  name: 'dunes.jpg',
  thumbnail: undefined,
  placeholder: samples['dunes.jpg'].placeholder,
};

/** A transparent PNG: its ground must stay see-through. */
export const sticker: Attachment = pictureOf('sticker.png', 'A round green sticker saying Hi!');

export const clip: Attachment = {
  url: mediaUrl('harbour.webm'),
  name: 'harbour.webm',
  size: samples['harbour.webm'].size,
  mime: 'video/webm',
  width: samples['harbour.webm'].width,
  height: samples['harbour.webm'].height,
  durationMs: samples['harbour.webm'].durationMs,
  thumbnail: samples['harbour.webm'].thumbnail,
  caption: 'Boats leaving the harbour',
};

export const voice: Attachment = {
  url: mediaUrl('voice-note.webm'),
  name: 'voice note.webm',
  size: samples['voice-note.webm'].size,
  mime: 'audio/webm',
  durationMs: samples['voice-note.webm'].durationMs,
};

/** Five images of a thread, for the lightbox. */
export const gallery: LightboxImage[] = [
  { messageId: 'g1', index: 0, attachment: photo },
  { messageId: 'g2', index: 0, attachment: { ...pictureOf('harbour.jpg', 'Boats in the harbour at dusk'), caption: 'The harbour at sunset' } },
  { messageId: 'g2', index: 1, attachment: placeholderPhoto },
  { messageId: 'g3', index: 0, attachment: sticker },
  { messageId: 'g4', index: 0, attachment: { ...pictureOf('dunes.jpg', 'Dunes under a pale sky'), name: 'dunes at noon with a very long file name from the camera IMG_20240712.jpg' } },
];

/** The bytes of `images`, as finished downloads by their key: what the lightbox shows in full. */
export async function downloadsOf(images: readonly LightboxImage[]): Promise<Record<string, DownloadState>> {
  const entries = await Promise.all(
    images.map(async ({ messageId, index, attachment }) => {
      const blob = await (await fetch(attachment.url)).blob();
      return [`${messageId}/${index}`, { status: 'done', received: blob.size, total: blob.size, blob, isAutomatic: true }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
