/**
 * The drop-in module (`dist/chatdrop.js`): registers every Chatdrop element and exports nothing,
 * so what a page does not use stays in chunks loaded on first need: the file code (`<file-bubble>`,
 * `<file-album>`, `<chat-lightbox>`, the tray and the sender, one chunk) when the first file shows
 * or is attached, Uppy once a file is staged to be sent.
 * As soon as the page is idle after its Chatdrop elements first rendered, and online, it fetches
 * those file chunks in the background, so a file can be attached, staged, sent (it waits for the
 * connection) and shown after the connection is gone; Uppy is left for a file staged to be sent
 * (a page that only chats never loads it).
 * Bundlers and TypeScript users import the package (`define.ts`) instead.
 */
import { ChatWidget } from './elements/chat-widget/chat-widget.ts';
import * as chatWidget from './elements/chat-widget/chat-widget.names.ts';
import { ChatThread } from './elements/chat-thread/chat-thread.ts';
import * as chatThread from './elements/chat-thread/chat-thread.names.ts';
import * as fileAlbum from './elements/file-album/file-album.names.ts';
import * as fileBubble from './elements/file-bubble/file-bubble.names.ts';
import { FileComposer, loadTrayCode } from './elements/file-composer/file-composer.ts';
import * as fileComposer from './elements/file-composer/file-composer.names.ts';
import * as chatLightbox from './elements/lightbox/chat-lightbox.names.ts';
import { TextBubble } from './elements/text-bubble/text-bubble.ts';
import * as textBubble from './elements/text-bubble/text-bubble.names.ts';
import { deferElement, needElement, watchDocumentForDeferredElements } from './elements/lazy-elements.ts';
import { prefetchFileSendCode } from './state/file-send-code.ts';

/** Longest the file chunks wait for the page to be idle. */
const PREFETCH_IDLE_TIMEOUT_MS = 500;

/**
 * Fetches the file chunks (the same loaders that load them on first need) as soon as the page is
 * idle, and online. Called once the elements are defined: the first render of those on the page,
 * queued as they upgrade, comes first; a connection lost soon after finds the code there.
 */
function prefetchFileCode(): void {
  if (!navigator.onLine) return void addEventListener('online', prefetchFileCode, { once: true });
  const whenIdle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run));
  const prefetch = () => {
    needElement(fileBubble.tagName);
    needElement(fileAlbum.tagName);
    needElement(chatLightbox.tagName);
    Promise.all([loadTrayCode(), prefetchFileSendCode()]).catch(() => undefined); // the next need tries again
  };
  whenIdle(prefetch, { timeout: PREFETCH_IDLE_TIMEOUT_MS });
}

deferElement(fileBubble.tagName, async () => (await import('./elements/file-bubble/file-bubble.ts')).FileBubble);
deferElement(fileAlbum.tagName, async () => (await import('./elements/file-album/file-album.ts')).FileAlbum);
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
prefetchFileCode();
