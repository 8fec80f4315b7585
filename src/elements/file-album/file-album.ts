import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Attachment, DeliveryState } from '../../model/message.ts';
import { displayName } from '../../model/display-name.ts';
import { fileKind } from '../../model/format.ts';
import { safeThumbnail } from '../../model/safe-thumbnail.ts';
import { isWaitingForFile, type DownloadState, type UploadState } from '../../state/types.ts';
import { ChatElement } from '../chat-element.ts';
import { cssProperty } from '../css-property.ts';
import { emit, type AttachmentRef } from '../events.ts';
import { fileIcon } from '../file-display.ts';
import { percentOf } from '../file-bubble/file-status.ts';
import { formatDuration, ObjectUrl, placeholderImage } from '../file-bubble/media.ts';
import { playShape } from '../file-icons.ts';
import { crossShape, icon } from '../icons.ts';
import { enFailures } from '../locales/en-failures.ts';
import { enFileView } from '../locales/en-file-view.ts';
import { failureSentence } from '../transfer-failure.ts';
import { styles } from './file-album.styles.ts';

/** Tiles shown at most; the last of them says how many more there are. */
export const MAX_TILES = 4;

/** One image (or video) of an album, with how its transfer is going. */
export interface AlbumImage extends AttachmentRef {
  attachment: Attachment;
  upload?: UploadState;
  download?: DownloadState;
  /** How far the message carrying it has come (ours). */
  delivery: DeliveryState;
}

/** Whether an upload still runs (or waits), so it can be followed and cancelled. */
const isUploading = (upload: UploadState | undefined) => upload !== undefined && upload.status !== 'done' && upload.status !== 'failed';

/** Whether the image failed to go out: its upload, or its message. */
const hasFailed = (image: AlbumImage) => image.upload?.status === 'failed' || image.delivery === 'failed';

/**
 * Images and videos sent together, shown as one grid: two to four tiles filling a square (the
 * first spans the top when there are three), the last saying "+N" when there are more. Each tile
 * opens its image large, or its video, which plays there; an upload shows its progress and Cancel
 * over its tile, a failure its reason, Retry and Cancel. A tile shows the best picture it has: the
 * full image (the sender's own file, or bytes downloaded), the thumbnail (a video's poster, with a
 * play glyph and its play time over it), the thumbhash placeholder, else an icon. The files the
 * grid cannot show (past the fourth) still show their uploads and failures, under it.
 *
 * @csspart grid - The grid of tiles.
 * @csspart tile - One tile (its picture and, while it uploads or failed, its status).
 * @csspart open - The button filling a tile that opens its image large.
 * @csspart thumbnail - A tile's picture: the thumbnail, or the full image once there.
 * @csspart placeholder - The blurred thumbhash picture shown until a tile's picture is decoded.
 * @csspart icon - The image (or video) icon of a tile with no picture to show.
 * @csspart play - The play glyph over a video's tile.
 * @csspart duration - A video's play time (`m:ss`), over its tile.
 * @csspart more - The "+N" over the last tile when the album holds more images.
 * @csspart status - An upload's progress or failure, over its tile (or under the grid for an image past the fourth).
 * @csspart progress - An upload's progress bar (`role="progressbar"`).
 * @csspart cancel - The button that stops an upload (or drops a failed one).
 * @csspart retry - The button that retries a failed upload or send ("Pick the same file to resume" when the page reloaded and the browser could not keep the file).
 * @csspart error - A sentence saying why an image was not sent.
 *
 * @cssprop --chat-album-width - Width of the grid (default `280px`, at most the row).
 * @cssprop --chat-album-gap - Space between tiles (default `2px`).
 * @cssprop --chat-bubble-radius - Corner radius of the grid.
 * @cssprop --chat-thumbnail-background - Behind a picture that is not decoded yet.
 * @cssprop --chat-progress-color - Fill of the progress bar (default: the accent).
 * @cssprop --chat-accent - Colour of the focus ring.
 *
 * @fires chat-open-image - A tile was activated: show its image (or play its video) large. `detail: { messageId, index }`.
 * @fires chat-cancel-upload - Stop our upload (its message is dropped). `detail: { messageId }`.
 * @fires chat-retry - Retry our failed upload or send (or pick its file again, when it waits for it: `<chat-widget>` opens the file picker). `detail: { messageId }`.
 */
export class FileAlbum extends ChatElement {
  static override styles = styles;
  protected static override englishWords = { ...enFileView, ...enFailures };

  static override properties: PropertyDeclarations = {
    images: { attribute: false },
    isMine: { type: Boolean, reflect: true, attribute: 'mine' },
    broken: { state: true },
  };

  /** The images and videos, in the order they were sent. Names, captions and URLs are data from the wire, shown only as text. */
  images: AlbumImage[] = [];

  /** Whether the images are ours. Reflected as `mine`. */
  isMine = false;

  /** The picture sources that failed to decode: never shown again. */
  private broken = new Set<string>();

  /** One object URL per tile, for its downloaded bytes (or our own file). */
  #bytes: ObjectUrl[] = [];

  /** Focuses the tile of the image `ref` names (the last tile for an image past it); false when it has none. */
  focusTile(ref: AttachmentRef): boolean {
    const at = this.images.findIndex((image) => image.messageId === ref.messageId && image.index === ref.index);
    if (at < 0) return false;
    const buttons = this.renderRoot.querySelectorAll<HTMLElement>('[part~="open"]');
    const button = buttons[Math.min(at, buttons.length - 1)];
    button?.focus();
    return button !== undefined;
  }

