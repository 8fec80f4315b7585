import { ChatThread } from './chat-thread/chat-thread.ts';
import { FileBubble } from './file-bubble/file-bubble.ts';
import { FileComposer } from './file-composer/file-composer.ts';
import { ChatLightbox } from './lightbox/chat-lightbox.ts';
import { TextBubble } from './text-bubble/text-bubble.ts';

/** The tags of the elements a thread and a composer are made of, and their classes. */
const ELEMENTS = {
  'text-bubble': TextBubble,
  'file-bubble': FileBubble,
  'chat-thread': ChatThread,
  'file-composer': FileComposer,
  'chat-lightbox': ChatLightbox,
} as const;

/** Registers `<text-bubble>`, `<file-bubble>`, `<chat-thread>`, `<file-composer>` and `<chat-lightbox>`; safe to call more than once. */
export function defineElements(): void {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'text-bubble': TextBubble;
    'file-bubble': FileBubble;
    'chat-thread': ChatThread;
    'file-composer': FileComposer;
    'chat-lightbox': ChatLightbox;
  }
}
