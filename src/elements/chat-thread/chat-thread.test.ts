import { LitElement, html as litHtml } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ChatMessage } from '../../model/message.ts';
import { createChatStore, type ChatStore } from '../../state/chat-store.ts';
import { chatStoreContext } from '../../state/context.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import { defineElements } from '../define-elements.ts';
import type { FileBubble } from '../file-bubble/file-bubble.ts';
import type { TextBubble } from '../text-bubble/text-bubble.ts';
import type { ChatThread } from './chat-thread.ts';

defineElements();

/** What a `<chat-widget>` does for the thread: provide a store by context. */
class StoreProvider extends LitElement {
  @provide({ context: chatStoreContext })
  @property({ attribute: false })
  store?: ChatStore;

  override render() {
    return litHtml`<slot></slot>`;
  }
}
if (!customElements.get('test-store-provider')) customElements.define('test-store-provider', StoreProvider);

let seq = 0;
const text = (sender: string, body: string): ChatMessage => ({ id: `t${++seq}`, room: 'r', sender: { id: sender }, createdAt: 1_700_000_000_000, text: body });
const file: ChatMessage = {
  id: 'f1',
  room: 'r',
  sender: { id: 'me' },
  createdAt: 1_700_000_000_000,
  attachments: [
    { url: 'https://files.example/a.pdf', name: 'a.pdf', size: 10, mime: 'application/pdf' },
    { url: 'https://files.example/b.zip', name: 'b.zip', size: 20, mime: 'application/zip' },
  ],
};

const log = (thread: ChatThread) => thread.shadowRoot!.querySelector<HTMLElement>('[part="log"]')!;
const all = <T extends Element>(thread: ChatThread, selector: string) => [...thread.shadowRoot!.querySelectorAll<T>(selector)];
const isAtBottom = (element: HTMLElement) => element.scrollHeight - element.scrollTop - element.clientHeight < 2;
const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise(requestAnimationFrame);
};

