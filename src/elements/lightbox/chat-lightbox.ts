import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type SVGTemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { displayName } from '../../model/display-name.ts';
import { fileKind } from '../../model/format.ts';
import { safeThumbnail } from '../../model/safe-thumbnail.ts';
import { safeUrl } from '../../model/safe-url.ts';
import { downloadKey, type DownloadState } from '../../state/types.ts';
import { ChatElement } from '../chat-element.ts';
import { spaceSeparated } from '../converters.ts';
import { cssProperty } from '../css-property.ts';
import { emit } from '../events.ts';
import { fileIcon, shortName } from '../file-display.ts';
import { playShape } from '../file-icons.ts';
import { icon as glyph } from '../icons.ts';
import { enFileView } from '../locales/en-file-view.ts';
import { percentOf } from '../file-bubble/file-status.ts';
import { ObjectUrl, placeholderImage, shownCaption, streamUrl } from '../file-bubble/media.ts';
import type { LightboxImage } from './gallery.ts';
import { styles } from './chat-lightbox.styles.ts';

/** The zoom levels `+` and `-` step through. */
const ZOOMS = [1, 1.5, 2, 3, 4];

/** How far (px) a finger must travel sideways, more than up or down, to show the next or previous image. */
const SWIPE_DISTANCE = 50;

const icon = (shape: SVGTemplateResult) =>
  html`<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2"
    stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${shape}</svg>`;
