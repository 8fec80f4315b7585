import { rgbaToThumbHash } from 'thumbhash';
import type { Attachment } from '../src/model/message.ts';
import type { LightboxImage } from '../src/elements/lightbox/gallery.ts';
import { photo, sampleThumbnail } from './story-helpers.ts';

/** A thumbhash (base64) of a small evening-sky gradient, as the sender's composer would make it. */
function gradientThumbhash(width = 40, height = 30): string {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const context = canvas.getContext('2d')!;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#5b7bd5');
  gradient.addColorStop(1, '#f0a35e');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  return btoa(String.fromCharCode(...rgbaToThumbHash(width, height, context.getImageData(0, 0, width, height).data)));
}

export const samplePlaceholder = gradientThumbhash();

/** An image whose thumbnail is not there: only its thumbhash placeholder shows. */
export const placeholderPhoto: Attachment = { ...photo, name: 'sunset.jpg', mime: 'image/jpeg', thumbnail: undefined, placeholder: samplePlaceholder, alt: 'An evening sky' };

export const clip: Attachment = {
  url: 'https://files.example/harbour.mp4',
  name: 'harbour.mp4',
  size: 48_000_000,
  mime: 'video/mp4',
  width: 1280,
  height: 720,
  durationMs: 42_000,
  thumbnail: sampleThumbnail,
  caption: 'Boats leaving the harbour',
};

export const voice: Attachment = { url: 'https://files.example/voice.ogg', name: 'voice note.ogg', size: 310_000, mime: 'audio/ogg', durationMs: 65_400 };

/** Five images of a thread, for the lightbox. */
export const gallery: LightboxImage[] = [
  { messageId: 'g1', index: 0, attachment: { ...photo, name: 'morning.png', alt: 'A beach in the morning' } },
  { messageId: 'g2', index: 0, attachment: { ...photo, name: 'photo.jpg', mime: 'image/jpeg', caption: 'The beach at sunset' } },
  { messageId: 'g2', index: 1, attachment: placeholderPhoto },
  { messageId: 'g3', index: 0, attachment: { ...photo, name: 'dunes.png', alt: 'Dunes' } },
  { messageId: 'g4', index: 0, attachment: { ...photo, name: 'night.png', alt: 'The beach at night' } },
];
