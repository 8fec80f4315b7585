import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.ts';
import type { ChatWidget } from './chat-widget.ts';
import { MemoryHub, MemoryTransport } from '../../transport/memory.ts';
import { BroadcastTransport } from '../../transport/broadcast.ts';
import type { UploadHandler } from '../../upload/handler.ts';
import { makePngFile } from '../../../test/helpers/files.ts';
import { serverUrl } from '@chatdrop/test-server';

/** A memory transport that can also put any raw value on the wire. */
class WireTransport extends MemoryTransport {
  inject(raw: unknown) {
    this.emitMessage(raw);
  }
}

const shadow = (element: Element) => element.shadowRoot!;
const threadOf = (widget: ChatWidget) => shadow(widget).querySelector('chat-thread')!;
const composerOf = (widget: ChatWidget) => shadow(widget).querySelector('file-composer')!;
const texts = (widget: ChatWidget) => [...shadow(threadOf(widget)).querySelectorAll('text-bubble')].map((bubble) => shadow(bubble).querySelector('[part="text"]')?.textContent);
const statusOf = (widget: ChatWidget) => shadow(widget).querySelector('[part="status"]')!;

async function widgetPair(upload?: UploadHandler) {
  const hub = new MemoryHub();
  const aliceTransport = new WireTransport(hub);
  const bobTransport = new WireTransport(hub);
  const page = await fixture<HTMLDivElement>(html`<div>
    <chat-widget room="r" user="alice" .transport=${aliceTransport} .uploadHandler=${upload}></chat-widget>
    <chat-widget room="r" user="bob" .transport=${bobTransport}></chat-widget>
  </div>`);
  const [alice, bob] = [...page.querySelectorAll('chat-widget')] as ChatWidget[];
  await waitUntil(() => statusOf(alice!).textContent === 'Online' && statusOf(bob!).textContent === 'Online', 'both online');
  return { alice: alice!, bob: bob!, aliceTransport, bobTransport };
}

function typeAndPressEnter(widget: ChatWidget, text: string) {
  const textarea = shadow(composerOf(widget)).querySelector('textarea')!;
  textarea.value = text;
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
}

