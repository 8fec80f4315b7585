// The auto-download policy: images up to the host's limit are fetched from the real reference
// server as their message arrives, so the bubble shows the full image; everything else waits.
import { expect, fixture, html } from '@open-wc/testing';
import { serverUrl } from '@chatdrop/test-server';
import { createChatStore, type ChatStore } from './chat-store.ts';
import { memoryOutboxStorage } from './outbox-storage.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import { attachmentOnServer } from '../upload/downloader.test-helpers.ts';
import { makePngFile, makeRandomFile, sha256, until } from '../../test/helpers/files.ts';
import { defineElements } from '../elements/define-elements.ts';
import type { FileBubble } from '../elements/file-bubble/file-bubble.ts';
import type { Attachment } from '../model/message.ts';

defineElements();

/** A memory transport that can put any message on the wire. */
class WireTransport extends MemoryTransport {
  inject(raw: unknown) {
    this.emitMessage(raw);
  }
}

const stores: ChatStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.stop()));

async function storeWith(autoDownloadImagesUpTo?: number) {
  const transport = new WireTransport(new MemoryHub());
  const store = createChatStore({ transport, room: 'r', user: { id: 'bob' }, outboxStorage: memoryOutboxStorage(), ...(autoDownloadImagesUpTo !== undefined && { autoDownloadImagesUpTo }) });
  stores.push(store);
  await store.start();
  let seq = 0;
  const receive = (id: string, attachment: Attachment) => transport.inject({ id, room: 'r', sender: { id: 'alice' }, createdAt: 1, seq: ++seq, attachments: [attachment] });
  return { store, receive };
}

describe('auto-download of images', () => {
  it('fetches images under the limit as they arrive, and the bubble shows the full image with Save', async () => {
    const { store, receive } = await storeWith(200_000);
    const photo = await attachmentOnServer(serverUrl, await makePngFile('photo.png', 64, 48));
    receive('img', photo);
    await until(() => store.$downloads.get()['img/0']?.status === 'done', 5000, 'the image to download by itself');
    const state = store.$downloads.get()['img/0']!;
    expect(state.isAutomatic).to.equal(true);
    expect(await sha256(state.blob!)).to.equal(photo.sha256);

    const bubble = await fixture<FileBubble>(html`<file-bubble message-id="img" .attachment=${photo} .download=${state}></file-bubble>`);
    const img = bubble.shadowRoot!.querySelector<HTMLImageElement>('[part="thumbnail"]')!;
    expect(img.src).to.match(/^blob:/);
    await until(() => img.complete && img.naturalWidth === 64, 2000, 'the full image to decode');
    expect(bubble.shadowRoot!.querySelector('[part="download"]')!.textContent).to.equal('Save');
    expect(bubble.shadowRoot!.textContent).to.not.include('Downloaded');

    expect(await store.download('img')).to.equal(state.blob, 'Save uses the bytes already fetched');
    expect(store.$downloads.get()['img/0']!.isAutomatic).to.equal(false);
  });

  it('leaves documents, SVGs and images over the limit for a click', async () => {
    const small = await makePngFile('small.png', 64, 64);
    const { store, receive } = await storeWith(small.size);
    receive('pdf', await attachmentOnServer(serverUrl, makeRandomFile('report.pdf', 10_000, 'application/pdf')));
    receive('svg', await attachmentOnServer(serverUrl, new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'a.svg', { type: 'image/svg+xml' })));
    receive('big', await attachmentOnServer(serverUrl, makeRandomFile('big.png', small.size + 1, 'image/png')));
    receive('small', await attachmentOnServer(serverUrl, small));
    await until(() => store.$downloads.get()['small/0']?.status === 'done', 5000, 'the image at the limit');
    expect(Object.keys(store.$downloads.get())).to.deep.equal(['small/0']);
  });

  it('never shows bytes that are no image under an image type, and leaves them for a click', async () => {
    const { store, receive } = await storeWith(100_000);
    receive('noise', await attachmentOnServer(serverUrl, makeRandomFile('noise.png', 20_000, 'image/png')));
    const states: Array<string | undefined> = [];
    store.$downloads.listen((downloads) => void states.push(downloads['noise/0']?.status));
    await until(() => states.includes('downloading') && store.$downloads.get()['noise/0'] === undefined, 5000, 'the download to be let go');
    expect(states).to.not.include('done');
  });

  it('downloads nothing by itself by default', async () => {
    const { store, receive } = await storeWith();
    receive('img', await attachmentOnServer(serverUrl, await makePngFile('photo.png', 8, 8)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(store.$downloads.get()).to.deep.equal({});
  });
});
