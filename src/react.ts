/**
 * React components for the Chatdrop elements (`chatdrop/react`), made with `@lit/react`. React 19
 * already sets properties and listens to `on<event-name>` props on custom elements; these add
 * what it cannot: typed props (`transport`, `uploadHandler`… as the elements declare them) and
 * camel-cased, typed event props (`onChatSend(event: CustomEvent<SendDetail>)`), with no JSX
 * declarations to write. Importing this module registers the tags (it imports `define.ts`).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  ChatThread as ChatThreadElement,
  ChatWidget as ChatWidgetElement,
  FileBubble as FileBubbleElement,
  FileComposer as FileComposerElement,
  TextBubble as TextBubbleElement,
} from './define.ts';
import * as chatThread from './elements/chat-thread/chat-thread.names.ts';
import * as chatWidget from './elements/chat-widget/chat-widget.names.ts';
import type { ChatEventMap } from './elements/events.ts';
import * as fileBubble from './elements/file-bubble/file-bubble.names.ts';
import * as fileComposer from './elements/file-composer/file-composer.names.ts';
import * as textBubble from './elements/text-bubble/text-bubble.names.ts';

/** The name of a Chatdrop event, typed with its event for the handler prop. */
const event = <K extends keyof ChatEventMap>(type: K) => type as EventName<ChatEventMap[K]>;

/** What a file bubble raises; a thread (and a widget) sees them bubble up from its bubbles. */
const bubbleEvents = {
  onChatRetry: event('chat-retry'),
  onChatCancelUpload: event('chat-cancel-upload'),
  onChatDownload: event('chat-download'),
  onChatCancelDownload: event('chat-cancel-download'),
};

/** What the composer raises. */
const composerEvents = {
  onChatSend: event('chat-send'),
  onChatFilesStaged: event('chat-files-staged'),
  onChatFilesRefused: event('chat-files-refused'),
};

/** `<chat-widget>`: every Chatdrop event is available, as they all bubble through it. */
export const ChatWidget = createComponent({
  react: React,
  tagName: chatWidget.tagName,
  elementClass: ChatWidgetElement,
  displayName: 'ChatWidget',
  events: {
    ...bubbleEvents,
    ...composerEvents,
    onChatInvalidMessage: event('chat-invalid-message'),
    onChatDownloadDone: event('chat-download-done'),
  },
});

/** `<chat-thread>`. */
export const ChatThread = createComponent({
  react: React,
  tagName: chatThread.tagName,
  elementClass: ChatThreadElement,
  displayName: 'ChatThread',
  events: bubbleEvents,
});

/** `<file-bubble>`. */
export const FileBubble = createComponent({
  react: React,
  tagName: fileBubble.tagName,
  elementClass: FileBubbleElement,
  displayName: 'FileBubble',
  events: bubbleEvents,
});

/** `<file-composer>`. */
export const FileComposer = createComponent({
  react: React,
  tagName: fileComposer.tagName,
  elementClass: FileComposerElement,
  displayName: 'FileComposer',
  events: composerEvents,
});

/** `<text-bubble>`. */
export const TextBubble = createComponent({
  react: React,
  tagName: textBubble.tagName,
  elementClass: TextBubbleElement,
  displayName: 'TextBubble',
  events: { onChatRetry: event('chat-retry') },
});
