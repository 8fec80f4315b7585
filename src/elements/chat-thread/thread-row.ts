import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage, DeliveryState } from '../../model/message.ts';
import { downloadKey, type DownloadState, type UploadState } from '../../state/types.ts';
import { displayName } from '../../model/display-name.ts';
import { dayIso, dayLabel } from '../day-label.ts';
import { renderTime } from '../message-time.ts';
import type { ChatStrings } from '../strings.ts';
import { fileBubbleParts, textBubbleParts } from './chat-thread.names.ts';
import { personOf, renderAvatar, senderName, type Person } from './avatar.ts';
import { albumEnd, continuesGroup, joinsPrevious, messageOf, startsDay, type ThreadItem } from './thread-items.ts';

/** What every row of one render shares. */
export interface RowContext {
  /** The words to show. */
  t: ChatStrings;
  /** Standalone: our user id (store entries say whether they are ours). */
  userId: string;
  /** What the host knows about users, by id: names and avatars. */
  people: Readonly<Record<string, Person>>;
  uploads: Record<string, UploadState>;
  downloads: Record<string, DownloadState>;
  /** The time "Today" is relative to, read once per render. */
  now: number;
  /** The key of the message that holds the roving tab stop, if any. */
  activeKey?: string;
  /** Origins whose video and audio files may play streamed from their URL (see `<file-bubble>`). */
  streamOrigins: readonly string[];
  /** Called for each file a row shows: loads the code of file messages the first time. */
  needFileCode(): void;
  /** Called for each album of images a row shows: loads `<file-album>` the first time. */
  needAlbumCode(): void;
  /**
   * Renders an album (see `album.ts`), once the code of file messages has loaded; until then an
   * album shows its files' names.
   */
  renderAlbum?(entries: readonly RowEntry[], context: RowContext, time: (message: ChatMessage) => TemplateResult): TemplateResult;
}

/** A message with how far it has come and whether it is ours. */
export interface RowEntry {
  message: ChatMessage;
  delivery: DeliveryState;
  isMine: boolean;
}

/** How far a message has come, as far as a standalone thread can tell from its upload. */
function deliveryFromUpload(upload: UploadState | undefined): DeliveryState {
  const status = upload?.status;
  return status === 'failed' ? 'failed' : status === undefined || status === 'done' ? 'sent' : 'sending';
}

/** The entry an item shows: a store entry as it is; a standalone message judged by user id and upload. */
export function entryOf(item: ThreadItem, context: RowContext): RowEntry {
  if ('message' in item) return item;
  return { message: item, delivery: deliveryFromUpload(context.uploads[item.id]), isMine: item.sender.id === context.userId };
}

/**
 * One row of the log: a day separator when the message starts a day, then the message (a
 * focusable `article`): the sender's avatar and name when it starts the sender's group (a
 * continued message keeps the name for screen readers only), its text bubble (with its time) and
 * one file bubble per attachment (holding the file's name, which shows until the bubble's code
 * has loaded, or if it cannot), then the time of a message with no text. A message that starts
 * an album (see `joinsPrevious`) shows the whole album; the album's other messages have empty
 * rows. A row depends only on its item and its neighbours (an album's, at most), so any row renders in O(1).
 */
export function renderRow(items: readonly ThreadItem[], index: number, context: RowContext): TemplateResult {
  const item = items[index]!;
  const previousItem = items[index - 1];
  if (joinsPrevious(item, previousItem)) return html`<div class="row" data-key=${messageOf(item).id} data-joined></div>`;
  const entry = entryOf(item, context);
  const { message, delivery, isMine } = entry;
  const previous = previousItem && messageOf(previousItem);
  const isNewDay = startsDay(message, previous);
  const isContinued = continuesGroup(message, previous);
  const end = albumEnd(items, index);
  const isAlbum = end > index;
  const time = (shown: ChatMessage) => html`<div class="meta muted">${renderTime(shown.createdAt, context.t.lang)}</div>`;
  return html`
    <div class="row" data-key=${message.id} ?data-continued=${isContinued}>
      ${isNewDay ? html`<div part="day" class="day"><time datetime=${dayIso(message.createdAt)}>${dayLabel(message.createdAt, context.now, context.t.lang, context.t)}</time></div>` : nothing}
      <div part="entry" class=${isMine ? 'entry mine' : 'entry'} role="article" data-index=${index}
        tabindex=${message.id === context.activeKey ? 0 : -1}>
        ${isMine ? nothing : renderSender(message, isContinued, context)}
        ${isAlbum ? renderAlbumOrNames(items.slice(index, end + 1).map((member) => entryOf(member, context)), context, time) : nothing}
        ${!isAlbum && message.text ? html`<text-bubble exportparts=${textBubbleParts.exportparts} .message=${message} .isMine=${isMine} .delivery=${delivery}></text-bubble>` : nothing}
        ${isAlbum ? nothing : (message.attachments ?? []).map(
          (attachment, attachmentIndex) => (context.needFileCode(), html`
            <file-bubble exportparts=${fileBubbleParts.exportparts} .attachment=${attachment} .messageId=${message.id} .index=${attachmentIndex} .isMine=${isMine}
              .streamOrigins=${context.streamOrigins} .delivery=${delivery} .upload=${context.uploads[message.id]}
              .download=${context.downloads[downloadKey(message.id, attachmentIndex)]}>${displayName(attachment.name)}</file-bubble>
          `),
        )}
        ${isAlbum || message.text ? nothing : time(message)}
      </div>
    </div>
  `;
}

/** An album, or its files' names and its text while the code of file messages loads. */
function renderAlbumOrNames(entries: RowEntry[], context: RowContext, time: (message: ChatMessage) => TemplateResult): TemplateResult {
  context.needFileCode();
  if (context.renderAlbum) return context.renderAlbum(entries, context, time);
  return html`${entries.map(({ message }) => html`<div class="pending-file">${message.text ?? (message.attachments ?? []).map((attachment) => displayName(attachment.name)).join(', ')}</div>`)}`;
}

/** Who sent a message from others: avatar and name at the start of a group; in a group, the name for screen readers only. */
function renderSender(message: ChatMessage, isContinued: boolean, context: RowContext): TemplateResult {
  const person = personOf(message.sender.id, context.people);
  const name = senderName(message.sender, person);
  return isContinued
    ? html`<span part="sender" class="sender visually-hidden">${name}</span>`
    : html`${renderAvatar(message.sender, person, name)}<span part="sender" class="sender">${name}</span>`;
}