describe('<chat-thread>', () => {
  it('says there are no messages yet in an empty, live log', async () => {
    const thread = await fixture<ChatThread>(html`<chat-thread .messages=${[]}></chat-thread>`);
    expect(log(thread).getAttribute('role')).to.equal('log');
    expect(log(thread).getAttribute('aria-live')).to.equal('polite');
    expect(thread.shadowRoot!.textContent).to.include('No messages yet');
  });

  it('renders text as text bubbles and each file as a file bubble, marking ours by user id', async () => {
    const messages = [text('alice', 'hi'), text('me', 'hello'), file];
    const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" .messages=${messages}></chat-thread>`);
    const texts = all<TextBubble>(thread, 'text-bubble');
    expect(texts.map((bubble) => [bubble.message?.text, bubble.isMine])).to.deep.equal([['hi', false], ['hello', true]]);
    const files = all<FileBubble>(thread, 'file-bubble');
    expect(files.map((bubble) => [bubble.attachment?.name, bubble.messageId, bubble.index, bubble.isMine])).to.deep.equal([
      ['a.pdf', 'f1', 0, true],
      ['b.zip', 'f1', 1, true],
    ]);
    expect(thread.shadowRoot!.textContent).to.not.include('No messages yet');
  });

  it("hands each file bubble its message's upload and its own download", async () => {
    const uploads = { f1: { status: 'uploading' as const, sent: 5, total: 10 } };
    const downloads = { 'f1/1': { status: 'downloading' as const, received: 1, total: 20 } };
    const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" .messages=${[file]} .uploads=${uploads} .downloads=${downloads}></chat-thread>`);
    const [first, second] = all<FileBubble>(thread, 'file-bubble');
    expect(first!.upload).to.equal(uploads.f1);
    expect(first!.download).to.equal(undefined);
    expect(second!.download).to.equal(downloads['f1/1']);
    expect(first!.delivery).to.equal('sending');
  });

  it('keeps the bubbles of earlier messages when a message arrives', async () => {
    const first = text('alice', 'one');
    const thread = await fixture<ChatThread>(html`<chat-thread .messages=${[first]}></chat-thread>`);
    const bubble = all(thread, 'text-bubble')[0];
    thread.messages = [first, text('alice', 'two')];
    await thread.updateComplete;
    expect(all(thread, 'text-bubble')).to.have.length(2);
    expect(all(thread, 'text-bubble')[0]).to.equal(bubble);
  });

  it('stays at the newest message while the reader is there, and leaves a reader who scrolled up alone', async () => {
    const messages = Array.from({ length: 30 }, (_, i) => text('alice', `message ${i}`));
    const thread = await fixture<ChatThread>(html`<chat-thread style="--chat-thread-height: 200px" .messages=${messages}></chat-thread>`);
    await waitUntil(() => isAtBottom(log(thread)), 'starts at the newest message');
    thread.messages = [...messages, text('alice', 'new')];
    await waitUntil(() => isAtBottom(log(thread)), 'follows a new message');

    log(thread).scrollTop = 0;
    await frames(2);
    thread.messages = [...thread.messages, text('alice', 'newer')];
    await frames(3);
    expect(log(thread).scrollTop).to.equal(0);

    thread.messages = [...thread.messages, text('me', 'mine')];
    thread.userId = 'me';
    await waitUntil(() => isAtBottom(log(thread)), 'a message of ours brings the reader back');
  });

  describe('inside a widget', () => {
    let store: ChatStore;
    let hub: MemoryHub;

    beforeEach(async () => {
      hub = new MemoryHub();
      store = createChatStore({ transport: new MemoryTransport(hub), room: 'r', user: { id: 'me' } });
      await store.start();
    });

    afterEach(() => store.stop());

    const threadIn = async (provided: ChatStore) => {
      const provider = await fixture<StoreProvider>(html`<test-store-provider .store=${provided}><chat-thread></chat-thread></test-store-provider>`);
      return provider.querySelector('chat-thread')!;
    };

    it("renders the store's messages as they are sent and delivered", async () => {
      const thread = await threadIn(store);
      expect(thread.shadowRoot!.textContent).to.include('No messages yet');
      store.sendText('hello from me');
      await waitUntil(() => all<TextBubble>(thread, 'text-bubble')[0]?.delivery === 'sent', 'our message is delivered');
      const [bubble] = all<TextBubble>(thread, 'text-bubble');
      expect(bubble!.message?.text).to.equal('hello from me');
      expect(bubble!.isMine).to.equal(true);
    });

    it('shows messages from others as they arrive', async () => {
      const thread = await threadIn(store);
      const other = new MemoryTransport(hub);
      await other.connect({ room: 'r', user: { id: 'alice' } });
      await other.send(text('alice', 'hi from alice'));
      await waitUntil(() => all(thread, 'text-bubble').length === 1);
      const [bubble] = all<TextBubble>(thread, 'text-bubble');
      expect([bubble!.message?.text, bubble!.isMine]).to.deep.equal(['hi from alice', false]);
    });

    it("shows a file's failed upload with the store's reason", async () => {
      const thread = await threadIn(store);
      store.sendFiles([{ file: new File(['x'], 'notes.txt', { type: 'text/plain' }) }]);
      await waitUntil(() => all<FileBubble>(thread, 'file-bubble')[0]?.upload?.status === 'failed');
      await all<FileBubble>(thread, 'file-bubble')[0]!.updateComplete;
      const bubble = all<FileBubble>(thread, 'file-bubble')[0]!;
      expect(bubble.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(bubble.upload!.error);
      expect(bubble.shadowRoot!.querySelector('[part="retry"]')).to.not.equal(null);
    });

    it('prefers its messages property over the store', async () => {
      const thread = await threadIn(store);
      store.sendText('from the store');
      thread.messages = [text('alice', 'from the property')];
      await thread.updateComplete;
      expect(all<TextBubble>(thread, 'text-bubble').map((bubble) => bubble.message?.text)).to.deep.equal(['from the property']);
    });
  });

  it('passes an accessibility audit', async () => {
    const thread = await fixture<ChatThread>(html`<chat-thread user-id="me" .messages=${[text('alice', 'hi'), file]}></chat-thread>`);
    await expect(thread).to.be.accessible();
  });
});
