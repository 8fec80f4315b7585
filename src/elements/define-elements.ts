import { ChatThread } from './chat-thread/chat-thread.ts';
import * as chatThread from './chat-thread/chat-thread.names.ts';
import { FileAlbum } from './file-album/file-album.ts';
import * as fileAlbum from './file-album/file-album.names.ts';
import { FileBubble } from './file-bubble/file-bubble.ts';
import * as fileBubble from './file-bubble/file-bubble.names.ts';
import { FileComposer } from './file-composer/file-composer.ts';
import * as fileComposer from './file-composer/file-composer.names.ts';
import { ChatLightbox } from './lightbox/chat-lightbox.ts';
import * as chatLightbox from './lightbox/chat-lightbox.names.ts';
import { TextBubble } from './text-bubble/text-bubble.ts';
import * as textBubble from './text-bubble/text-bubble.names.ts';

/** The tags of the elements a thread and a composer are made of, and their classes. */
const ELEMENTS = [
  [textBubble.tagName, TextBubble],
  [fileBubble.tagName, FileBubble],
  [fileAlbum.tagName, FileAlbum],
  [chatThread.tagName, ChatThread],
  [fileComposer.tagName, FileComposer],
  [chatLightbox.tagName, ChatLightbox],
] as const;

/** Registers `<text-bubble>`, `<file-bubble>`, `<file-album>`, `<chat-thread>`, `<file-composer>` and `<chat-lightbox>`; safe to call more than once. */
export function defineElements(): void {
  for (const [tag, element] of ELEMENTS) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    [textBubble.tagName]: TextBubble;
    [fileBubble.tagName]: FileBubble;
    [fileAlbum.tagName]: FileAlbum;
    [chatThread.tagName]: ChatThread;
    [fileComposer.tagName]: FileComposer;
    [chatLightbox.tagName]: ChatLightbox;
  }
}
