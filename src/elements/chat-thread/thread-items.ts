import type { ChatStrings } from '../strings.ts';
import type { ChatMessage } from '../../model/message.ts';
import { displayName } from '../../model/display-name.ts';
import type { ThreadEntry } from '../../state/types.ts';
import { dayKey } from '../day-label.ts';
import { senderName, type Person } from './avatar.ts';

/** One item of the thread: a store entry, or a message of the standalone `messages` property. */
export type ThreadItem = ThreadEntry | ChatMessage;

/** Consecutive messages of one sender closer than this share one name and avatar. */
export const GROUP_WINDOW_MS = 5 * 60_000;

/** The message an item shows. */
export function messageOf(item: ThreadItem): ChatMessage {
  return 'message' in item ? item.message : item;
}

/** The item's key for the virtualizer and for keyboard focus: its message id. */
export function itemKey(item: ThreadItem): string {
  return messageOf(item).id;
}

/** Whether `message` is the first of its local day (or of the thread). */
export function startsDay(message: ChatMessage, previous: ChatMessage | undefined): boolean {
  return !previous || dayKey(previous.createdAt) !== dayKey(message.createdAt);
}

/**
 * Whether `message` continues its sender's group: same sender as the message before, on the
 * same day, less than five minutes later. A continued message does not show the name and avatar again.
 */
export function continuesGroup(message: ChatMessage, previous: ChatMessage | undefined): boolean {
  if (!previous || previous.sender.id !== message.sender.id) return false;
  const gap = message.createdAt - previous.createdAt;
  return gap >= 0 && gap < GROUP_WINDOW_MS && !startsDay(message, previous);
}

/** A short sentence for a screen reader about a message that arrived: "Alice: hello", "Alice sent photo.jpg". */
export function describeArrival(message: ChatMessage, t: Pick<ChatStrings, 'arrivedText' | 'arrivedFiles'>, person?: Person): string {
  const name = senderName(message.sender, person);
  const files = (message.attachments ?? []).map((attachment) => displayName(attachment.name));
  return message.text || files.length === 0 ? t.arrivedText(name, message.text ?? '') : t.arrivedFiles(name, files);
}

/** Messages walked at most each way for an album's ends: its rows are never looked at one by one beyond that. */
const MAX_ALBUM = 64;

/**
 * Whether `item` belongs to the album of the message before it: both carry the same group id
 * (files sent together, and the text typed with them) and come from the same sender. Its row
 * then shows nothing: the album shows in its first message's row.
 */
export function joinsPrevious(item: ThreadItem, previous: ThreadItem | undefined): boolean {
  if (!previous) return false;
  const message = messageOf(item);
  const before = messageOf(previous);
  return message.group !== undefined && message.group === before.group && message.sender.id === before.sender.id;
}

/** The index of the first message of the album holding the message at `index` (`index` itself when it starts one, or none). */
export function albumStart(items: readonly ThreadItem[], index: number): number {
  let start = index;
  while (start > 0 && index - start < MAX_ALBUM && items[start] && joinsPrevious(items[start]!, items[start - 1])) start--;
  return start;
}

/** The index of the last message of the album the message at `index` starts (`index` itself when it starts none). */
export function albumEnd(items: readonly ThreadItem[], index: number): number {
  let end = index;
  while (end - index < MAX_ALBUM && items[end + 1] && joinsPrevious(items[end + 1]!, items[end])) end++;
  return end;
}
