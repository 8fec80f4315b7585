import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Attachment, DeliveryState } from '../../model/message.ts';
import { fileKind, type FileKind } from '../../model/format.ts';
import { displayName } from '../../model/display-name.ts';
import { safeThumbnail } from '../../model/safe-thumbnail.ts';
import type { DownloadState, UploadState } from '../../state/types.ts';
import { ChatElement } from '../chat-element.ts';
import { spaceSeparated } from '../converters.ts';
import { emit } from '../events.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { playShape } from '../file-icons.ts';
import { icon } from '../icons.ts';
import { enFailures } from '../locales/en-failures.ts';
import { enFileView } from '../locales/en-file-view.ts';
import { isAtRest, renderStatus, restAction, restNote, type StatusView } from './file-status.ts';
import { durationIso, formatDuration, ObjectUrl, placeholderImage, shownCaption, streamUrl } from './media.ts';
import { styles } from './file-bubble.styles.ts';
import { typeLabel } from './type-label.ts';

/** HEIC and HEIF: shown as an image where the browser decodes them, else as a file. */
const HEIF = /^image\/hei[cf]$/;

/** How a file is shown: HEIC and HEIF are tried as images (a failed decode leaves the file bubble). */
const shownKind = (mime: string) => (HEIF.test(mime) ? 'image' : fileKind(mime));

/**
 * One file in the thread. An image shows at once (its thumbhash placeholder until a picture is
 * decoded, then its thumbnail, then the full image: the sender's own file, or the bytes the
 * auto-download policy fetched) in a box sized from the width and height the message declares,
 * and opens large on activation; a picture that cannot be decoded (HEIC where the browser cannot)
 * leaves a clean file bubble, never a broken image. A video shows its poster at image size with a
 * play button and its play time over it, and plays in place on one click (asking for its bytes
 * with `chat-play` first when it has none); audio shows its play time and a play button, then a
 * player; any other file a typed icon. A picture (and a video's poster) shows alone, as in
 * WhatsApp and Slack: no name, size or type under it (its name labels the bubble and titles the
 * picture, and the lightbox shows it), its caption under it, and, once at rest, its one action
 * (Download, Save) as a small button over a corner, and "Sent" over another for ours. Any other
 * file shows one row of its icon, name (shortened in the middle, keeping the extension; cut with
 * an ellipsis where the bubble is narrower), size and type, ending, once at rest, in its one
 * action, as in Slack and WhatsApp; its caption under the row.
 * Under either, what happens to it now and what can be done: follow an upload, retry it, follow
 * the download (or learn the file is gone), download or save a file already shown. Viewing never
 * saves: saving is its own button.
 *
 * The file's URL never becomes a link. A player's `src` is the downloaded bytes' object URL or,
 * only for an origin listed in `stream-origins`, the file's own http(s) URL; never anything else.
 *
 * @csspart bubble - The file's box (a `figure` named by the full file name).
 * @csspart open - The button around an image's preview that opens it large.
 * @csspart thumbnail - The picture: the thumbnail (a video's poster), then the full image once downloaded.
 * @csspart placeholder - The blurred thumbhash picture shown until the thumbnail is decoded.
 * @csspart player - The `<video>` or `<audio>` player, once there is something it may play.
 * @csspart play - The play button over a video's poster, or beside an audio's play time.
 * @csspart icon - The typed icon shown when there is no picture.
 * @csspart name - The file name, shortened in the middle when long (the full name is its `title`); not shown under a picture.
 * @csspart size - The file size (not shown under a picture, nor when the message does not say it).
 * @csspart type - The file's type as people say it (`PDF`: its extension, else its media type's subtype), the full media type
 *   as its tooltip (not shown under a picture, nor when it says nothing, like `application/octet-stream`).
 * @csspart duration - A video's or audio's play time (`m:ss`).
 * @csspart caption - The sender's caption.
 * @csspart delivery - "Sending…" or "Sent" (our files only; "Sent" over the corner of a picture).
 * @csspart progress - An upload or download progress bar (`role="progressbar"`).
 * @csspart cancel - The button that stops an upload or download.
 * @csspart retry - The button that retries a failed upload or send ("Pick the same file to resume" when the page reloaded and the browser could not keep the file).
 * @csspart remove - The icon button that removes our file waiting for the connection or failed (raises `chat-cancel-upload`).
 * @csspart waiting - The sentence saying our file waits for the connection.
 * @csspart not-kept - The sentence saying the browser could not keep our file for after a reload.
 * @csspart download - The button that downloads (or saves again); over a picture's corner while the picture is at rest.
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
 * @fires chat-retry - Retry our failed upload or send (or pick its file again, when it waits for it: `<chat-widget>` opens the file picker). `detail: { messageId }`.
 * @fires chat-download - Download the file and save it, or save it again. `detail: { messageId, index }`.
 * @fires chat-play - Fetch a video's or audio's bytes to play them in place (not saved). `detail: { messageId, index }`.
 * @fires chat-cancel-download - Stop the download. `detail: { messageId, index }`.
 */
