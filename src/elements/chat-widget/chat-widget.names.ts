/**
 * What a page calls `<chat-widget>` and its pieces: its tag, the parts it renders (each described
 * in the class comment of `chat-widget.ts`) and those it forwards from its thread and composer.
 * The registrations and the manifest read them from here.
 */
import { allParts, forwardParts } from '../forward-parts.ts';
import * as chatThread from '../chat-thread/chat-thread.names.ts';
import * as fileComposer from '../file-composer/file-composer.names.ts';

/** The tag the element is defined under. */
export const tagName = 'chat-widget';

/** The parts the widget renders itself (the launcher's among them). */
export const ownParts: readonly string[] = ['chat', 'header', 'heading', 'status', 'close', 'launcher', 'badge', 'drop-zone', 'announcer'];

/**
 * Every part of the thread: its own prefixed (`chat-widget::part(thread-log)`), those of its
 * bubbles and lightbox under the names the thread gives them (`chat-widget::part(file-retry)`).
 */
export const threadParts = forwardParts(chatThread.tagName, chatThread.parts, (part) => (chatThread.ownParts.includes(part) ? `thread-${part}` : part));

/** Every part of the composer, forwarded prefixed: `chat-widget::part(composer-send)`. */
export const composerParts = forwardParts(fileComposer.tagName, fileComposer.parts, (part) => `composer-${part}`);

/** What the widget forwards from the elements inside it. */
export const forwarded = [threadParts, composerParts];

/** Every part a page can style on a widget (the manifest and tests read it; the drop-in leaves it out). */
export const parts = /* @__PURE__ */ allParts(ownParts, forwarded);
