// A thread whose file bubbles are not defined (their code has not loaded, or cannot): each file
// message shows the file's cleaned name instead of nothing. Only the thread and text bubbles are
// defined in this page: keep it to tests that need `<file-bubble>` undefined.
import { expect, fixture, html } from '@open-wc/testing';
import { ChatThread } from './chat-thread.ts';
import { FileBubble } from '../file-bubble/file-bubble.ts';
import { TextBubble } from '../text-bubble/text-bubble.ts';
import { all, fileMessage, text } from './thread-test-helpers.ts';

customElements.define('chat-thread', ChatThread);
customElements.define('text-bubble', TextBubble);

describe('<chat-thread> before its file bubbles are defined', () => {
  it('shows each file by its cleaned name, as text, and the bubble replaces it once defined', async () => {
    const hostile = { url: 'https://files.example/x', name: 'invoice\u202Efdp.exe<img src=x onerror=alert(1)>', size: 10, mime: 'application/octet-stream' };
    const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" .messages=${[text('alice', 'Here it is'), fileMessage('alice', [hostile])]}></chat-thread>`);
    await thread.updateComplete;
    const [bubble] = all<HTMLElement>(thread, 'file-bubble');
    expect(customElements.get('file-bubble')).to.equal(undefined);
    expect(bubble!.textContent).to.equal('invoicefdp.exe<img src=x onerror=alert(1)>');
    expect(bubble!.querySelector('img')).to.equal(null);
    expect(bubble!.getBoundingClientRect().height, 'the name shows').to.be.above(0);
    expect(getComputedStyle(bubble!).display).to.equal('block');

    customElements.define('file-bubble', FileBubble);
    await (bubble as FileBubble).updateComplete;
    expect(bubble!.shadowRoot!.querySelector('[part="name"]')!.getAttribute('title')).to.equal('invoicefdp.exe<img src=x onerror=alert(1)>');
    expect(bubble!.innerText, 'the name it held no longer shows').to.equal('');
  });
});
