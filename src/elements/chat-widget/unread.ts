import type { ThreadEntry } from '../../state/types.ts';

/**
 * What the reader had seen when the chat was last closed: every message then in the thread,
 * and the time. Messages from others written after it, not seen before, are unread.
 */
export interface ReadMark {
  at: number;
  seen: ReadonlySet<string>;
}

/** Marks everything in `entries` as read, now. */
export function markRead(entries: readonly ThreadEntry[], at = Date.now()): ReadMark {
  return { at, seen: new Set(entries.map((entry) => entry.message.id)) };
}

/**
 * How many messages from others came since `mark`. A message counts when it was not in the
 * thread then and was written after it (so history loaded on joining does not count; a sender
 * whose clock runs behind ours by more than the time since closing is missed).
 */
export function countUnread(entries: readonly ThreadEntry[], mark: ReadMark): number {
  let count = 0;
  for (const { message, isMine } of entries) {
    if (!isMine && message.createdAt >= mark.at && !mark.seen.has(message.id)) count++;
  }
  return count;
}
