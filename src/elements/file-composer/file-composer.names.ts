/**
 * What a page calls `<file-composer>` and its pieces: its tag and its parts (each described in
 * the class comment of `file-composer.ts`). The registrations, the widget forwarding its parts and
 * the manifest read them from here.
 */

/** The tag the element is defined under. */
export const tagName = 'file-composer';

/** Every part the element renders. */
export const parts: readonly string[] = [
  'textarea', 'attach', 'take-photo', 'send', 'tray', 'staged-file', 'edit', 'preview', 'icon', 'name', 'size', 'remove',
  'details', 'caption', 'alt', 'move-up', 'move-down', 'error', 'drop-zone', 'announcer',
];