export class FileBubble extends ChatElement {
  static override styles = styles;
  protected static override englishWords = { ...enFileView, ...enFailures };

  static override properties: PropertyDeclarations = {
    attachment: { attribute: false },
    messageId: { attribute: 'message-id' },
    index: { type: Number },
    isMine: { type: Boolean, reflect: true, attribute: 'mine' },
    upload: { attribute: false },
    download: { attribute: false },
    delivery: { reflect: true },
    streamOrigins: { attribute: 'stream-origins', converter: spaceSeparated },
    decoded: { state: true },
    broken: { state: true },
    isPlaying: { state: true },
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

  /** The download of the file, once asked for (or our own file, `isLocal`). */
  download?: DownloadState;

  /** How far our message has come. Reflected as `delivery`. */
  delivery: DeliveryState = 'sent';

  /**
   * Origins (`https://media.example`) a video or audio player may stream from before the file
   * is downloaded; the attribute is space-separated. Empty (the default): players play only
   * downloaded bytes, and nothing is fetched that the user did not ask for.
   */
  streamOrigins: string[] = [];

  /** The picture sources decoded so far (the placeholder, then the thumbnail, go once a picture over them is). */
  private decoded = new Set<string>();

  /** The picture sources that failed to decode: never shown again. */
  private broken = new Set<string>();

  /** Whether the user asked the video or audio to play (its player then plays as soon as it has a source). */
  private isPlaying = false;

  /** The downloaded bytes' object URL; revoked when they go or the bubble leaves the page. */
  #bytes = new ObjectUrl(this);
  #bytesUrl?: string;
  #placeholder?: string;
  /** The source the player was last started on (it starts once per source). */
  #started?: string;

  /** Focuses the bubble's first control: an image's preview, else its player or a button. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('button, video[controls], audio')?.focus(options);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const attachment = this.attachment;
    if (changed.has('attachment')) {
      this.decoded = new Set();
      this.broken = new Set();
      this.isPlaying = false;
      this.#placeholder = placeholderImage(attachment?.placeholder);
    }
    const hasMedia = attachment !== undefined && shownKind(attachment.mime) !== 'document';
    const blob = hasMedia && this.download?.status === 'done' ? this.download.blob : undefined;
    this.#bytesUrl = this.#bytes.for(blob, attachment?.mime ?? '');
  }

  override updated(): void {
    const player = this.renderRoot.querySelector<HTMLMediaElement>('[part~="player"]');
    // Asked to play: start as soon as there is something to play, once.
    if (this.isPlaying && player?.paused && this.#started !== player.src) {
      this.#started = player.src;
      player.play().catch(() => undefined); // refused (no user activation left): its controls stay
    }
  }

  #ref() {
    return { messageId: this.messageId, index: this.index };
  }

  #onOpen = () => emit(this, 'chat-open-image', this.#ref());
  #onLoad = (event: Event) => (this.decoded = new Set(this.decoded).add((event.target as HTMLImageElement).getAttribute('src')!));
  #onError = (event: Event) => (this.broken = new Set(this.broken).add((event.target as HTMLImageElement).getAttribute('src')!));
  #onPlay = () => {
    this.isPlaying = true;
    if (!this.#playable()) emit(this, 'chat-play', this.#ref());
  };

  /** A source the one rule allows a player: the bytes (ours, or downloaded), or a stream from a listed origin. */
  #playable(): string | undefined {
    return this.#bytesUrl ?? streamUrl(this.attachment?.url ?? '', this.streamOrigins);
  }

