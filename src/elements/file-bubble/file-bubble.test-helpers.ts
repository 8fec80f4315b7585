/** Test helpers shared by the `<file-bubble>` and `<chat-lightbox>` tests: files, a bubble, queries. */
import { fixture, html } from '@open-wc/testing';
import { rgbaToThumbHash } from 'thumbhash';
import type { Attachment } from '../../model/message.ts';
import type { FileBubble } from './file-bubble.ts';

/** A 1 × 1 PNG, base64. */
export const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The PNG bytes of `PIXEL`. */
export const pixelBlob = () => new Blob([Uint8Array.from(atob(PIXEL), (char) => char.charCodeAt(0))], { type: 'image/png' });

/** A real thumbhash (base64) of a `width` × `height` picture of one colour. */
export function thumbhashOf(width = 40, height = 30): string {
  const rgba = new Uint8Array(width * height * 4).map((_, i) => [124, 196, 255, 255][i % 4]!);
  return btoa(String.fromCharCode(...rgbaToThumbHash(width, height, rgba)));
}

export const photo: Attachment = {
  url: 'https://files.example/p.png',
  name: 'beach.png',
  size: 1_500_000,
  mime: 'image/png',
  width: 800,
  height: 600,
  thumbnail: `data:image/png;base64,${PIXEL}`,
};

export const report: Attachment = { url: 'https://files.example/r.pdf', name: 'report.pdf', size: 12_300_000, mime: 'application/pdf', caption: 'Q3\nfigures' };

export const clip: Attachment = {
  url: 'https://media.example/clip.mp4',
  name: 'clip.mp4',
  size: 48_000_000,
  mime: 'video/mp4',
  width: 1280,
  height: 720,
  durationMs: 42_000,
  thumbnail: `data:image/png;base64,${PIXEL}`,
};

export const voice: Attachment = { url: 'https://media.example/voice.ogg', name: 'voice note.ogg', size: 310_000, mime: 'audio/ogg', durationMs: 65_400 };

/** A `<file-bubble>` with `props` (message id `m1`), updated. */
export async function bubble(props: Partial<FileBubble>): Promise<FileBubble> {
  const element = await fixture<FileBubble>(html`<file-bubble></file-bubble>`);
  Object.assign(element, { messageId: 'm1', ...props });
  await element.updateComplete;
  return element;
}

/** The first element of the bubble's shadow root that has the part `name`. */
export const part = <T extends HTMLElement = HTMLElement>(element: Element, name: string) =>
  element.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

/** Every `href`, `src` and `poster` value in the bubble's shadow root. */
export function urlsIn(element: Element): string[] {
  return [...element.shadowRoot!.querySelectorAll('[href], [src], [poster]')].flatMap((node) =>
    ['href', 'src', 'poster'].map((name) => node.getAttribute(name)).filter((value) => value !== null),
  );
}
