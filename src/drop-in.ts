/**
 * The drop-in module (`dist/chatdrop.js`): registers every Chatdrop element and exports nothing,
 * so what a page does not use (uploads, the lightbox, other transports) stays in lazily loaded
 * chunks. Bundlers and TypeScript users import the package (`define.ts`) instead.
 */
import { ChatWidget } from './elements/chat-widget/chat-widget.ts';
import { defineElements } from './elements/define-elements.ts';

defineElements();
if (!customElements.get('chat-widget')) customElements.define('chat-widget', ChatWidget);
