import type { ChatStrings } from '../strings.ts';

/**
 * English, the words a page shows before any file: the widget, the composer's text area and its
 * buttons, text bubbles, the thread; every element has them below its strings. The words of files
 * come with the code of files (`en-file-view.ts`, `en-file-send.ts`, `en-failures.ts`), the
 * launcher's with its code (`en-launcher.ts`).
 */
export const en = {
  lang: 'en',

  heading: 'Chat',
  statusOnline: 'Online',
  statusConnecting: 'Connecting…',
  statusOffline: 'Offline',
  dropToSend: 'Drop files to send',

  messageLabel: 'Message',
  messagePlaceholder: 'Write a message…',
  attach: 'Attach',
  attachLabel: 'Attach files',
  takePhoto: 'Take photo',
  send: 'Send',
  dropToAttach: 'Drop files to attach them',
  attachUnavailable: 'Files cannot be attached right now. Check the connection and try again.',

  sending: 'Sending…',
  sent: 'Sent',
  notSent: 'Not sent',
  retry: 'Retry',

  messagesLabel: 'Messages',
  noMessages: 'No messages yet',
  newMessages: (count) => (count === 1 ? '1 new message' : `${count} new messages`),
  arrivedText: (name, text) => `${name}: ${text}`,
  arrivedFiles: (name, files) => `${name} sent ${new Intl.ListFormat('en', { type: 'conjunction' }).format(files)}`,
  arrivedMany: (count, last) => `${count} new messages. The last: ${last}`,
  today: 'Today',
  yesterday: 'Yesterday',
} satisfies Partial<ChatStrings>;
