/**
 * What a page calls `<file-album>` and its pieces: its tag and its parts (each described in the
 * class comment of `file-album.ts`). The registrations, the thread forwarding its parts and the
 * manifest read them from here, without loading the element's code (the drop-in defers it).
 */

/** The tag the element is defined under. */
export const tagName = 'file-album';

/** Every part the element renders. */
export const parts: readonly string[] = [
  'grid', 'tile', 'open', 'thumbnail', 'placeholder', 'icon', 'play', 'duration', 'more', 'status', 'progress', 'cancel', 'retry', 'error',
];
