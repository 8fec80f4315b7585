// The drop-in module on its own (no define.ts in this page): it defines the elements a chat needs
// at once and the file bubble and lightbox when first used, in the page or in a thread; online, it
// fetches the file code as soon as the page is idle. Loaded as in a page opened offline, so that
// what each first use loads shows until the page comes online.
import { expect, waitUntil } from '@open-wc/testing';
import { importDropInOffline } from '../test/helpers/drop-in.ts';
import { MemoryHub, MemoryTransport } from './transport/memory.ts';
import type { ChatWidget } from './elements/chat-widget/chat-widget.ts';

describe('the drop-in module', () => {
  before(importDropInOffline);

  it('defines the widget, thread, composer and text bubble at once; the file bubble and lightbox wait for their first use', () => {
    for (const tag of ['chat-widget', 'chat-thread', 'file-composer', 'text-bubble']) expect(customElements.get(tag), tag).to.not.equal(undefined);
    expect(customElements.get('file-bubble')).to.equal(undefined);
    expect(customElements.get('chat-lightbox')).to.equal(undefined);
  });

  it('defines the file bubble when a thread first shows a file, and the bubble keeps what was set before', async () => {
    const hub = new MemoryHub();
    const widget = document.createElement('chat-widget') as ChatWidget;
    widget.room = 'r';
    widget.user = 'alice';
    widget.transport = new MemoryTransport(hub);
    document.body.append(widget);
    try {
      await waitUntil(() => widget.store?.$status.get() === 'online', 'online');
      const bob = new MemoryTransport(hub);
      await bob.connect({ room: 'r', user: { id: 'bob' } });
      await bob.send({ id: 'f1', room: 'r', sender: { id: 'bob' }, createdAt: Date.now(), attachments: [{ url: 'https://example.com/a.pdf', name: 'a.pdf', size: 3, mime: 'application/pdf' }] });
      await waitUntil(() => customElements.get('file-bubble') !== undefined, 'file-bubble defined');
      const thread = widget.shadowRoot!.querySelector('chat-thread')!;
      await waitUntil(() => thread.shadowRoot!.querySelector('file-bubble')?.shadowRoot?.querySelector('[part="name"]'), 'the bubble upgraded and rendered');
      const name = thread.shadowRoot!.querySelector('file-bubble')!.shadowRoot!.querySelector('[part="name"]')!;
      expect(name.getAttribute('title')).to.equal('a.pdf');
      bob.close();
    } finally {
      widget.remove();
    }
  });

  it('defines the lightbox when the page itself adds one', async () => {
    document.body.append(document.createElement('chat-lightbox'));
    await waitUntil(() => customElements.get('chat-lightbox') !== undefined, 'chat-lightbox defined');
    expect(document.querySelector('chat-lightbox')!.shadowRoot).to.not.equal(null);
    document.querySelector('chat-lightbox')!.remove();
  });

  it('fetches the file code by itself once the page is online and idle, before any album shows', async () => {
    expect(customElements.get('file-album'), 'held while offline').to.equal(undefined);
    dispatchEvent(new Event('online'));
    await waitUntil(() => customElements.get('file-album') !== undefined, 'the album code fetched and defined', { timeout: 2000 });
  });
});