  override render() {
    const attachment = this.attachment;
    if (!attachment) return nothing;
    const name = displayName(attachment.name);
    const kind = shownKind(attachment.mime);
    const media = kind === 'image' ? this.#image(attachment, name) : kind === 'video' ? this.#video(attachment, name) : kind === 'audio' ? this.#audio(attachment, name) : undefined;
    const caption = shownCaption(attachment.caption);
    const status: StatusView = {
      t: this.t, attachment, isMine: this.isMine, delivery: this.delivery, upload: this.upload, download: this.download,
      onCancelUpload: () => emit(this, 'chat-cancel-upload', { messageId: this.messageId }),
      onRetry: () => emit(this, 'chat-retry', { messageId: this.messageId }),
      onDownload: () => emit(this, 'chat-download', this.#ref()),
      onCancelDownload: () => emit(this, 'chat-cancel-download', this.#ref()),
    };
    // A picture or a video's poster shows alone (its name labels it); at rest, its one action and (ours) "Sent" over it.
    // A file shown as a file has its action at rest at the end of its name's row, as in Slack and WhatsApp.
    const isPicture = media !== undefined && kind !== 'audio';
    const isFile = media === undefined;
    const atRest = isAtRest(status);
    const statusLine = !atRest ? renderStatus(status) : isPicture ? nothing : isFile ? restNote(status) : renderStatus(status);
    return html`
      <figure part="bubble" class=${classMap({ bubble: true, 'picture-bubble': isPicture })} aria-label=${name}>
        ${isPicture
          ? html`<div class="frame">${media}${atRest
              ? html`<div class="action">${restAction(status)}</div>
                  ${this.isMine ? html`<span part="delivery" class="sent">${this.t.sent}</span>` : nothing}`
              : nothing}</div>`
          : isFile ? this.#fileRow(attachment, name, kind, atRest ? restAction(status) : nothing) : media}
        <div class="details">
          ${isPicture || isFile ? nothing : this.#nameAndSize(attachment, name, kind, true)}
          <span id="full-name" hidden>${name}</span>
          ${caption.text
            ? html`<figcaption part="caption" class="caption" tabindex=${ifDefined(caption.mayScroll ? 0 : undefined)}>${caption.text}</figcaption>`
            : nothing}
          ${statusLine === nothing ? nothing : html`<div class="status">${statusLine}</div>`}
        </div>
      </figure>
    `;
  }

  /** A file shown as a file: its typed icon, name and size, and its action at rest at the end of the row. */
  #fileRow(attachment: Attachment, name: string, kind: FileKind, action: TemplateResult | typeof nothing) {
    return html`<div class="file-row">
      <span part="icon" class="icon">${fileIcon(kind)}</span>
      <div class="heading">${this.#nameAndSize(attachment, name, kind, false)}</div>
      ${action}
    </div>`;
  }

  /**
   * The name (shortened in the middle), then what is known of the file, joined by ` · `: its size,
   * its type as people say it (`PDF`; the full MIME type as its tooltip) when that says something,
   * and an audio's or video's play time when it has no player row.
   */
  #nameAndSize(attachment: Attachment, name: string, kind: FileKind, hasMedia: boolean) {
    const type = typeLabel(name, attachment.mime);
    const duration = kind === 'video' || kind === 'audio' ? formatDuration(attachment.durationMs) : undefined;
    const facts = [
      attachment.size === undefined ? undefined : html`<span part="size" class="value" dir="auto">${this.t.fileSize(attachment.size)}</span>`,
      type ? html`<span part="type" class="value" dir="auto" title=${attachment.mime}>${type}</span>` : undefined,
      duration && !hasMedia ? this.#duration(attachment.durationMs!, duration) : undefined,
    ].filter((fact) => fact !== undefined);
    return html`
      <span part="name" class="name" title=${name}>${shortName(name)}</span>
      <span class="meta muted">${facts.map((fact, index) => (index === 0 ? fact : html` · ${fact}`))}</span>
    `;
  }

