/**
 * The drop-in module (`dist/chatdrop.js`): registers every Chatdrop element and exports nothing,
 * so what a page does not use stays in chunks loaded on first need: `<file-bubble>` when the
 * first file shows, `<chat-lightbox>` when the first image opens, Uppy with the first upload.
 * Bundlers and TypeScript users import the package (`define.ts`) instead.
 */
import { ChatWidget } from './elements/chat-widget/chat-widget.ts';
import * as chatWidget from './elements/chat-widget/chat-widget.names.ts';
import { ChatThread } from './elements/chat-thread/chat-thread.ts';
import * as chatThread from './elements/chat-thread/chat-thread.names.ts';
import * as fileBubble from './elements/file-bubble/file-bubble.names.ts';
import { FileComposer } from './elements/file-composer/file-composer.ts';
import * as fileComposer from './elements/file-composer/file-composer.names.ts';
import * as chatLightbox from './elements/lightbox/chat-lightbox.names.ts';
import { TextBubble } from './elements/text-bubble/text-bubble.ts';
import * as textBubble from './elements/text-bubble/text-bubble.names.ts';
import { deferElement, watchDocumentForDeferredElements } from './elements/lazy-elements.ts';

deferElement(fileBubble.tagName, async () => (await import('./elements/file-bubble/file-bubble.ts')).FileBubble);
deferElement(chatLightbox.tagName, async () => (await import('./elements/lightbox/chat-lightbox.ts')).ChatLightbox);
for (const [tag, element] of [
  [textBubble.tagName, TextBubble],
  [chatThread.tagName, ChatThread],
  [fileComposer.tagName, FileComposer],
  [chatWidget.tagName, ChatWidget],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
watchDocumentForDeferredElements();