const ICONS = {
  previous: icon(svg`<path d="M15 5l-7 7 7 7" />`),
  next: icon(svg`<path d="M9 5l7 7-7 7" />`),
  zoomIn: icon(svg`<circle cx="11" cy="11" r="7" /><path d="M20 20l-4-4M8 11h6M11 8v6" />`),
  zoomOut: icon(svg`<circle cx="11" cy="11" r="7" /><path d="M20 20l-4-4M8 11h6" />`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18" />`),
  download: icon(svg`<path d="M12 4v11M7 10l5 5 5-5M5 20h14" />`),
};

/**
 * The thread's images and videos, one at a time, over the whole window on an opaque dark
 * backdrop: the full image once downloaded, else its thumbnail (or placeholder) with a Download
 * button that raises `chat-download` (Save once it is shown but not saved). A video shows its
 * poster with a play button and plays in a player with its controls: at once when the lightbox
 * opens on it, else on one click; it asks for the bytes with `chat-play` when it has none (or
 * streams from an origin listed in `stream-origins`). A modal dialog named by the file and its
 * place ("photo.jpg, 2 of 5"); focus stays inside, also when a control it was on goes away
 * (Download becoming progress).
 *
 * Keyboard: Left and Right show the previous and next image (mirrored right to left), `+` and
 * `-` zoom (as do Ctrl+wheel and the zoom buttons), `0` fits the image again, Escape closes.
 * Touch: a sideways swipe of more than 50 px shows the next or previous image.
 *
 * @csspart dialog - The modal `dialog`.
 * @csspart title - The image's name and its place among the images.
 * @csspart position - "2 of 5".
 * @csspart stage - The area showing the image; it scrolls when zoomed in.
 * @csspart image - The image shown (or a video's poster).
 * @csspart player - A video's player, once it plays.
 * @csspart play - The play button over a video's poster.
 * @csspart icon - Shown instead of an image that has no picture yet.
 * @csspart caption - The sender's caption.
 * @csspart previous - The button showing the previous image.
 * @csspart next - The button showing the next image.
 * @csspart zoom-in - The button zooming in.
 * @csspart zoom-out - The button zooming out.
 * @csspart zoom - The zoom level, as a percentage.
 * @csspart download - The button asking for the full file, or saving it once shown.
 * @csspart progress - The download's progress.
 * @csspart close - The button closing the lightbox.
 *
 * @cssprop --chat-lightbox-background - Background of the lightbox, opaque (default near-black, light or dark theme alike).
 * @cssprop --chat-lightbox-color - Colour of its words and icons (default near-white).
 * @cssprop --chat-accent - Colour of the focus ring (the dark theme's accent by default).
 *
 * @fires chat-download - Download the file shown and save it. `detail: { messageId, index }`.
 * @fires chat-play - Fetch the video's bytes to play them (not saved). `detail: { messageId, index }`.
 * @fires chat-lightbox-closed - The user closed the lightbox. `detail: { messageId, index }` of the image shown last.
 */
export class ChatLightbox extends ChatElement {
  static override styles = styles;
  protected static override englishWords = enFileView;

  static override properties: PropertyDeclarations = {
    images: { attribute: false },
    index: { type: Number },
    downloads: { attribute: false },
    open: { type: Boolean, reflect: true },
    streamOrigins: { attribute: 'stream-origins', converter: spaceSeparated },
    zoom: { state: true },
    isPlaying: { state: true },
  };

  /** The images to step through, in order. */
  images: LightboxImage[] = [];

  /** The place in `images` of the image shown; the arrows move it. */
  index = 0;

  /** Downloads by `downloadKey(messageId, index)`: a finished one shows the full image. */
  downloads: Record<string, DownloadState> = {};

  /** Whether the lightbox shows (as a modal dialog). Reflected as `open`. */
  open = false;

  /**
   * Origins (`https://media.example`, space-separated) a video may stream from before it is
   * downloaded. Empty (the default): a video plays only downloaded bytes.
   */
  streamOrigins: string[] = [];

  /** The zoom level, 1 = fitted to the window. */
  private zoom = 1;

  /** Whether the video shown was asked to play (it plays as soon as it has a source). */
  private isPlaying = false;

  /** The modal `dialog` this element renders. */
  get #dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  #bytes = new ObjectUrl(this);
  /** The picture shown: the full image, else the thumbnail (a video's poster) or the placeholder. */
  #src?: string;
  /** What the video shown may play: its bytes, or a stream from a listed origin. */
  #playable?: string;
  /** The video whose bytes were asked for (once per opening), and the source its player last started on. */
  #asked?: string;
  #started?: string;

  /** Where a touch that may become a swipe went down. */
  #swipeStart?: { pointerId: number; x: number; y: number };

  /** Closes the lightbox and tells the host, as Escape and the close button do. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    const image = this.images[this.index];
    if (image) emit(this, 'chat-lightbox-closed', { messageId: image.messageId, index: image.index });
  }

  /** Shows the image `step` places on (negative: back), if there is one. */
  go(step: number): void {
    const index = this.index + step;
    if (index < 0 || index >= this.images.length) return;
    this.index = index;
    this.zoom = 1;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open) this.zoom = 1;
    const attachment = this.images[this.index]?.attachment;
    const isVideo = this.#isVideo();
    // A video the lightbox opens on plays at once; one reached with the arrows waits for a click.
    if (changed.has('open') || changed.has('index')) this.isPlaying = this.open && isVideo && changed.has('open');
    if (changed.has('open') && !this.open) this.#asked = undefined;
    const download = this.#download();
    const blob = download?.status === 'done' ? download.blob : undefined;
    const bytes = this.#bytes.for(blob, attachment?.mime ?? '');
    const picture = safeThumbnail(attachment?.thumbnail) ?? placeholderImage(attachment?.placeholder);
    this.#src = isVideo ? picture : (bytes ?? picture);
    this.#playable = isVideo ? (bytes ?? streamUrl(attachment!.url, this.streamOrigins)) : undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.open && !this.#dialog.open) {
      this.#dialog.showModal();
      this.renderRoot.querySelector<HTMLElement>('[part="close"]')?.focus();
    } else if (changed.has('open') && !this.open && this.#dialog.open) {
      this.#dialog.close();
    } else if (this.open && !this.shadowRoot!.activeElement) {
      // The focused control went away (Download became progress): focus stays in the dialog, where the keys work.
      this.#dialog.focus();
    }
    this.#play();
  }

  /** Asked to play: asks for the video's bytes when it has nothing to play, or starts its player once per source. */
  #play(): void {
    const image = this.images[this.index];
    if (!this.isPlaying || !image) return;
    const key = downloadKey(image.messageId, image.index);
    const download = this.#download();
    if (!this.#playable && (!download || download.status === 'failed') && this.#asked !== key) {
      this.#asked = key;
      emit(this, 'chat-play', { messageId: image.messageId, index: image.index });
    }
    const player = this.renderRoot.querySelector<HTMLVideoElement>('video');
    if (player?.paused && this.#started !== player.src) {
      this.#started = player.src;
      player.play().catch(() => undefined); // refused (no user activation left): its controls stay
    }
  }

  #isVideo(): boolean {
    const attachment = this.images[this.index]?.attachment;
    return attachment !== undefined && fileKind(attachment.mime) === 'video';
  }

  #download(): DownloadState | undefined {
    const image = this.images[this.index];
    return image && this.downloads[downloadKey(image.messageId, image.index)];
  }

  /** Zoom out, the zoom level and zoom in: for images only (a video plays fitted to the window). */
  #zoomControls() {
    const t = this.t;
    return html`
      ${this.#button('zoom-out', t.zoomOut, ICONS.zoomOut, this.zoom <= ZOOMS[0]!, () => this.#zoomBy(-1))}
      <span part="zoom" class="zoom muted">${new Intl.NumberFormat(t.lang, { style: 'percent' }).format(this.zoom)}</span>
      ${this.#button('zoom-in', t.zoomIn, ICONS.zoomIn, this.zoom >= ZOOMS.at(-1)!, () => this.#zoomBy(1))}
    `;
  }

  #zoomBy(steps: number): void {
    if (this.#isVideo()) return;
    const at = ZOOMS.findIndex((zoom) => zoom >= this.zoom);
    this.zoom = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, at + steps))]!;
  }

  #onKeyDown = (event: KeyboardEvent) => {
    // A player's own keys (arrows seek, space plays) stay the player's.
    if (event.target instanceof HTMLVideoElement && event.key !== 'Escape' && event.key !== 'Tab') return;
    const isRtl = getComputedStyle(this).direction === 'rtl';
    switch (event.key) {
      case 'Escape':
        this.close();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        this.go((event.key === 'ArrowRight') !== isRtl ? 1 : -1);
        break;
      case '+':
      case '=':
        this.#zoomBy(1);
        break;
      case '-':
        this.#zoomBy(-1);
        break;
      case '0':
        this.zoom = 1;
        break;
      case 'Tab':
        if (!this.#keepFocusInside(event.shiftKey)) return;
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last: true when it moved focus. */
  #keepFocusInside(isBackward: boolean): boolean {
    const controls = [...this.renderRoot.querySelectorAll<HTMLElement>('button, [tabindex="0"]')];
    const [first, last] = [controls[0], controls.at(-1)];
    const active = this.shadowRoot!.activeElement;
    const target = isBackward ? (active === first || !active ? last : undefined) : active === last || !active ? first : undefined;
    target?.focus();
    return target !== undefined;
  }

  #onPointerDown = (event: PointerEvent) => {
    if (event.pointerType !== 'touch' || !event.isPrimary || this.zoom > 1) return;
    this.#swipeStart = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
  };

  /** A finger lifted after a sideways swipe: the next image when it went against the reading direction. */
  #onPointerUp = (event: PointerEvent) => {
    const start = this.#swipeStart;
    if (!start || start.pointerId !== event.pointerId) return;
    this.#swipeStart = undefined;
    const [dx, dy] = [event.clientX - start.x, event.clientY - start.y];
    if (Math.abs(dx) <= SWIPE_DISTANCE || Math.abs(dx) <= Math.abs(dy)) return;
    const isRtl = getComputedStyle(this).direction === 'rtl';
    this.go((dx < 0) !== isRtl ? 1 : -1);
  };

  #onPointerCancel = () => {
    this.#swipeStart = undefined;
  };

  /** Escape may also arrive as the dialog's own cancel: it closes the same way. */
  #onCancel = (event: Event) => {
    event.preventDefault();
    this.close();
  };

  /** Ctrl+wheel (and a trackpad's pinch) zooms the image, not the page. */
  #onWheel = {
    handleEvent: (event: WheelEvent) => {
      if (!event.ctrlKey || event.deltaY === 0) return;
      event.preventDefault();
      this.#zoomBy(event.deltaY < 0 ? 1 : -1);
    },
    passive: false,
  };

  override render() {
    const image = this.images[this.index];
    const t = this.t;
    const name = image ? displayName(image.attachment.name) : '';
    const [position, total] = [this.index + 1, this.images.length];
    const caption = shownCaption(image?.attachment.caption, { length: 200, lines: 4 });
    const isFirst = this.index <= 0;
    const isLast = this.index >= total - 1;
    return html`
      <dialog part="dialog" class="dialog" role="dialog" aria-modal="true" aria-label=${image ? t.lightboxLabel(name, position, total) : ''}
        tabindex="-1" @keydown=${this.#onKeyDown} @cancel=${this.#onCancel}>
        <div class="bar">
          <h2 part="title" class="title">
            <span class="name" title=${name}>${shortName(name)}</span>
            <span part="position" class="position muted">${image ? t.imagePosition(position, total) : ''}</span>
          </h2>
          ${image ? this.#transfer(image) : nothing}
          ${this.#isVideo() ? nothing : this.#zoomControls()}
          ${this.#button('close', t.closeLightbox, ICONS.close, false, () => this.close())}
        </div>
        <div part="stage" class="stage" ${cssProperty('--zoom', String(this.zoom))} tabindex=${ifDefined(this.zoom > 1 ? 0 : undefined)}
          @wheel=${this.#onWheel} @pointerdown=${this.#onPointerDown} @pointerup=${this.#onPointerUp} @pointercancel=${this.#onPointerCancel}>
          ${image && this.#isVideo() ? this.#video(image, name) : this.#picture(image, name)}
        </div>
        ${caption.text
          ? html`<p part="caption" class="caption" tabindex=${ifDefined(caption.mayScroll ? 0 : undefined)}>${caption.text}</p>`
          : nothing}
        ${this.#button('previous', t.previousImage, ICONS.previous, isFirst, () => this.go(-1), 'nav previous')}
        ${this.#button('next', t.nextImage, ICONS.next, isLast, () => this.go(1), 'nav next')}
      </dialog>
    `;
  }

  /** The picture shown (a video's poster), or an icon when there is none. */
  #picture(image: LightboxImage | undefined, name: string) {
    return this.#src && image
      ? html`<img part="image" class="image" src=${this.#src} alt=${image.attachment.alt?.trim() || name} />`
      : html`<span part="icon" class="icon">${fileIcon(image && this.#isVideo() ? 'video' : 'image')}</span>`;
  }

  /** A video: its player once it plays and has a source, else its poster with a play button (gone once asked). */
  #video(image: LightboxImage, name: string) {
    if (this.isPlaying && this.#playable) {
      return html`<video part="player" class="image" src=${this.#playable} poster=${ifDefined(this.#src)} controls playsinline aria-label=${name}></video>`;
    }
    const play = () => {
      this.#asked = undefined; // a click asks again, also after a failed download
      this.isPlaying = true;
    };
    return html`${this.#picture(image, name)}
      ${this.isPlaying ? nothing : html`<button part="play" class="play" type="button" aria-label=${this.t.play(name)} title=${this.t.play(name)} @click=${play}>${glyph(playShape, 32)}</button>`}`;
  }

  /** What can be done to see the full image: download it, follow its download, or learn it cannot be. */
  #transfer(image: LightboxImage) {
    const t = this.t;
    const download = this.#download();
    const ask = () => emit(this, 'chat-download', { messageId: image.messageId, index: image.index });
    if (!image.attachment.url) return nothing; // ours, still uploading
    if (!safeUrl(image.attachment.url)) return html`<span class="state error">${t.unsupportedLink}</span>`;
    switch (download?.status) {
      case 'done':
        if (download.isLocal) return nothing; // ours, from the picked file
        return this.#button('download', download.isSaved ? t.saveAgain : t.save, ICONS.download, false, ask);
      case 'downloading':
        return html`<span part="progress" class="state muted" role="status">${t.progress(t.downloadingLabel, percentOf(download.received, download.total ?? image.attachment.size))}</span>`;
      case 'unavailable':
        return html`<span class="state error">${t.unavailable}</span>`;
      default:
        return this.#button('download', download?.status === 'failed' ? t.downloadAgain : t.download, ICONS.download, false, ask);
    }
  }

  /** An icon button; at the end of its range it stays focusable but does nothing (`aria-disabled`). */
  #button(part: string, label: string, shape: unknown, isDisabled: boolean, onClick: () => void, className = 'tool') {
    return html`<button part=${part} class=${className} type="button" aria-label=${label} title=${label}
      aria-disabled=${isDisabled ? 'true' : 'false'} @click=${() => isDisabled || onClick()}>${shape}</button>`;
  }
}
