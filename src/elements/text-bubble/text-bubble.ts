import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ChatMessage, DeliveryState } from '../../model/message.ts';
import { emit } from '../events.ts';
import { styles } from './text-bubble.styles.ts';

/** `hh:mm` in local time, or `undefined` for a time a `Date` cannot hold. */
function clockTime(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * One text message: who sent it (unless it is ours), the text, the time, and for our own
 * messages how far delivery has come, with a way to retry a message that was not sent.
 *
 * @csspart bubble - The message's box.
 * @csspart sender - The sender's name (messages from others only).
 * @csspart text - The message text.
 * @csspart time - The time it was written.
 * @csspart delivery - "Sending…", "Sent" or "Not sent" (our messages only).
 * @csspart retry - The Retry button of a message that was not sent.
 *
 * @cssprop --chat-bubble-background - Background of others' messages.
 * @cssprop --chat-bubble-mine-background - Background of our messages.
 * @cssprop --chat-bubble-radius - Corner radius of the bubble.
 * @cssprop --chat-bubble-max-width - Widest a bubble grows.
 * @cssprop --chat-accent - Colour of buttons and the focus ring.
 * @cssprop --chat-error-color - Colour of "Not sent".
 * @cssprop --chat-font - Font family.
 *
 * @fires chat-retry - The user asks to send a failed message again. `detail: { messageId }`.
 */
export class TextBubble extends LitElement {
  static override styles = styles;

  /** The message to show. Its text is shown as plain text, never as HTML. */
  @property({ attribute: false }) message?: ChatMessage;

  /** Whether the message is ours: aligns and colours it, and shows its delivery. Reflected as `mine`. */
  @property({ type: Boolean, reflect: true, attribute: 'mine' }) isMine = false;

  /** How far our message has come. Reflected as `delivery`. */
  @property({ reflect: true }) delivery: DeliveryState = 'sent';

  #onRetry(): void {
    if (this.message) emit(this, 'chat-retry', { messageId: this.message.id });
  }

  override render() {
    const message = this.message;
    if (!message) return nothing;
    const sender = message.sender.name?.trim() || message.sender.id;
    return html`
      <div part="bubble" class="bubble">
        ${this.isMine ? nothing : html`<span part="sender" class="sender">${sender}</span>`}
        <p part="text" class="text">${message.text}</p>
        <div class="meta muted">${this.#time(message.createdAt)} ${this.isMine ? this.#delivery() : nothing}</div>
      </div>
    `;
  }

  #time(createdAt: number) {
    const date = new Date(createdAt);
    const clock = clockTime(date);
    return clock ? html`<time part="time" datetime=${date.toISOString()}>${clock}</time>` : nothing;
  }

  #delivery() {
    switch (this.delivery) {
      case 'sending':
        return html`<span part="delivery" class="delivery">Sending…</span>`;
      case 'failed':
        return html`<span part="delivery" class="delivery error">Not sent</span>
          <button part="retry" type="button" @click=${this.#onRetry}>Retry</button>`;
      default:
        return html`<span part="delivery" class="delivery">Sent</span>`;
    }
  }
}
