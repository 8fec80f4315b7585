import { html, nothing, type TemplateResult } from 'lit';
import { fileKind } from '../../model/format.ts';
import type { ChatMessage } from '../../model/message.ts';
import { displayName } from '../../model/display-name.ts';
import { downloadKey } from '../../state/types.ts';
import type { AlbumImage } from '../file-album/file-album.ts';
import { albumParts, fileBubbleParts, textBubbleParts } from './chat-thread.names.ts';
import type { RowContext, RowEntry } from './thread-row.ts';

/** What an album is made of: its images (in a grid), its other files (in one list) and the text typed with them. */
interface AlbumParts {
  images: AlbumImage[];
  files: Array<{ entry: RowEntry; index: number }>;
  captions: RowEntry[];
}

/** Sorts the album's messages into images, other files and captions, in the order they came. */
function partsOf(entries: readonly RowEntry[], context: RowContext): AlbumParts {
  const parts: AlbumParts = { images: [], files: [], captions: [] };
  for (const entry of entries) {
    const { message, delivery } = entry;
    if (message.text) parts.captions.push(entry);
    message.attachments?.forEach((attachment, index) => {
      if (fileKind(attachment.mime) !== 'image') return void parts.files.push({ entry, index });
      const ref = { messageId: message.id, index };
      parts.images.push({ ...ref, attachment, delivery, upload: context.uploads[message.id], download: context.downloads[downloadKey(message.id, index)] });
    });
  }
  return parts;
}

/**
 * The bubbles of an album, the messages of one sender sent together (one `group`): its images as
 * one `<file-album>` grid, its other files as one compact list of file bubbles, then the text
 * typed with them once, as the caption under them (with its time), else the album's time.
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