  #duration(ms: number, shown: string) {
    return html`<time part="duration" class="value" dir="ltr" datetime=${durationIso(ms)}>${shown}</time>`;
  }

  /** An image: a button (opening it large) around its pictures; `undefined` when there is nothing to show. */
  #image(attachment: Attachment, name: string): TemplateResult | undefined {
    const alt = attachment.alt?.trim() || name;
    const pictures = this.#pictures(attachment, [safeThumbnail(attachment.thumbnail), this.#bytesUrl], alt);
    return pictures && html`<button part="open" class=${classMap({ media: true, shown: this.decoded.size > 0 })} type="button"
      aria-label=${this.t.openImage(alt)} title=${name} @click=${this.#onOpen}>${pictures}</button>`;
  }

  /**
   * A video: its player once it may play something (the poster over it until asked to play), else
   * its poster; with a play button over either until it plays; `undefined` when there is nothing to show.
   */
  #video(attachment: Attachment, name: string): TemplateResult | undefined {
    const src = this.#playable();
    const poster = safeThumbnail(attachment.thumbnail);
    const width = ifDefined(attachment.width || undefined);
    const height = ifDefined(attachment.height || undefined);
    const pictures = src ? undefined : this.#pictures(attachment, [poster], attachment.alt?.trim() || name);
    if (!src && !pictures && !this.isPlaying) return undefined;
    const isPlaying = this.isPlaying && src !== undefined;
    const duration = formatDuration(attachment.durationMs);
    return html`<div class="media video shown">
      ${src
        ? html`<video part="player" class="picture" ?controls=${isPlaying} preload=${this.#bytesUrl ? 'metadata' : 'none'} playsinline src=${src}
            aria-label=${name} poster=${ifDefined(poster)} width=${width} height=${height}></video>`
        : (pictures ?? html`<span class="picture blank"></span>`)}
      ${isPlaying ? nothing : html`
        <button part="play" class="play" type="button" aria-label=${this.t.play(name)} title=${this.t.play(name)} @click=${this.#onPlay}>${icon(playShape, 28)}</button>
        ${duration ? html`<span class="badge">${this.#duration(attachment.durationMs!, duration)}</span>` : nothing}`}
    </div>`;
  }

  /** Audio: a play button and its play time until asked to play, then the player (playing as soon as it has its bytes). */
  #audio(attachment: Attachment, name: string) {
    const src = this.#playable();
    if (this.isPlaying && src) {
      return html`<audio part="player" class="audio" controls preload="metadata" src=${src} aria-label=${name}></audio>`;
    }
    const duration = formatDuration(attachment.durationMs);
    return html`<div class="audio-row">
      <button part="play" class="play-audio" type="button" aria-label=${this.t.play(name)} title=${this.t.play(name)}
        ?disabled=${this.isPlaying} @click=${this.#onPlay}>${icon(playShape, 18)}</button>
      ${duration ? this.#duration(attachment.durationMs!, duration) : nothing}
    </div>`;
  }

  /**
   * The pictures (`sources`, best last), each over the ones before until it is decoded, with the
   * placeholder under them; a source that fails to decode is dropped; `undefined` when nothing is left.
   */
  #pictures(attachment: Attachment, sources: Array<string | undefined>, alt: string): TemplateResult | undefined {
    const usable = sources.filter((src): src is string => src !== undefined && !this.broken.has(src));
    // Once a better picture is decoded, the ones under it go.
    const best = usable.findLastIndex((src) => this.decoded.has(src));
    const shown = best === -1 ? usable : usable.slice(best);
    const placeholder = best === -1 ? this.#placeholder : undefined;
    if (shown.length === 0 && !placeholder) return undefined;
    const width = ifDefined(attachment.width || undefined);
    const height = ifDefined(attachment.height || undefined);
    const top = shown.at(-1);
    return html`
      ${shown.map((src) => html`<img part=${ifDefined(src === top ? 'thumbnail' : undefined)} class="picture" src=${src} alt=${src === top ? alt : ''}
        width=${width} height=${height} @load=${this.#onLoad} @error=${this.#onError} />`)}
      ${placeholder ? html`<img part="placeholder" class="picture placeholder" src=${placeholder} alt=${top ? '' : alt} width=${width} height=${height} />` : nothing}
    `;
  }
}
