import { html, nothing, svg, type PropertyValues, type ReactiveControllerHost } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatStore } from '../../state/chat-store.ts';
import type { ThreadEntry } from '../../state/types.ts';
import { crossShape, icon } from '../icons.ts';
import { addLaterStyles } from '../later-styles.ts';
import { enLauncher } from '../locales/en-launcher.ts';
import { withEnglish, type ChatStrings } from '../strings.ts';
import { launcherStyles } from './launcher.styles.ts';
import { countUnread, markRead, type ReadMark } from './unread.ts';

/** A cross, on the panel's close button. */
const closeIcon = icon(crossShape, 18);

const chatIcon = icon(svg`<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z" />`, 28);

interface LauncherView {
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
function launcher({ t, isOpen, unread, onToggle }: LauncherView) {
  return html`
    <button part="launcher" class="launcher" type="button" aria-label=${t.openChat} aria-expanded=${String(isOpen)}
      aria-controls="panel" aria-describedby=${ifDefined(unread > 0 ? 'unread' : undefined)} @click=${onToggle}>${chatIcon}</button>
    ${unread > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : unread}</span>` : nothing}
    <span id="unread" hidden>${unread > 0 ? t.unreadMessages(unread) : nothing}</span>
  `;
}
/** What the launcher needs of its `<chat-widget>`. */
export interface LauncherHost extends ReactiveControllerHost, HTMLElement {
  /** Whether the panel is open. */
  open: boolean;
  readonly store?: ChatStore;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The widget's launcher mode, loaded with the first widget in that mode: the round button
 * (with the count of messages from others since the panel last closed), the panel's close
 * button and Escape, its styles, and where focus goes: into the composer when the panel opens
 * (unless the user already moved into the panel), back to the button when it closes with focus
 * inside.
 */
export class Launcher {
  /** What the reader had seen when the panel last closed. */
  #readMark: ReadMark = markRead([]);
  /** Whether closing the panel takes focus from inside it, so it must go back to the button. */
  #returnsFocus = false;

  constructor(private readonly host: LauncherHost) {}

  /** A new store (another room, say): nothing in it has been seen. */
  restart(): void {
    this.#readMark = markRead([]);
  }

  /** Before a render: closing marks everything shown as read, and notes where focus was. */
  willUpdate(changed: PropertyValues): void {
    if (!changed.has('open') || this.host.open) return;
    this.#readMark = markRead(this.host.store?.$entries.get() ?? []);
    this.#returnsFocus = this.#hasFocusInPanel();
  }

  /** After a render: the styles, and focus moved as the panel opened or closed. */
  async updated(changed: PropertyValues, shadowRoot: ShadowRoot): Promise<void> {
    addLaterStyles(shadowRoot, launcherStyles);
    if (!changed.has('open')) return;
    if (this.host.open && changed.get('open') === false) {
      const composer = this.host.renderRoot.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>('file-composer');
      await composer?.updateComplete;
      if (!this.#hasFocusInPanel()) composer?.focus();
    } else if (this.#returnsFocus) {
      this.#returnsFocus = false;
      this.host.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
    }
  }

  /** Escape in the panel closes it. */
  onPanelKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.host.open = false;
  };

  /** The panel's close button, in its header. */
  closeButton(strings: ChatStrings) {
    const t = withEnglish(strings, enLauncher);
    return html`<button part="close" class="icon-button" type="button" aria-label=${t.closeChat} title=${t.closeChat} @click=${() => (this.host.open = false)}>${closeIcon}</button>`;
  }

  /** The round button, and its unread count while the panel is closed (`entries`: the thread then). */
  button(strings: ChatStrings, entries: readonly ThreadEntry[] | undefined) {
    const isOpen = this.host.open;
    const unread = isOpen ? 0 : countUnread(entries ?? [], this.#readMark);
    return launcher({ t: withEnglish(strings, enLauncher), isOpen, unread, onToggle: () => (this.host.open = !this.host.open) });
  }

  #hasFocusInPanel(): boolean {
    const root = this.host.renderRoot as ShadowRoot;
    return root.querySelector('.panel')?.contains(root.activeElement) ?? false;
  }
}
