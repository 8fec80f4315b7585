import { svg } from 'lit';

/**
 * The icons only file code shows (bubbles, albums, the lightbox, the tray), drawn by `icon()` of
 * `icons.ts`: apart from the composer's, so a page that only chats never loads them.
 */

/** Chevrons pointing back and forward along a row (left and right in a left-to-right page). */
export const backShape = svg`<path d="M15 18l-6-6 6-6"/>`;
export const forwardShape = svg`<path d="M9 18l6-6-6-6"/>`;

/** An arrow down onto a tray: download, save. */
export const downloadShape = svg`<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>`;

/** A filled triangle: play. */
export const playShape = svg`<path d="M8 5.5v13l10.5-6.5z" fill="currentColor"/>`;
