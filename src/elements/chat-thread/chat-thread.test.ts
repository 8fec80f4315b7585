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
import { NOON, all, firstVisible, log, offsetOf, settled, text } from './thread-test-helpers.ts';

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

const file: ChatMessage = {
  id: 'f1',
  room: 'r',
  sender: { id: 'me' },
  createdAt: NOON,
  attachments: [
    { url: 'https://files.example/a.pdf', name: 'a.pdf', size: 10, mime: 'application/pdf' },
    { url: 'https://files.example/b.zip', name: 'b.zip', size: 20, mime: 'application/zip' },
  ],
};

/** A thread standalone, once its rows have rendered and settled. */
async function standalone(template: ReturnType<typeof html>): Promise<ChatThread> {
  const thread = await fixture<ChatThread>(template);
  await settled(thread);
  return thread;
}

describe('<chat-thread>', () => {
  it('says there are no messages yet in an empty log, and keeps a polite live region beside it', async () => {
    const thread = await standalone(html`<chat-thread .messages=${[]}></chat-thread>`);
    expect(log(thread).getAttribute('role')).to.equal('log');
    // Rows come and go as the reader scrolls: the log itself must not announce them.
    expect(log(thread).getAttribute('aria-live')).to.equal('off');
    expect(thread.shadowRoot!.querySelector('[aria-live="polite"]')).to.not.equal(null);
    expect(thread.shadowRoot!.textContent).to.include('No messages yet');
  });

  it('renders text as text bubbles and each file as a file bubble, marking ours by user id', async () => {
    const messages = [text('alice', 'hi'), text('me', 'hello'), file];
    const thread = await standalone(html`<chat-thread user-id="me" .messages=${messages}></chat-thread>`);
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
    const thread = await standalone(html`<chat-thread user-id="me" .messages=${[file]} .uploads=${uploads} .downloads=${downloads}></chat-thread>`);
    const [first, second] = all<FileBubble>(thread, 'file-bubble');
    expect(first!.upload).to.equal(uploads.f1);
    expect(first!.download).to.equal(undefined);
    expect(second!.download).to.equal(downloads['f1/1']);
    expect(first!.delivery).to.equal('sending');
  });

  it('keeps the bubbles of earlier messages when a message arrives', async () => {
    const first = text('alice', 'one');
    const thread = await standalone(html`<chat-thread .messages=${[first]}></chat-thread>`);
    const bubble = all(thread, 'text-bubble')[0];
    thread.messages = [first, text('alice', 'two')];
    await settled(thread);
    expect(all(thread, 'text-bubble')).to.have.length(2);
    expect(all(thread, 'text-bubble')[0]).to.equal(bubble);
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
      await store.sendFiles([{ file: new File(['x'], 'notes.txt', { type: 'text/plain' }) }]);
      await waitUntil(() => all<FileBubble>(thread, 'file-bubble')[0]?.upload?.status === 'failed');
      await all<FileBubble>(thread, 'file-bubble')[0]!.updateComplete;
      const bubble = all<FileBubble>(thread, 'file-bubble')[0]!;
      expect(bubble.upload!.error!.code).to.equal('not-configured');
      expect(bubble.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('Sending files is not set up here.');
      expect(bubble.shadowRoot!.querySelector('[part="retry"]')).to.not.equal(null);
    });

    it('loads older history from the store at the top, keeping the message being read in place', async () => {
      const alice = new MemoryTransport(hub);
      await alice.connect({ room: 'r', user: { id: 'alice' } });
      for (let i = 0; i < 200; i++) await alice.send(text('alice', `message ${i}`, i));
      /** Holds history back until the test has looked at the screen. */
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const transport = new MemoryTransport(hub, { historyOnConnect: 60 });
      const history = transport.history.bind(transport);
      transport.history = async (query) => (await held, history(query));
      const late = createChatStore({ transport, room: 'r', user: { id: 'me' } });
      await late.start();
      try {
        const thread = await threadIn(late);
        thread.style.setProperty('--chat-thread-height', '300px');
        await waitUntil(() => all(thread, 'text-bubble').length > 0);
        await settled(thread);
        log(thread).scrollTop = 0;
        await settled(thread);
        const before = firstVisible(thread);
        expect(before.index).to.equal(0);

        release();
        await waitUntil(() => late.$entries.get().length === 110, 'the store loads 50 older messages');
        await settled(thread);
        expect(firstVisible(thread).index).to.equal(50);
        expect(offsetOf(thread, 50)).to.be.closeTo(before.offset, 1);
      } finally {
        late.stop();
      }
    });

    it('prefers its messages property over the store', async () => {
      const thread = await threadIn(store);
      store.sendText('from the store');
      thread.messages = [text('alice', 'from the property')];
      await settled(thread);
      expect(all<TextBubble>(thread, 'text-bubble').map((bubble) => bubble.message?.text)).to.deep.equal(['from the property']);
    });
  });

  it('passes an accessibility audit', async () => {
    const thread = await standalone(html`<chat-thread user-id="me" .messages=${[text('alice', 'hi'), file]}></chat-thread>`);
    await expect(thread).to.be.accessible();
  });
});
