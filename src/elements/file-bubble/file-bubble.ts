import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Attachment, DeliveryState } from '../../model/message.ts';
import { fileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import { safeThumbnail } from '../../model/safe-url.ts';
import type { DownloadState, UploadState } from '../../state/types.ts';
import { ChatElement } from '../chat-element.ts';
import { spaceSeparated } from '../converters.ts';
import { emit } from '../events.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { renderStatus } from './file-status.ts';
import { durationIso, formatDuration, ObjectUrl, placeholderImage, shownCaption, streamUrl } from './media.ts';
import { styles } from './file-bubble.styles.ts';

/**
 * One file in the thread. An image shows at once (its thumbhash placeholder until a picture is
 * decoded, then its thumbnail, then the full image once downloaded) in a box sized from the
 * width and height the message declares, and opens large on activation; a video shows its poster
 * and, once it can play, a player; audio gets a player; any other file a typed icon. Then its
 * name (shortened in the middle, keeping the extension), size, type, play time, caption, and what
 * can be done with it now: follow an upload, retry it, download, follow the download (or learn
 * the file is gone), save an image the auto-download policy already fetched.
 *
 * The file's URL never becomes a link. A player's `src` is the downloaded bytes' object URL or,
 * only for an origin listed in `stream-origins`, the file's own http(s) URL; never anything else.
 *
 * @csspart bubble - The file's box (a `figure` named by the full file name).
 * @csspart open - The button around an image's preview that opens it large.
 * @csspart thumbnail - The picture: the thumbnail (a video's poster), then the full image once downloaded.
 * @csspart placeholder - The blurred thumbhash picture shown until the thumbnail is decoded.
 * @csspart player - The `<video>` or `<audio>` player, once there is something it may play.
 * @csspart icon - The typed icon shown when there is no picture.
 * @csspart name - The file name, shortened in the middle when long (the full name is its `title`).
 * @csspart size - The file size.
 * @csspart type - The declared media type.
 * @csspart duration - A video's or audio's play time (`m:ss`).
 * @csspart caption - The sender's caption.
 * @csspart delivery - "Sending…" or "Sent" (our files only).
 * @csspart progress - An upload or download progress bar (`role="progressbar"`).
 * @csspart cancel - The button that stops an upload or download.
 * @csspart retry - The button that retries a failed upload or send.
 * @csspart download - The button that downloads (or saves again).
 * @csspart error - A sentence saying what went wrong ("Unsupported link" for a URL that is not http(s)).
 * @csspart unavailable - Says the server no longer has the file (404/410): nothing to retry, no Download button.
 * @csspart stalled - The sentence saying an upload has made no progress for a while (it can still be cancelled).
 *
 * @cssprop --chat-bubble-background - Background of others' files.
 * @cssprop --chat-bubble-mine-background - Background of our files.
 * @cssprop --chat-bubble-radius - Corner radius of the bubble.
 * @cssprop --chat-bubble-max-width - Widest a bubble grows.
 * @cssprop --chat-thumbnail-max-width - Width of an image or video box (default `240px`); its height follows the declared ratio.
 * @cssprop --chat-thumbnail-background - Behind a picture that is not decoded yet.
 * @cssprop --chat-caption-max-height - Tallest a caption grows before it scrolls (default `12em`).
 * @cssprop --chat-progress-color - Fill of the progress bar (default: the accent).
 * @cssprop --chat-progress-track - Track of the progress bar.
 * @cssprop --chat-accent - Colour of buttons and the focus ring.
 * @cssprop --chat-error-color - Colour of error sentences.
 *
 * @fires chat-open-image - An image's preview was activated: show it large. `detail: { messageId, index }`.
 * @fires chat-cancel-upload - Stop our upload (its message is dropped). `detail: { messageId }`.
 * @fires chat-retry - Retry our failed upload or send. `detail: { messageId }`.
 * @fires chat-download - Download the file, or save it again. `detail: { messageId, index }`.
 * @fires chat-cancel-download - Stop the download. `detail: { messageId, index }`.
 */
export class FileBubble extends ChatElement {
  static override styles = styles;

  static override properties: PropertyDeclarations = {
    attachment: { attribute: false },
    messageId: { attribute: 'message-id' },
    index: { type: Number },
    isMine: { type: Boolean, reflect: true, attribute: 'mine' },
    upload: { attribute: false },
    download: { attribute: false },
    delivery: { reflect: true },
    streamOrigins: { attribute: 'stream-origins', converter: spaceSeparated },
    isDecoded: { state: true },
  };

  /** The file to show. Its name, caption and URL are data from the wire, shown only as text. */
  attachment?: Attachment;

  /** The id of the message that carries the file. */
  messageId = '';

  /** The file's place among its message's attachments. */
  index = 0;

  /** Whether the file is ours. Reflected as `mine`. */
  isMine = false;

  /** Our upload of the file, while there is one. */
  upload?: UploadState;

  /** The download of the file, once asked for. */
  download?: DownloadState;

  /** How far our message has come. Reflected as `delivery`. */
  delivery: DeliveryState = 'sent';

  /**
   * Origins (`https://media.example`) a video or audio player may stream from before the file
   * is downloaded; the attribute is space-separated. Empty (the default): players play only
   * downloaded bytes, and nothing is fetched that the user did not ask for.
   */
  streamOrigins: string[] = [];

  /** Whether a picture of this attachment was decoded (the placeholder shows until then). */
  private isDecoded = false;

  /** The downloaded bytes' object URL; revoked when they go or the bubble leaves the page. */
  #bytes = new ObjectUrl(this);
  #bytesUrl?: string;
  #placeholder?: string;

  /** Focuses the bubble's first control: an image's preview, else its player or a button. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('button, video, audio')?.focus(options);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const attachment = this.attachment;
    if (changed.has('attachment')) {
      this.isDecoded = false;
      this.#placeholder = placeholderImage(attachment?.placeholder);
    }
    const hasMedia = attachment !== undefined && fileKind(attachment.mime) !== 'document';
    const blob = hasMedia && this.download?.status === 'done' ? this.download.blob : undefined;
    this.#bytesUrl = this.#bytes.for(blob, attachment?.mime ?? '');
  }

  #ref() {
    return { messageId: this.messageId, index: this.index };
  }

  #onOpen = () => emit(this, 'chat-open-image', this.#ref());
  #onDecoded = () => (this.isDecoded = true);

  override render() {
    const attachment = this.attachment;
    if (!attachment) return nothing;
    const t = this.t;
    const name = displayName(attachment.name);
    const kind = fileKind(attachment.mime);
    const media = kind === 'image' ? this.#image(attachment, name) : kind === 'video' ? this.#video(attachment, name) : undefined;
    const duration = kind === 'video' || kind === 'audio' ? formatDuration(attachment.durationMs) : undefined;
    const caption = shownCaption(attachment.caption);
    return html`
      <figure part="bubble" class="bubble" aria-label=${name}>
        ${media ?? html`<span part="icon" class="icon">${fileIcon(kind)}</span>`}
        <div class="details">
          <span part="name" class="name" title=${name}>${shortName(name)}</span>
          <span id="full-name" hidden>${name}</span>
          <span class="meta muted">
            <span part="size" class="value" dir="auto">${t.fileSize(attachment.size)}</span> · <span part="type" class="value" dir="auto">${attachment.mime}</span>
            ${duration ? html` · <time part="duration" class="value" dir="ltr" datetime=${durationIso(attachment.durationMs!)}>${duration}</time>` : nothing}
          </span>
          ${kind === 'audio' ? this.#player('audio', attachment, name) : nothing}
          ${caption.text
            ? html`<figcaption part="caption" class="caption" tabindex=${ifDefined(caption.mayScroll ? 0 : undefined)}>${caption.text}</figcaption>`
            : nothing}
          <div class="status">
            ${renderStatus({
              t, attachment, isMine: this.isMine, delivery: this.delivery, upload: this.upload, download: this.download,
              onCancelUpload: () => emit(this, 'chat-cancel-upload', { messageId: this.messageId }),
              onRetry: () => emit(this, 'chat-retry', { messageId: this.messageId }),
              onDownload: () => emit(this, 'chat-download', this.#ref()),
              onCancelDownload: () => emit(this, 'chat-cancel-download', this.#ref()),
            })}
          </div>
        </div>
      </figure>
    `;
  }

  /** An image: a button (opening it large) around its pictures; `undefined` when there is nothing to show. */
  #image(attachment: Attachment, name: string): TemplateResult | undefined {
    const alt = attachment.alt?.trim() || name;
    const pictures = this.#pictures(attachment, this.#bytesUrl ?? safeThumbnail(attachment.thumbnail), alt);
    return pictures && html`<button part="open" class="media" type="button" aria-label=${this.t.openImage(alt)} @click=${this.#onOpen}>${pictures}</button>`;
  }

  /** A video: the player once it may play something, else its poster; `undefined` when neither. */
  #video(attachment: Attachment, name: string): TemplateResult | undefined {
    const player = this.#player('video', attachment, name);
    if (player !== nothing) return player;
    const pictures = this.#pictures(attachment, safeThumbnail(attachment.thumbnail), attachment.alt?.trim() || name);
    return pictures && html`<div class="media">${pictures}</div>`;
  }

  /** The picture (`src`), with the placeholder under it until a picture is decoded. */
  #pictures(attachment: Attachment, src: string | undefined, alt: string): TemplateResult | undefined {
    const placeholder = this.isDecoded ? undefined : this.#placeholder;
    if (!src && !placeholder) return undefined;
    const width = ifDefined(attachment.width || undefined);
    const height = ifDefined(attachment.height || undefined);
    return html`
      ${src ? html`<img part="thumbnail" class="picture" src=${src} alt=${alt} width=${width} height=${height} @load=${this.#onDecoded} />` : nothing}
      ${placeholder ? html`<img part="placeholder" class="picture placeholder" src=${placeholder} alt=${src ? '' : alt} width=${width} height=${height} />` : nothing}
    `;
  }

  /** A player, when it has a source the one rule allows: the downloaded bytes, or a stream from a listed origin. */
  #player(kind: 'video' | 'audio', attachment: Attachment, name: string) {
    const src = this.#bytesUrl ?? streamUrl(attachment.url, this.streamOrigins);
    if (!src) return nothing;
    if (kind === 'audio') return html`<audio part="player" class="audio" controls preload="none" src=${src} aria-label=${name}></audio>`;
    return html`<video part="player" class="media picture" controls preload="none" src=${src} aria-label=${name}
      poster=${ifDefined(safeThumbnail(attachment.thumbnail))} width=${ifDefined(attachment.width || undefined)}
      height=${ifDefined(attachment.height || undefined)}></video>`;
  }
}
