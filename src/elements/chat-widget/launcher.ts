import { html, nothing, svg, type SVGTemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatStrings } from '../strings.ts';

const icon = (shape: SVGTemplateResult, size: number) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${shape}</svg>`;

/** A cross, on the panel's close button. */
export const closeIcon = icon(svg`<path d="M6 6l12 12M18 6L6 18" />`, 18);

const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z" />`, 28);

export interface LauncherView {
  t: ChatStrings;
  isOpen: boolean;
  /** Messages from others since the panel was closed. */
  unread: number;
  onToggle(): void;
}

/**
 * The round button that opens and closes the panel (`#panel`). Its name stays "Open chat"; the
 * unread count is its description, and the badge showing it lies over the button but outside
 * it, so the visible number is not missing from the button's name.
 */
export function launcher({ t, isOpen, unread, onToggle }: LauncherView) {
  return html`
    <button part="launcher" class="launcher" type="button" aria-label=${t.openChat} aria-expanded=${String(isOpen)}
      aria-controls="panel" aria-describedby=${ifDefined(unread > 0 ? 'unread' : undefined)} @click=${onToggle}>${chatIcon}</button>
    ${unread > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
    <span id="unread" hidden>${unread > 0 ? t.unreadMessages(unread) : nothing}</span>
  `;
}
export { launcherStyles } from './launcher.styles.ts';
export { countUnread, markRead } from './unread.ts';
