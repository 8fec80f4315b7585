/**
 * The baseline for `bench/render.ts`: `<chat-thread>` as it was before it was virtualized, a
 * `repeat()` of every message's bubbles in a scrolling log kept at the bottom by a ResizeObserver.
 * Kept here, standalone only (no store), as `<repeat-thread>`, so the benchmark compares both
 * in the same run. Not part of the library.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ChatMessage, DeliveryState } from '../../src/model/message.ts';
import { downloadKey, type DownloadState, type UploadState } from '../../src/state/types.ts';
import { controlStyles } from '../../src/elements/control.styles.ts';

const PINNED_DISTANCE = 32;

interface Entry {
  message: ChatMessage;
  delivery: DeliveryState;
  isMine: boolean;
}

function deliveryFromUpload(upload: UploadState | undefined): DeliveryState {
  if (upload?.status === 'failed') return 'failed';
  return upload?.status === 'preparing' || upload?.status === 'uploading' ? 'sending' : 'sent';
}

export class RepeatThread extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: var(--chat-thread-height, 24rem);
        min-height: 0;
        background: var(--chat-thread-background, #fff);
      }
      .log {
        flex: 1 1 auto;
        min-height: 0;
        overflow-y: auto;
        overscroll-behavior: contain;
      }
      .entries {
        display: flex;
        flex-direction: column;
        gap: var(--chat-thread-gap, 0.5rem);
        padding: var(--chat-thread-padding, 0.75rem);
      }
      .entry {
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
      }
    `,
  ];

  @property({ attribute: false }) messages: ChatMessage[] = [];
  @property({ attribute: false }) uploads: Record<string, UploadState> = {};
  @property({ attribute: false }) downloads: Record<string, DownloadState> = {};
  @property({ attribute: 'user-id' }) userId = '';

  #isPinned = true;
  #resizeObserver = new ResizeObserver(() => this.#keepPinned());
  #entries: Entry[] = [];

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizeObserver.disconnect();
  }

  override willUpdate(_changed: PropertyValues<this>): void {
    const entries = this.messages.map((message) => ({
      message,
      delivery: deliveryFromUpload(this.uploads[message.id]),
      isMine: message.sender.id === this.userId,
    }));
    const last = entries.at(-1);
    if (last && last.message.id !== this.#entries.at(-1)?.message.id && last.isMine) this.#isPinned = true;
    this.#entries = entries;
  }

  override firstUpdated(): void {
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

  override render() {
    return html`
      <div part="log" class="log" role="log" aria-live="polite" aria-label="Messages" tabindex="0" @scroll=${this.#onScroll}>
        <div class="entries">${repeat(this.#entries, (entry) => entry.message.id, (entry) => this.#entry(entry))}</div>
      </div>
    `;
  }

  #entry({ message, delivery, isMine }: Entry) {
    return html`
      <div part="entry" class="entry">
        ${message.text ? html`<text-bubble .message=${message} .isMine=${isMine} .delivery=${delivery}></text-bubble>` : nothing}
        ${(message.attachments ?? []).map(
          (attachment, index) => html`
            <file-bubble .attachment=${attachment} .messageId=${message.id} .index=${index} .isMine=${isMine}
              .delivery=${delivery} .upload=${this.uploads[message.id]} .download=${this.downloads[downloadKey(message.id, index)]}></file-bubble>
          `,
        )}
      </div>
    `;
  }
}
