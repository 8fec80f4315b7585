import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ChatMessage, DeliveryState } from '../../model/message.ts';
import { ChatElement } from '../chat-element.ts';
import { senderName } from '../chat-thread/avatar.ts';
import { emit } from '../events.ts';
import { renderTime } from '../message-time.ts';
import { linkify } from './links.ts';
import { styles } from './text-bubble.styles.ts';

/** A text this long, or on this many lines, may scroll at the default height: it is measured at once. */
const MAY_SCROLL_LENGTH = 300;
const MAY_SCROLL_LINES = 10;

/** Tells each bubble when its text box changed size, one observer for all of them. */
const resizes = new ResizeObserver((entries) => entries.forEach((entry) => onResize.get(entry.target)?.()));
const onResize = new WeakMap<Element, () => void>();

/**
 * One text message: who sent it (unless it is ours), the text, the time, and for our own
 * messages how far delivery has come, with a way to retry a message that was not sent.
 * Web addresses (`http:` and `https:` only) in the text are links that open in a new tab.
 * Text longer than the bubble's height scrolls inside it (and can then be focused to scroll by keyboard).
 *
 * @csspart bubble - The message's box.
 * @csspart sender - The sender's name (messages from others only), on one line.
 * @csspart text - The message text.
 * @csspart link - A web address in the text, as a link.
 * @csspart meta - The line with the time and the delivery.
 * @csspart time - The time it was written (hour and minute as its language writes them: "3:04 PM", "15:04"; the full date in its tooltip).
 * @csspart delivery - "Sending…", "Sent" or "Not sent" (our messages only).
 * @csspart retry - The Retry button of a message that was not sent.
 *
 * @cssprop --chat-bubble-background - Background of others' messages.
 * @cssprop --chat-bubble-mine-background - Background of our messages.
 * @cssprop --chat-bubble-radius - Corner radius of the bubble.
 * @cssprop --chat-bubble-max-width - Widest a bubble grows.
 * @cssprop --chat-text-max-height - Tallest the text grows before it scrolls (default `24em`).
 * @cssprop --chat-accent - Colour of buttons, links and the focus ring.
 * @cssprop --chat-error-color - Colour of "Not sent".
 * @cssprop --chat-font - Font family.
 *
 * @fires chat-retry - The user asks to send a failed message again. `detail: { messageId }`.
 */
export class TextBubble extends ChatElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    message: { attribute: false },
    isMine: { type: Boolean, reflect: true, attribute: 'mine' },
    delivery: { reflect: true },
    isScrollable: { state: true },
  };

  /** The message to show. Its text is shown as plain text (its web addresses as links), never as HTML. */
  message?: ChatMessage;

  /** Whether the message is ours: aligns and colours it, and shows its delivery. Reflected as `mine`. */
  isMine = false;

  /** How far our message has come. Reflected as `delivery`. */
  delivery: DeliveryState = 'sent';

  /** Whether the text is taller than the bubble lets it be, and so scrolls. */
  private isScrollable = false;

  #observed?: HTMLElement;

  get #textBox(): HTMLElement | null {
    return this.renderRoot.querySelector('.text');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observe(undefined);
  }

  /**
   * The observer measures after layout, and again whenever the text box changes size. A text
   * long enough that it may scroll is also measured at once (forcing a layout, which most
   * messages are too short to need), so it is focusable from its first frame.
   */
  protected override updated(changed: PropertyValues<this>): void {
    this.#observe(this.#textBox ?? undefined);
    const text = this.message?.text ?? '';
    if (changed.has('message') && (text.length > MAY_SCROLL_LENGTH || text.split('\n', MAY_SCROLL_LINES).length === MAY_SCROLL_LINES)) this.#measure();
  }

  #observe(element: HTMLElement | undefined): void {
    if (element === this.#observed) return;
    if (this.#observed) resizes.unobserve(this.#observed);
    this.#observed = element;
    if (!element) return;
    onResize.set(element, () => this.#measure());
    resizes.observe(element);
  }

  #measure(): void {
    const box = this.#textBox;
    this.isScrollable = box !== null && box.scrollHeight > box.clientHeight;
  }

  #onRetry(): void {
    if (this.message) emit(this, 'chat-retry', { messageId: this.message.id });
  }

  override render() {
    const message = this.message;
    if (!message) return nothing;
    const sender = senderName(message.sender);
    return html`
      <div part="bubble" class="bubble">
        ${this.isMine ? nothing : html`<span part="sender" class="sender">${sender}</span>`}
        <p part="text" class="text" tabindex=${ifDefined(this.isScrollable ? 0 : undefined)}>${linkify(message.text ?? '')}</p>
        <div part="meta" class="meta muted">${renderTime(message.createdAt, this.t.lang)} ${this.isMine ? this.#delivery() : nothing}</div>
      </div>
    `;
  }

  #delivery() {
    const t = this.t;
    switch (this.delivery) {
      case 'sending':
        return html`<span part="delivery" class="delivery">${t.sending}</span>`;
      case 'failed':
        return html`<span part="delivery" class="delivery error">${t.notSent}</span>
          <button part="retry" type="button" @click=${this.#onRetry}>${t.retry}</button>`;
      default:
        return html`<span part="delivery" class="delivery">${t.sent}</span>`;
    }
  }
}
