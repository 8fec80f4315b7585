import { html, svg, type SVGTemplateResult } from 'lit';

/**
 * The icons Chatdrop's buttons show: line drawings on a 24-unit grid in `currentColor`, hidden
 * from assistive technology (the button around one carries its name, as `aria-label`, and a
 * `title` for the tooltip). Each is a few dozen bytes: the composer's are in the first load (and
 * the cross, which the launcher shows too); those only files show are in `file-icons.ts`.
 */
export const icon = (shape: SVGTemplateResult, size = 20) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${shape}</svg>`;

/** A paperclip: attach files. */
export const attachShape = svg`<path d="M21 11l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l9-9a3.7 3.7 0 0 1 5.2 5.2l-9 9a1.8 1.8 0 0 1-2.6-2.6L15.5 6"/>`;

/** A paper plane: send. */
export const sendShape = svg`<path d="M22 2L11 13M22 2l-7 20-4-9-9-4z"/>`;

/** A camera: take a photo. */
export const cameraShape = svg`<path d="M2 7h5l2-3h6l2 3h5v13H2z"/><circle cx="12" cy="13" r="4"/>`;

/** A cross: remove, close. */
export const crossShape = svg`<path d="M6 6l12 12M18 6L6 18"/>`;
