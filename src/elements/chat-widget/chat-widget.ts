import { LitElement, html } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { createChatStore, type ChatStore } from '../../state/chat-store.ts';
import { chatStoreContext } from '../../state/context.ts';
import { StoreController } from '../../state/store-controller.ts';
import type { ConnectionStatus, ChatTransport } from '../../transport/transport.ts';
import { transportFromAttribute } from '../../transport/from-attribute.ts';
import type { DownloadHandler, UploadHandler } from '../../upload/handler.ts';
import { createUppyUploader } from '../../upload/uppy-uploader.ts';
import { saveFile } from '../../upload/save-file.ts';
import { emit, type AttachmentRef } from '../events.ts';
import { chatWidgetStyles } from './chat-widget.styles.ts';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  online: 'Online',
  connecting: 'Connecting…',
  offline: 'Offline',
};

/** Settings that, when changed, need a new store (and connection). */
const STORE_SETTINGS = ['room', 'user', 'transport', 'uploadEndpoint', 'uploadHandler', 'downloadHandler'] as const;

/**
 * A whole chat, dropped onto a page with one tag: a thread, a composer and a connection.
 * It creates its own store (nothing is shared with other widgets) and hands it to its parts.
 *
 * @csspart header - The bar with the title and the connection state.
 * @csspart status - The connection state.
 * @cssprop --chat-widget-height - Height of the widget (default 32rem).
 * @cssprop --chat-accent - Accent colour of buttons and the drop zone.
 * @fires chat-invalid-message - A message from the wire was invalid and was dropped.
 * @fires chat-download-done - A downloaded file was handed to the browser to save.
 */
export class ChatWidget extends LitElement {
  static override styles = chatWidgetStyles;

  /** The conversation to join. */
  @property() room = 'general';

  /** Who is chatting: an id, also shown as the name. A random guest id when empty. */
  @property() user = '';

  /**
   * Where messages travel: a `ws://`/`wss://` (or page-relative) URL of the reference relay,
   * `broadcast:NAME` for tabs of one origin, or (as a property) any `ChatTransport` object.
   */
  @property() transport: string | ChatTransport = 'broadcast:chatdrop';

  /** The URL files are uploaded to (multipart, answering JSON `{ url }`). */
  @property({ attribute: 'upload-endpoint' }) uploadEndpoint = '';

  /** Replaces the default upload (Uppy to `upload-endpoint`): signed URLs, auth headers, own storage. */
  @property({ attribute: false }) uploadHandler?: UploadHandler;

  /** Replaces the default download (`fetch` of the file URL). */
  @property({ attribute: false }) downloadHandler?: DownloadHandler;

  /** Largest file the composer accepts, in bytes (inclusive). */
  @property({ attribute: 'max-file-size', type: Number }) maxFileSize?: number;

  /** File types the composer accepts: MIME types, `image/*` or `.ext`, comma-separated. Empty: any. */
  @property() accept = '';

  /** The title in the header. */
  @property() heading = 'Chat';

  /** The store this widget runs on; its parts receive it by context. */
  @provide({ context: chatStoreContext })
  @state()
  store?: ChatStore;

  @state() private isDraggingFiles = false;
  @query('file-composer') private composer?: HTMLElement & { addFiles(files: Iterable<File>): void };

  readonly #status = new StoreController<ConnectionStatus>(this);
  /** The widget is a labelled region of the host page (several widgets stay distinguishable). */
  readonly #internals = this.attachInternals();
  #settingsInUse: unknown[] = [];
  #guestId = `guest-${Math.random().toString(36).slice(2, 8)}`;

  constructor() {
    super();
    this.addEventListener('chat-send', (event) => {
      const { text, files } = event.detail;
      if (text) this.store?.sendText(text);
      if (files.length > 0) this.store?.sendFiles(files);
    });
    this.addEventListener('chat-retry', (event) => this.store?.retry(event.detail.messageId));
    this.addEventListener('chat-cancel-upload', (event) => this.store?.cancelUpload(event.detail.messageId));
    this.addEventListener('chat-download', (event) => void this.#download(event.detail));
    this.addEventListener('chat-cancel-download', (event) => this.store?.cancelDownload(event.detail.messageId, event.detail.index));
    this.addEventListener('dragover', (event) => this.#onDragOver(event));
    this.addEventListener('dragleave', (event) => {
      if (event.relatedTarget === null || !this.contains(event.relatedTarget as Node)) this.isDraggingFiles = false;
    });
    this.addEventListener('drop', (event) => this.#onDrop(event));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store?.stop();
    this.store = undefined;
    this.#settingsInUse = [];
  }

  /** The store is made on the first update (after the host set its properties) and remade when a setting changes. */
  protected override willUpdate(): void {
    const settings = STORE_SETTINGS.map((name) => this[name]);
    if (this.store && settings.every((value, index) => value === this.#settingsInUse[index])) return;
    this.store?.stop();
    this.#settingsInUse = settings;
    this.#startStore();
  }

  #startStore(): void {
    const transport = typeof this.transport === 'string' ? transportFromAttribute(this.transport) : this.transport;
    const id = this.user || this.#guestId;
    const upload = this.uploadHandler ?? (this.uploadEndpoint ? createUppyUploader({ endpoint: this.uploadEndpoint }) : undefined);
    const store = createChatStore({
      transport,
      room: this.room,
      user: { id, name: id },
      upload,
      download: this.downloadHandler,
      onInvalidMessage: (error) => {
        console.warn(`Chatdrop dropped an invalid message: ${error.message}`);
        emit(this, 'chat-invalid-message', { reason: error.message });
      },
    });
    this.store = store;
    this.#status.store = store.$status;
    void store.start();
  }

  async #download({ messageId, index }: AttachmentRef): Promise<void> {
    const store = this.store;
    const attachment = store?.$entries.get().find((entry) => entry.message.id === messageId)?.message.attachments?.[index];
    if (!store || !attachment) return;
    try {
      const blob = await store.download(messageId, index);
      saveFile(blob, attachment.name);
      emit(this, 'chat-download-done', { messageId, index, blob });
    } catch {
      // The bubble shows the reason from the store's download state.
    }
  }

  #onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.isDraggingFiles = true;
  }

  #onDrop(event: DragEvent): void {
    this.isDraggingFiles = false;
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0 || event.defaultPrevented) return;
    event.preventDefault();
    this.composer?.addFiles(files);
  }

  protected override updated(): void {
    this.#internals.role = 'region';
    this.#internals.ariaLabel = this.heading;
  }

  override render() {
    const status = this.#status.value ?? 'offline';
    return html`
      <div part="header" class="header">
        <span>${this.heading}</span>
        <span part="status" class="status" data-status=${status} role="status" aria-live="polite">${STATUS_TEXT[status]}</span>
      </div>
      <chat-thread></chat-thread>
      <file-composer accept=${this.accept} .maxFileSize=${this.maxFileSize}></file-composer>
      ${this.isDraggingFiles ? html`<div class="drop-overlay" part="drop-overlay">Drop files to send</div>` : null}
    `;
  }
}