  /** Focuses the first tile. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('button')?.focus(options);
  }

  #onError = (event: Event) => (this.broken = new Set(this.broken).add((event.target as HTMLImageElement).getAttribute('src')!));

  override render() {
    const images = this.images;
    const shown = images.slice(0, MAX_TILES);
    const more = images.length - shown.length;
    return html`
      <div part="grid" class="grid" data-count=${shown.length}>
        ${shown.map((image, at) => this.#tile(image, at, at === shown.length - 1 ? more : 0))}
      </div>
      ${images.slice(MAX_TILES).some((image) => isUploading(image.upload) || hasFailed(image))
        ? html`<ul class="beyond">
            ${images.slice(MAX_TILES).map((image) => (isUploading(image.upload) || hasFailed(image) ? html`<li>${this.#status(image, true)}</li>` : nothing))}
          </ul>`
        : nothing}
    `;
  }

  /** One tile: a button showing the picture (a video's poster with a play glyph; "+N" over the last), then its upload's status over it. */
  #tile(image: AlbumImage, at: number, more: number): TemplateResult {
    const t = this.t;
    const { attachment } = image;
    const name = displayName(attachment.name);
    const alt = attachment.alt?.trim() || name;
    const isVideo = fileKind(attachment.mime) === 'video';
    const bytes = !isVideo && image.download?.status === 'done' ? image.download.blob : undefined;
    const full = (this.#bytes[at] ??= new ObjectUrl(this)).for(bytes, attachment.mime);
    const src = [full, safeThumbnail(attachment.thumbnail)].find((candidate) => candidate !== undefined && !this.broken.has(candidate));
    const placeholder = src ? undefined : placeholderImage(attachment.placeholder);
    const open = isVideo ? t.play(alt) : t.openImage(alt);
    const label = more > 0 ? `${open} (${t.moreImages(more)})` : open;
    const duration = isVideo ? formatDuration(attachment.durationMs) : undefined;
    return html`
      <div part="tile" class="tile">
        <button part="open" class="open" type="button" aria-label=${label} title=${name}
          @click=${() => emit(this, 'chat-open-image', { messageId: image.messageId, index: image.index })}>
          ${src
            ? html`<img part="thumbnail" class="picture" src=${src} alt="" width=${ifDefined(attachment.width || undefined)}
                height=${ifDefined(attachment.height || undefined)} @error=${this.#onError} />`
            : placeholder
              ? html`<img part="placeholder" class="picture" src=${placeholder} alt="" />`
              : html`<span part="icon" class="icon">${fileIcon(isVideo ? 'video' : 'image')}</span>`}
        </button>
        ${isVideo && more === 0 ? html`<span part="play" class="play" aria-hidden="true">${icon(playShape, 24)}</span>` : nothing}
        ${duration && more === 0 ? html`<span part="duration" class="duration" aria-hidden="true">${duration}</span>` : nothing}
        ${more > 0 ? html`<span part="more" class="more" aria-hidden="true">+${more}</span>` : nothing}
        ${isUploading(image.upload) || hasFailed(image) ? this.#status(image, false) : nothing}
      </div>
    `;
  }

  /** An upload's progress and Cancel, or why it failed with Retry and Cancel; named for its file when it is not on a tile. */
  #status(image: AlbumImage, isNamed: boolean): TemplateResult {
    const t = this.t;
    const name = displayName(image.attachment.name);
    const { upload } = image;
    const cancel = html`<button part="cancel" class="round" type="button" aria-label=${`${t.cancel}: ${name}`} title=${t.cancel}
      @click=${() => emit(this, 'chat-cancel-upload', { messageId: image.messageId })}>${icon(crossShape, 18)}</button>`;
    const named = isNamed ? html`<span class="name" dir="auto">${name}</span>` : nothing;
    if (hasFailed(image)) {
      const reason = upload?.status === 'failed' ? failureSentence(t, 'upload', upload.error) : t.notSent;
      // On a tile, "Not sent" shows and the reason is read out (and its tooltip); under the grid, the reason shows.
      const error = isNamed || reason === t.notSent
        ? html`<span part="error" class="error">${reason}</span>`
        : html`<span part="error" class="error" title=${reason}>${t.notSent}<span class="visually-hidden">: ${reason}</span></span>`;
      const retry = isWaitingForFile(upload) ? t.pickSameFile : t.retry;
      return html`<div part="status" class="status failed">
        ${named}${error}
        <button part="retry" type="button" aria-label=${`${retry}: ${name}`} @click=${() => emit(this, 'chat-retry', { messageId: image.messageId })}>${retry}</button>
        ${upload ? cancel : nothing}
      </div>`;
    }
    const label = upload!.status === 'preparing' ? t.preparingLabel : upload!.status === 'queued' ? t.waiting : t.uploadingLabel;
    const percent = upload!.status === 'uploading' ? percentOf(upload!.sent, upload!.total) : 0;
    return html`<div part="status" class="status">
      ${named}
      <div part="progress" class="progress" role="progressbar" aria-label=${`${label}: ${name}`} aria-valuemin="0" aria-valuemax="100"
        aria-valuenow=${percent} ${cssProperty('--fraction', String(percent / 100))}><div class="fill"></div></div>
      ${cancel}
    </div>`;
  }
}