describe('<chat-widget>', () => {
  it('carries what Alice types to Bob, each widget with its own store', async () => {
    const { alice, bob } = await widgetPair();
    typeAndPressEnter(alice, 'hello from alice');
    await waitUntil(() => texts(bob).includes('hello from alice'), 'bob sees the text');
    expect(texts(alice)).to.deep.equal(['hello from alice']);
    expect(alice.store).to.not.equal(bob.store);
    expect(alice.store!.user.id).to.equal('alice');
  });

  it('shows the connection state to everyone, screen readers included', async () => {
    const { alice, aliceTransport } = await widgetPair();
    expect(statusOf(alice).getAttribute('role')).to.equal('status');
    aliceTransport.setReachable(false);
    await waitUntil(() => statusOf(alice).textContent === 'Offline', 'offline shown');
    aliceTransport.setReachable(true);
    await waitUntil(() => statusOf(alice).textContent === 'Online', 'online again');
  });

  it('sends a staged image through the host upload handler and Bob gets its thumbnail', async () => {
    const upload: UploadHandler = async (file, { onProgress }) => {
      onProgress(file.size, file.size);
      return { url: `https://files.example/${file.name}` };
    };
    const { alice, bob } = await widgetPair(upload);
    (composerOf(alice) as unknown as { addFiles(files: File[]): void }).addFiles([await makePngFile('sunset.png', 300, 200)]);
    await composerOf(alice).updateComplete;
    (shadow(composerOf(alice)).querySelector('[part="send"]') as HTMLButtonElement).click();
    await waitUntil(() => shadow(threadOf(bob)).querySelector('file-bubble'), 'bob gets a file bubble', { timeout: 5000 });
    const bubble = shadow(threadOf(bob)).querySelector('file-bubble')!;
    await waitUntil(() => shadow(bubble).querySelector('img[part="thumbnail"]'), 'thumbnail shown');
    expect((shadow(bubble).querySelector('img[part="thumbnail"]') as HTMLImageElement).src).to.match(/^data:image\//);
  });

  it('raises chat-invalid-message for a malformed message and keeps the thread', async () => {
    const { bob, bobTransport } = await widgetPair();
    const warned = oneEvent(bob, 'chat-invalid-message');
    bobTransport.inject({ id: 'x', room: 'r', sender: { id: 'eve' }, createdAt: 1, text: 42 });
    expect((await warned).detail.reason).to.match(/text/);
    bobTransport.inject({ id: 'y', room: 'r', sender: { id: 'eve' }, createdAt: 1, seq: 9, text: 'still here' });
    await waitUntil(() => texts(bob).includes('still here'), 'valid message shown');
  });

  it('downloads through the host download handler and reports the bytes', async () => {
    const { bob, bobTransport } = await widgetPair();
    const bytes = new Blob(['%PDF-1.4 test']);
    bob.downloadHandler = async (_attachment, { onProgress }) => {
      onProgress(bytes.size, bytes.size);
      return bytes;
    };
    await bob.updateComplete;
    await waitUntil(() => statusOf(bob).textContent === 'Online', 'online after the handler change');
    bobTransport.inject({ id: 'f', room: 'r', sender: { id: 'alice' }, createdAt: 1, seq: 1, attachments: [{ url: 'https://files.example/a.pdf', name: 'a.pdf', size: bytes.size, mime: 'application/pdf' }] });
    await waitUntil(() => shadow(threadOf(bob)).querySelector('file-bubble'), 'file bubble');
    const bubble = shadow(threadOf(bob)).querySelector('file-bubble')!;
    await waitUntil(() => shadow(bubble).querySelector('[part="download"]'), 'download button');
    const done = oneEvent(bob, 'chat-download-done');
    (shadow(bubble).querySelector('[part="download"]') as HTMLButtonElement).click();
    expect((await done).detail.blob).to.equal(bytes);
  });

  it('lets video from an origin in stream-origins play streamed from its URL, and no other', async () => {
    const hub = new MemoryHub();
    const streamed = new URL(serverUrl).origin;
    const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="alice" stream-origins=${streamed} .transport=${new MemoryTransport(hub)}></chat-widget>`);
    await waitUntil(() => statusOf(widget).textContent === 'Online', 'online');
    const bob = new MemoryTransport(hub);
    await bob.connect({ room: 'r', user: { id: 'bob' } });
    const clip = (id: string, url: string) => ({ id, room: 'r', sender: { id: 'bob' }, createdAt: Date.now(), attachments: [{ url, name: `${id}.mp4`, size: 1000, mime: 'video/mp4' }] });
    await bob.send(clip('listed', `${streamed}/files/listed.mp4`));
    // Never fetched: a video from an origin not listed gets no player until downloaded.
    await bob.send(clip('other', 'http://127.0.0.1:9/other.mp4'));
    const bubbles = () => [...shadow(threadOf(widget)).querySelectorAll('file-bubble')];
    await waitUntil(() => bubbles().length === 2 && bubbles().every((bubble) => bubble.shadowRoot?.querySelector('[part="bubble"]')), 'both bubbles');
    const players = bubbles().map((bubble) => bubble.shadowRoot!.querySelector('[part="player"]')?.getAttribute('src') ?? null);
    expect(players).to.deep.equal([`${streamed}/files/listed.mp4`, null]);
    bob.close();
  });

  it('makes a BroadcastChannel transport from the transport attribute, and a new store when the room changes', async () => {
    const widget = await fixture<ChatWidget>(html`<chat-widget room="one" user="u" transport="broadcast:test-attr"></chat-widget>`);
    await waitUntil(() => widget.store?.transport.status === 'online', 'online');
    // The attribute's transport loads on connect; a peer on the same channel and room reaches it.
    const peer = new BroadcastTransport('test-attr');
    await peer.connect({ room: 'one', user: { id: 'peer' } });
    await peer.send({ id: 'over-the-channel', room: 'one', sender: { id: 'peer' }, createdAt: Date.now(), text: 'over the channel' });
    await waitUntil(() => texts(widget).includes('over the channel'), 'the peer message shown');
    peer.close();
    const first = widget.store;
    widget.room = 'two';
    await widget.updateComplete;
    expect(widget.store).to.not.equal(first);
    expect(widget.store!.room).to.equal('two');
    expect(first!.transport.status).to.equal('offline');
  });

  it('sends the upload token as a bearer header with the default uploader', async () => {
    const hub = new MemoryHub();
    const headers: Array<[string, string]> = [];
    const realSetHeader = XMLHttpRequest.prototype.setRequestHeader;
    XMLHttpRequest.prototype.setRequestHeader = function (name: string, value: string) {
      headers.push([name, value]);
      realSetHeader.call(this, name, value);
    };
    try {
      const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="alice" upload-token="s3cret" upload-endpoint=${`${serverUrl}/upload`} .transport=${new MemoryTransport(hub)}></chat-widget>`);
      await waitUntil(() => statusOf(widget).textContent === 'Online', 'online');
      widget.store!.sendFiles([{ file: await makePngFile('token.png', 40, 40) }]);
      await waitUntil(() => widget.store!.$entries.get()[0]?.delivery === 'sent', 'uploaded and sent', { timeout: 5000 });
      expect(headers).to.deep.include(['Authorization', 'Bearer s3cret']);
    } finally {
      XMLHttpRequest.prototype.setRequestHeader = realSetHeader;
    }
  });

  it('downloads small images as soon as they arrive when auto-download is on, and nothing else', async () => {
    const hub = new MemoryHub();
    const transport = new WireTransport(hub);
    const fetched: string[] = [];
    const widget = await fixture<ChatWidget>(html`<chat-widget room="r" user="bob" auto-download-images-up-to="100000" .transport=${transport}
      .downloadHandler=${async (attachment: { name: string }) => {
        fetched.push(attachment.name);
        return new Blob([await (await makePngFile('x.png', 8, 8)).arrayBuffer()], { type: 'image/png' });
      }}></chat-widget>`);
    await waitUntil(() => statusOf(widget).textContent === 'Online', 'online');
    const file = (name: string, mime: string, size: number, seq: number) => ({ id: name, room: 'r', sender: { id: 'alice' }, createdAt: 1, seq, attachments: [{ url: `https://files.example/${name}`, name, size, mime }] });
    transport.inject(file('small.png', 'image/png', 5000, 1));
    transport.inject(file('huge.png', 'image/png', 5_000_000, 2));
    transport.inject(file('notes.pdf', 'application/pdf', 5000, 3));
    await waitUntil(() => fetched.includes('small.png'), 'the small image fetched by itself');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fetched).to.deep.equal(['small.png']);
  });
});
