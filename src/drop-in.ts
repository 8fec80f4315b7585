/**
 * The drop-in module (`dist/chatdrop.js`): registers every Chatdrop element and exports nothing,
 * so what a page does not use stays in chunks loaded on first need: `<file-bubble>` when the
 * first file shows, `<chat-lightbox>` when the first image opens, Uppy with the first upload.
 * Bundlers and TypeScript users import the package (`define.ts`) instead.
 */
import { ChatWidget } from './elements/chat-widget/chat-widget.ts';
import { ChatThread } from './elements/chat-thread/chat-thread.ts';
import { FileComposer } from './elements/file-composer/file-composer.ts';
import { TextBubble } from './elements/text-bubble/text-bubble.ts';
import { deferElement, watchDocumentForDeferredElements } from './elements/lazy-elements.ts';

deferElement('file-bubble', async () => (await import('./elements/file-bubble/file-bubble.ts')).FileBubble);
deferElement('chat-lightbox', async () => (await import('./elements/lightbox/chat-lightbox.ts')).ChatLightbox);
for (const [tag, element] of [
  ['text-bubble', TextBubble],
  ['chat-thread', ChatThread],
  ['file-composer', FileComposer],
  ['chat-widget', ChatWidget],
] as const) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
watchDocumentForDeferredElements();
