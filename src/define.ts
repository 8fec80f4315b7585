/**
 * The drop-in entry: registers every Chatdrop element (the only module with that side effect)
 * and re-exports the public API.
 */
import { ChatWidget } from './elements/chat-widget/chat-widget.ts';
import * as chatWidget from './elements/chat-widget/chat-widget.names.ts';
import { defineElements } from './elements/define-elements.ts';

export * from './index.ts';
// Also brings the tags' `HTMLElementTagNameMap` entries to TypeScript users of the published types.
export { defineElements } from './elements/define-elements.ts';

defineElements();
if (!customElements.get(chatWidget.tagName)) customElements.define(chatWidget.tagName, ChatWidget);

declare global {
  interface HTMLElementTagNameMap {
    [chatWidget.tagName]: ChatWidget;
  }
}
