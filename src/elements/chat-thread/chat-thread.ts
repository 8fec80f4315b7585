import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { ChatMessage, DeliveryState } from '../../model/message.ts';
import type { ChatStore } from '../../state/chat-store.ts';
import { chatStoreContext } from '../../state/context.ts';
import { StoreController } from '../../state/store-controller.ts';
import { downloadKey, type DownloadState, type ThreadEntry, type UploadState } from '../../state/types.ts';
import { styles } from './chat-thread.styles.ts';

/** How close to the bottom, in pixels, still counts as reading the latest messages. */
const PINNED_DISTANCE = 32;

/** How far a message has come, as far as a standalone thread can tell from its upload. */
function deliveryFromUpload(upload: UploadState | undefined): DeliveryState {
  if (upload?.status === 'failed') return 'failed';
  return upload?.status === 'preparing' || upload?.status === 'uploading' ? 'sending' : 'sent';
}

/**
 * The conversation: every message in order, text as a `<text-bubble>` and each file as a
 * `<file-bubble>`, in a scrolling log that stays at the newest message while the reader is there.
 *
 * Inside a `<chat-widget>` it renders the store the widget provides; standalone it renders its
 * `messages`, `uploads` and `downloads` properties (when `messages` is set, they win).
 * The intents the bubbles raise (`chat-retry`, `chat-download`, …) bubble through it unchanged.
 *
 * @dependency text-bubble
 * @dependency file-bubble
 *
 * @csspart log - The scrolling message log (`role="log"`).
 * @csspart entry - The bubbles of one message.
 * @csspart empty - The "No messages yet" note.
 *
 * @cssprop --chat-thread-height - Height of the thread (default `24rem`; `auto` to size it by flex).
 * @cssprop --chat-thread-gap - Space between messages.
 * @cssprop --chat-thread-background - Background behind the bubbles.
 */
export class ChatThread extends LitElement {
  static override styles = styles;

  /** Messages to show standalone, in order. When set, the store's messages are ignored. */
  @property({ attribute: false }) messages?: ChatMessage[];

  /** Standalone: our uploads by message id. */
  @property({ attribute: false }) uploads: Record<string, UploadState> = {};

  /** Standalone: downloads by `downloadKey(messageId, index)`. */
  @property({ attribute: false }) downloads: Record<string, DownloadState> = {};

  /** Standalone: our user id; messages from it are shown as ours. */
  @property({ attribute: 'user-id' }) userId = '';

  /** The widget's store, provided by context inside a `<chat-widget>` (or set directly). */
  @consume({ context: chatStoreContext, subscribe: true })
  @property({ attribute: false })
  store?: ChatStore;

  #entries = new StoreController<ThreadEntry[]>(this);
  #uploads = new StoreController<Record<string, UploadState>>(this);
  #downloads = new StoreController<Record<string, DownloadState>>(this);
  #isPinned = true;
  #resizeObserver = new ResizeObserver(() => this.#keepPinned());
  #view: { entries: ThreadEntry[]; uploads: Record<string, UploadState>; downloads: Record<string, DownloadState> } = {
    entries: [],
    uploads: {},
    downloads: {},
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.#entries.store = this.store?.$entries;
      this.#uploads.store = this.store?.$uploads;
      this.#downloads.store = this.store?.$downloads;
    }
    const isStandalone = this.messages !== undefined;
    const uploads = (isStandalone ? this.uploads : this.#uploads.value) ?? {};
    const downloads = (isStandalone ? this.downloads : this.#downloads.value) ?? {};
    const entries = this.#currentEntries(uploads);
    const last = entries.at(-1);
    // A message of our own that just appeared brings the reader back to the newest message.
    if (last && last.message.id !== this.#view.entries.at(-1)?.message.id && last.isMine) this.#isPinned = true;
    this.#view = { entries, uploads, downloads };
  }

  override firstUpdated(): void {
    this.#observe();
  }

  #observe(): void {
    for (const element of this.renderRoot.querySelectorAll('.log, .entries')) this.#resizeObserver.observe(element);
  }

  #log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  #onScroll = () => {
    const log = this.#log();
    if (log) this.#isPinned = log.scrollHeight - log.scrollTop - log.clientHeight <= PINNED_DISTANCE;
  };

  #keepPinned(): void {
    const log = this.#log();
    if (log && this.#isPinned) log.scrollTop = log.scrollHeight;
  }

  /** The entries to show: the `messages` property when set, else the store's. */
  #currentEntries(uploads: Record<string, UploadState>): ThreadEntry[] {
    if (!this.messages) return this.#entries.value ?? [];
    return this.messages.map((message) => ({
      message,
      delivery: deliveryFromUpload(uploads[message.id]),
      isMine: message.sender.id === this.userId,
    }));
  }

  override render() {
    const { entries, uploads, downloads } = this.#view;
    return html`
      <div part="log" class="log" role="log" aria-live="polite" aria-label="Messages" tabindex="0" @scroll=${this.#onScroll}>
        <div class="entries">
          ${entries.length === 0
            ? html`<p part="empty" class="empty">No messages yet</p>`
            : repeat(entries, (entry) => entry.message.id, (entry) => this.#entry(entry, uploads, downloads))}
        </div>
      </div>
    `;
  }

  #entry({ message, delivery, isMine }: ThreadEntry, uploads: Record<string, UploadState>, downloads: Record<string, DownloadState>) {
    return html`
      <div part="entry" class="entry">
        ${message.text
          ? html`<text-bubble .message=${message} .isMine=${isMine} .delivery=${delivery}></text-bubble>`
          : nothing}
        ${(message.attachments ?? []).map(
          (attachment, index) => html`
            <file-bubble .attachment=${attachment} .messageId=${message.id} .index=${index} .isMine=${isMine}
              .delivery=${delivery} .upload=${uploads[message.id]} .download=${downloads[downloadKey(message.id, index)]}></file-bubble>
          `,
        )}
      </div>
    `;
  }
}
