import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Attachment, DeliveryState } from '../../model/message.ts';
import { displayName, fileKind, formatBytes } from '../../model/format.ts';
import { safeThumbnail, safeUrl } from '../../model/safe-url.ts';
import type { DownloadState, UploadState } from '../../state/types.ts';
import { emit } from '../events.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { styles } from './file-bubble.styles.ts';

/** A whole percentage of `part` in `whole`, 0 when the whole is unknown. */
function percentOf(part: number, whole: number | undefined): number {
  return whole && whole > 0 ? Math.min(100, Math.max(0, Math.round((part / whole) * 100))) : 0;
}

/** A wait in seconds for people: `30 s`, `0.3 s`. */
function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One file in the thread: its thumbnail (or a typed icon) at once, its name, size and type, and
 * what can be done with it now: follow an upload (preparing, waiting for a slot, uploading,
 * stalled, retrying), retry it, download, follow the download (or learn the file is gone), save
 * an image the auto-download policy already fetched.
 * The file's URL never becomes a link: downloading is an intent the widget carries out.
 *
 * @csspart bubble - The file's box (a `figure` named by the full file name).
 * @csspart thumbnail - The image preview: the thumbnail, then the full image once downloaded.
 * @csspart icon - The typed icon shown when there is no preview.
 * @csspart name - The file name, shortened in the middle when long (the full name is its `title`).
 * @csspart size - The file size.
 * @csspart type - The declared media type.
 * @csspart caption - The sender's caption.
 * @csspart progress - An upload or download progress bar (`role="progressbar"`).
 * @csspart cancel - The button that stops an upload or download.
 * @csspart retry - The button that retries a failed upload or send.
 * @csspart download - The button that downloads (or saves again).
 * @csspart error - A sentence saying what went wrong.
 * @csspart unavailable - Says the server no longer has the file (404/410): nothing to retry, no Download button.
 * @csspart stalled - The sentence saying an upload has made no progress for a while (it can still be cancelled).
 *
 * @cssprop --chat-bubble-background - Background of others' files.
 * @cssprop --chat-bubble-mine-background - Background of our files.
 * @cssprop --chat-bubble-radius - Corner radius of the bubble.
 * @cssprop --chat-thumbnail-max-width - Widest an image preview is shown.
 * @cssprop --chat-progress-color - Fill of the progress bar.
 * @cssprop --chat-accent - Colour of buttons and the focus ring.
 * @cssprop --chat-error-color - Colour of error sentences.
 *
 * @fires chat-cancel-upload - Stop our upload (its message is dropped). `detail: { messageId }`.
 * @fires chat-retry - Retry our failed upload or send. `detail: { messageId }`.
 * @fires chat-download - Download the file, or save it again. `detail: { messageId, index }`.
 * @fires chat-cancel-download - Stop the download. `detail: { messageId, index }`.
 */
export class FileBubble extends LitElement {
  static override styles = styles;

  /** The file to show. Its name, caption and URL are data from the wire, shown only as text. */
  @property({ attribute: false }) attachment?: Attachment;

  /** The id of the message that carries the file. */
  @property({ attribute: 'message-id' }) messageId = '';

  /** The file's place among its message's attachments. */
  @property({ type: Number }) index = 0;

  /** Whether the file is ours. Reflected as `mine`. */
  @property({ type: Boolean, reflect: true, attribute: 'mine' }) isMine = false;

  /** Our upload of the file, while there is one. */
  @property({ attribute: false }) upload?: UploadState;

  /** The download of the file, once asked for. */
  @property({ attribute: false }) download?: DownloadState;

  /** How far our message has come. Reflected as `delivery`. */
  @property({ reflect: true }) delivery: DeliveryState = 'sent';

