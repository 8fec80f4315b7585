/**
 * What a page calls `<text-bubble>` and its pieces: its tag and its parts (each described in the
 * class comment of `text-bubble.ts`). The registrations, the containers forwarding its parts and
 * the manifest read them from here.
 */

/** The tag the element is defined under. */
export const tagName = 'text-bubble';

/** Every part the element renders. */
export const parts: readonly string[] = ['bubble', 'sender', 'text', 'link', 'meta', 'time', 'delivery', 'retry'];
