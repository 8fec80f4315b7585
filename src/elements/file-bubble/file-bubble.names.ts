/**
 * What a page calls `<file-bubble>` and its pieces: its tag and its parts (each described in the
 * class comment of `file-bubble.ts`). The registrations, the containers forwarding its parts and
 * the manifest read them from here, without loading the element's code (the drop-in defers it).
 */

/** The tag the element is defined under. */
export const tagName = 'file-bubble';

/** Every part the element renders. */
export const parts: readonly string[] = [
  'bubble', 'open', 'thumbnail', 'placeholder', 'player', 'play', 'icon', 'name', 'size', 'type', 'duration', 'caption',
  'delivery', 'progress', 'cancel', 'retry', 'remove', 'waiting', 'not-kept', 'download', 'error', 'unavailable', 'stalled',
];
