import type { ChatStrings } from '../strings.ts';

/**
 * English words of the widget's launcher mode: the round button, its unread count and the
 * panel's close button. The launcher's code brings them (`withEnglish`): a widget shown inline
 * never loads them.
 */
export const enLauncher = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadMessages: (count) => (count === 1 ? '1 unread message' : `${count} unread messages`),
} satisfies Partial<ChatStrings>;
