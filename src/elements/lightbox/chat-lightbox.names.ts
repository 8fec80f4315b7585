/**
 * What a page calls `<chat-lightbox>` and its pieces: its tag and its parts (each described in
 * the class comment of `chat-lightbox.ts`). The registrations, the thread forwarding its parts
 * and the manifest read them from here, without loading the element's code (the drop-in defers it).
 */

/** The tag the element is defined under. */
export const tagName = 'chat-lightbox';

/** Every part the element renders. */
export const parts: readonly string[] = [
  'dialog', 'title', 'position', 'stage', 'image', 'player', 'play', 'icon', 'caption', 'previous', 'next', 'zoom-in', 'zoom-out', 'zoom',
  'download', 'progress', 'close',
];