  /** The downloaded image and the object URL that shows it; revoked when either goes. */
  #fullImage?: { blob: Blob; url: string };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#showFullImage(undefined);
  }

  override willUpdate(): void {
    const isImage = this.attachment !== undefined && fileKind(this.attachment.mime) === 'image';
    this.#showFullImage(isImage && this.download?.status === 'done' ? this.download.blob : undefined);
  }

  #showFullImage(blob: Blob | undefined): void {
    if (blob === this.#fullImage?.blob) return;
    if (this.#fullImage) URL.revokeObjectURL(this.#fullImage.url);
    this.#fullImage = blob ? { blob, url: URL.createObjectURL(blob) } : undefined;
  }

  #ref() {
    return { messageId: this.messageId, index: this.index };
  }

  #onCancelUpload = () => emit(this, 'chat-cancel-upload', { messageId: this.messageId });
  #onRetry = () => emit(this, 'chat-retry', { messageId: this.messageId });
  #onDownload = () => emit(this, 'chat-download', this.#ref());
  #onCancelDownload = () => emit(this, 'chat-cancel-download', this.#ref());

  override render() {
    const attachment = this.attachment;
    if (!attachment) return nothing;
    const name = displayName(attachment.name);
    return html`
      <figure part="bubble" class="bubble" aria-label=${name}>
        ${this.#preview(attachment, name)}
        <div class="details">
          <span part="name" class="name" title=${name}>${shortName(name)}</span>
          <span id="full-name" hidden>${name}</span>
          <span class="meta muted">
            <span part="size">${formatBytes(attachment.size)}</span> · <span part="type">${attachment.mime}</span>
          </span>
          ${attachment.caption ? html`<figcaption part="caption" class="caption">${attachment.caption}</figcaption>` : nothing}
          <div class="status">${this.#status(attachment)}</div>
        </div>
      </figure>
    `;
  }

  #preview(attachment: Attachment, name: string) {
    const kind = fileKind(attachment.mime);
    const src = this.#fullImage?.url ?? (kind === 'image' ? safeThumbnail(attachment.thumbnail) : undefined);
    if (!src) return html`<span part="icon" class="icon">${fileIcon(kind)}</span>`;
    return html`<img part="thumbnail" class="thumbnail" src=${src} alt=${attachment.alt?.trim() || name}
      width=${ifDefined(attachment.width || undefined)} height=${ifDefined(attachment.height || undefined)} />`;
  }

  #status(attachment: Attachment) {
    const { upload, download } = this;
    if (upload?.status === 'queued') return html`<span class="muted">Waiting…</span> ${this.#button('cancel', 'Cancel', this.#onCancelUpload)}`;
    if (upload?.status === 'preparing') return this.#progress('Preparing', 0, this.#onCancelUpload);
    if (upload?.status === 'uploading') return this.#uploading(upload);
    if (upload?.status === 'failed') return this.#failure(upload.error ?? 'The upload failed.', 'retry', 'Retry', this.#onRetry);
    if (this.isMine && this.delivery === 'failed') return this.#failure('Not sent.', 'retry', 'Retry', this.#onRetry);
    if (!safeUrl(attachment.url)) return html`<span part="error" class="error">Unsupported link</span>`;
    if (this.isMine && this.delivery === 'sending') return html`<span class="muted">Sending…</span>`;
    switch (download?.status) {
      case 'downloading':
        return this.#progress('Downloading', percentOf(download.received, download.total ?? attachment.size), this.#onCancelDownload);
      case 'failed':
        return this.#failure(download.error ?? 'The download failed.', 'download', 'Download again', this.#onDownload);
      case 'unavailable':
        return html`<span part="unavailable" class="error">Unavailable</span>
          <span class="muted">${download.error ?? 'This file is no longer available.'}</span>`;
      case 'done':
        if (download.isAutomatic) return this.#button('download', 'Save', this.#onDownload);
        return html`<span class="muted">Downloaded</span> ${this.#button('download', 'Save again', this.#onDownload)}`;
      default:
        return this.#button('download', 'Download', this.#onDownload);
    }
  }

  /** Progress in percent and bytes; or that it stalled (still cancellable); or when the next attempt starts. */
  #uploading(upload: UploadState) {
    const percent = percentOf(upload.sent, upload.total);
    if (upload.stalledMs !== undefined) {
      const sentence = html`<span part="stalled" class="error">Stalled: no progress for ${formatSeconds(upload.stalledMs)}</span>`;
      return this.#progress('Stalled', percent, this.#onCancelUpload, sentence);
    }
    if (upload.retry) return this.#progress('Retrying', percent, this.#onCancelUpload, `Retrying in ${formatSeconds(upload.retry.delayMs)}…`);
    return this.#progress('Uploading', percent, this.#onCancelUpload, `Uploading… ${percent}% · ${formatBytes(upload.sent)} of ${formatBytes(upload.total)}`);
  }

  #progress(label: string, percent: number, onCancel: () => void, text: unknown = `${label}… ${percent}%`) {
    return html`
      <div part="progress" class="progress" role="progressbar" aria-label=${label} aria-describedby="full-name"
        aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent}
        style=${styleMap({ '--fraction': String(percent / 100) })}></div>
      ${typeof text === 'string' ? html`<span class="muted">${text}</span>` : text}
      ${this.#button('cancel', 'Cancel', onCancel)}
    `;
  }

  #failure(sentence: string, part: 'retry' | 'download', label: string, onClick: () => void) {
    return html`<span part="error" class="error">${sentence}</span> ${this.#button(part, label, onClick)}`;
  }

  #button(part: string, label: string, onClick: () => void) {
    return html`<button part=${part} type="button" aria-describedby="full-name" @click=${onClick}>${label}</button>`;
  }
}
