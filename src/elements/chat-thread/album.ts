import { html, nothing, type TemplateResult } from 'lit';
import { fileKind } from '../../model/format.ts';
import type { ChatMessage } from '../../model/message.ts';
import { displayName } from '../../model/display-name.ts';
import { downloadKey } from '../../state/types.ts';
import type { AlbumImage } from '../file-album/file-album.ts';
import { isViewable } from '../lightbox/gallery.ts';
import { albumParts, fileBubbleParts, textBubbleParts } from './chat-thread.names.ts';
import type { RowContext, RowEntry } from './thread-row.ts';

/** What an album is made of: its images and videos (in a grid), its other files (in one list) and the text typed with them. */
interface AlbumParts {
  images: AlbumImage[];
  files: Array<{ entry: RowEntry; index: number }>;
  captions: RowEntry[];
}

/**
 * Sorts the album's messages into tiles, other files and captions, in the order they came. The
 * images and videos are tiles, unless the only one is a video: that stays a bubble, which plays in place.
 */
function partsOf(entries: readonly RowEntry[], context: RowContext): AlbumParts {
  const parts: AlbumParts = { images: [], files: [], captions: [] };
  const files = entries.flatMap((entry) => (entry.message.attachments ?? []).map((attachment, index) => ({ entry, index, attachment })));
  const viewable = files.filter(({ attachment }) => isViewable(attachment.mime));
  const tiles = viewable.length > 1 || (viewable[0] && fileKind(viewable[0].attachment.mime) === 'image') ? viewable : [];
  for (const entry of entries) if (entry.message.text) parts.captions.push(entry);
  for (const file of files) {
    const { entry, index, attachment } = file;
    const { message, delivery } = entry;
    if (!tiles.includes(file)) parts.files.push({ entry, index });
    else parts.images.push({ messageId: message.id, index, attachment, delivery, upload: context.uploads[message.id], download: context.downloads[downloadKey(message.id, index)] });
  }
  return parts;
}

/**
 * The bubbles of an album, the messages of one sender sent together (one `group`): its images and
 * videos as one `<file-album>` grid, its other files as one compact list of file bubbles, then the
 * text typed with them once, as the caption under them (with its time), else the album's time.
 */
export function renderAlbum(entries: readonly RowEntry[], context: RowContext, renderTime: (message: ChatMessage) => TemplateResult): TemplateResult {
  const { images, files, captions } = partsOf(entries, context);
  const { isMine } = entries[0]!;
  if (images.length > 0) context.needAlbumCode();
  return html`
    ${images.length > 0
      ? html`<file-album exportparts=${albumParts.exportparts} .images=${images} .isMine=${isMine}></file-album>`
      : nothing}
    ${files.length > 0
      ? html`<div part="documents" class="documents" role="list">
          ${files.map(({ entry, index }) => {
            const attachment = entry.message.attachments![index]!;
            return html`<file-bubble role="listitem" exportparts=${fileBubbleParts.exportparts} .attachment=${attachment} .messageId=${entry.message.id}
              .index=${index} .isMine=${isMine} .streamOrigins=${context.streamOrigins} .delivery=${entry.delivery} .upload=${context.uploads[entry.message.id]}
              .download=${context.downloads[downloadKey(entry.message.id, index)]}>${displayName(attachment.name)}</file-bubble>`;
          })}
        </div>`
      : nothing}
    ${captions.map(
      (entry) => html`<text-bubble exportparts=${textBubbleParts.exportparts} .message=${entry.message} .isMine=${isMine} .delivery=${entry.delivery}></text-bubble>`,
    )}
    ${captions.length === 0 ? renderTime(entries.at(-1)!.message) : nothing}
  `;
}
