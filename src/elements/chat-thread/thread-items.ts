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
