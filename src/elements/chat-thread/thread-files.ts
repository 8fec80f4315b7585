import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Attachment } from '../../model/message.ts';
import { safeUrl } from '../../model/safe-url.ts';
import { downloadKey, type DownloadState } from '../../state/types.ts';
import { renderAlbum } from './album.ts';
import { albumStyles } from './album.styles.ts';
import { lightboxParts } from './chat-thread.names.ts';
import { entryOf, type RowContext, type RowEntry } from './thread-row.ts';
import { itemKey, messageOf, type ThreadItem } from './thread-items.ts';
import { emit, type AttachmentRef } from '../events.ts';
import { addLaterStyles } from '../later-styles.ts';
import { needElement } from '../lazy-elements.ts';
import * as chatLightbox from '../lightbox/chat-lightbox.names.ts';
import { imagesIn, indexOfImage, type LightboxImage } from '../lightbox/gallery.ts';

/** What the file code needs from its `<chat-thread>`. */
export interface ThreadFilesHost extends ReactiveControllerHost, HTMLElement {}

/** What the thread lends its file code. */
export interface ThreadFilesOptions {
  /** The thread's items, oldest first. */
  items(): readonly ThreadItem[];
  /** Moves the roving tab stop and focus to the message at `index`, scrolling it into view; resolves to its entry once rendered. */
  focusEntry(index: number): Promise<HTMLElement | undefined>;
}

/**
 * The attachment that Enter on a message downloads (or saves again): its first, once the message
 * is delivered, not while it uploads or downloads, and only from a link the bubble would follow.
 */
function downloadableAttachment(entry: RowEntry, context: RowContext): Attachment | undefined {
  const attachment = entry.message.attachments?.[0];
  if (!attachment || entry.delivery !== 'sent' || !safeUrl(attachment.url)) return undefined;
  const upload = context.uploads[entry.message.id];
  if (upload && upload.status !== 'done') return undefined;
  if (context.downloads[downloadKey(entry.message.id, 0)]?.status === 'downloading') return undefined;
  return attachment;
}

/**
 * What a `<chat-thread>` does with file messages, loaded with the first file it shows (a page
 * that only chats never loads it): albums, the lightbox over the loaded messages' images, which
 * gives focus back to the opener's bubble (or tile) when it closes, and Enter to download a file message.
 */
export class ThreadFiles {
  /** The lightbox, while open: the images it steps through and the bubble that opened it. */
  #gallery?: { images: LightboxImage[]; index: number; opener: AttachmentRef };

  /** Adds the styles of albums to the thread's own: they come with this code. */
  constructor(
    private readonly host: ThreadFilesHost,
    private readonly options: ThreadFilesOptions,
  ) {
    if (host.shadowRoot) addLaterStyles(host.shadowRoot, albumStyles);
  }

  /** Renders an album: its images as one grid, its other files as one list, its text once under them (see `album.ts`). */
  readonly renderAlbum = renderAlbum;

  /** Opens the lightbox on the image `opener` names, among the loaded messages' images. */
  openImage(opener: AttachmentRef): void {
    const images = imagesIn(this.options.items().map(messageOf));
    const index = indexOfImage(images, opener);
    if (index < 0) return;
    needElement(chatLightbox.tagName);
    this.#gallery = { images, index, opener };
    this.host.requestUpdate();
  }

  /** Raises the download intent of the file message `item` (its first file); false when it has none to download now. */
  download(item: ThreadItem | undefined, context: RowContext): boolean {
    const entry = item && entryOf(item, context);
    if (!entry || !downloadableAttachment(entry, context)) return false;
    emit(this.host, 'chat-download', { messageId: entry.message.id, index: 0 });
    return true;
  }

  /** The lightbox, while open, showing the images the thread has downloaded in full, and playing its videos. */
  renderLightbox(downloads: Record<string, DownloadState>, streamOrigins: readonly string[]) {
    const gallery = this.#gallery;
    return gallery
      ? html`<chat-lightbox open exportparts=${lightboxParts.exportparts} .images=${gallery.images} .index=${gallery.index}
          .downloads=${downloads} .streamOrigins=${streamOrigins} @chat-lightbox-closed=${this.#onClosed}></chat-lightbox>`
      : nothing;
  }

  /** The lightbox closed: focus goes back to the bubble that opened it (brought into view if it scrolled away). */
  #onClosed = async () => {
    const opener = this.#gallery?.opener;
    this.#gallery = undefined;
    this.host.requestUpdate();
    const index = opener ? this.options.items().findIndex((item) => itemKey(item) === opener.messageId) : -1;
    if (index < 0) return;
    const entry = await this.options.focusEntry(index);
    if (entry?.querySelector('file-album')?.focusTile(opener!)) return;
    const bubbles = entry?.querySelectorAll('file-bubble') ?? [];
    [...bubbles].find((bubble) => bubble.messageId === opener!.messageId && bubble.index === opener!.index)?.focus();
  };
}
