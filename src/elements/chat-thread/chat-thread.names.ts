/**
 * What a page calls `<chat-thread>` and its pieces: its tag, the parts it renders (each described
 * in the class comment of `chat-thread.ts`) and those it forwards from its bubbles and lightbox.
 * The registrations, the widget and the manifest read them from here.
 */
import { allParts, forwardParts } from '../forward-parts.ts';
import * as fileAlbum from '../file-album/file-album.names.ts';
import * as fileBubble from '../file-bubble/file-bubble.names.ts';
import * as chatLightbox from '../lightbox/chat-lightbox.names.ts';
import * as textBubble from '../text-bubble/text-bubble.names.ts';

/** The tag the element is defined under. */
export const tagName = 'chat-thread';

/** The parts the thread renders itself. */
export const ownParts: readonly string[] = ['log', 'entry', 'avatar', 'sender', 'documents', 'time', 'day', 'new-messages', 'empty'];

/** Every part of each text bubble, forwarded prefixed: `chat-thread::part(text-retry)`. */
export const textBubbleParts = forwardParts(textBubble.tagName, textBubble.parts, (part) => `text-${part}`);

/** Every part of each file bubble, forwarded prefixed: `chat-thread::part(file-retry)`. */
export const fileBubbleParts = forwardParts(fileBubble.tagName, fileBubble.parts, (part) => `file-${part}`);

/** Every part of each album of images, forwarded prefixed: `chat-thread::part(album-retry)`. */
export const albumParts = forwardParts(fileAlbum.tagName, fileAlbum.parts, (part) => `album-${part}`);

/** Every part of the lightbox, forwarded prefixed: `chat-thread::part(lightbox-image)`. */
export const lightboxParts = forwardParts(chatLightbox.tagName, chatLightbox.parts, (part) => `lightbox-${part}`);

/** What the thread forwards from the elements inside it. */
export const forwarded = [textBubbleParts, fileBubbleParts, albumParts, lightboxParts];

/** Every part a page can style on a thread. */
export const parts = allParts(ownParts, forwarded);
