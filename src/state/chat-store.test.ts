import { expect } from '@open-wc/testing';
import { createChatStore, type ChatStore } from './chat-store.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import { memoryOutboxStorage } from './outbox-storage.ts';
import { TransferError, type UploadHandler } from '../upload/handler.ts';
import type { SlotRequest, UploadSlot } from '../transport/xmpp/upload-slot.ts';
import { makePngFile, makeRandomFile, sha256, until } from '../../test/helpers/files.ts';
import { serverUrl } from '@chatdrop/test-server';

/** A memory transport that can also put any raw value on the wire. */
class WireTransport extends MemoryTransport {
  inject(raw: unknown) {
    this.emitMessage(raw);
  }
}

const stores: ChatStore[] = [];
function storeFor(hub: MemoryHub, id: string, upload?: UploadHandler, onInvalidMessage?: (error: Error) => void) {
  const transport = new WireTransport(hub);
  const store = createChatStore({ transport, room: 'demo', user: { id }, upload, onInvalidMessage, outboxStorage: memoryOutboxStorage() });
  stores.push(store);
  return { store, transport };
}
const texts = (store: ChatStore) => store.$entries.get().map((entry) => entry.message.text);

/** Stores uploads in memory and hands out fake URLs: a host-supplied upload handler. */
function memoryUploader(failures = 0): UploadHandler & { calls: number } {
  const handler = Object.assign(
    async (file: File, { onProgress }: Parameters<UploadHandler>[1]) => {
      handler.calls++;
      if (handler.calls <= failures) throw new TransferError('503 from the storage', { status: 503, isRetryable: true });
      onProgress(file.size / 2, file.size);
      onProgress(file.size, file.size);
      return { url: `https://files.example/${encodeURIComponent(file.name)}` };
    },
    { calls: 0 },
  );
  return handler;
}

afterEach(() => stores.splice(0).forEach((store) => store.stop()));

describe('createChatStore', () => {
  it('delivers a text from Alice to Bob and marks it sent with its seq', async () => {
    const hub = new MemoryHub();
    const alice = storeFor(hub, 'alice');
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    const sent = alice.store.sendText('  hello bob  ')!;
    expect(alice.store.$entries.get()[0]!.delivery).to.equal('sending');
    await until(() => texts(bob.store).includes('hello bob'), 2000, 'bob to get the text');
    const mine = alice.store.$entries.get().find((entry) => entry.message.id === sent.id)!;
    expect(mine.delivery).to.equal('sent');
    expect(mine.message.seq).to.equal(1);
    expect(bob.store.$entries.get()[0]!.isMine).to.equal(false);
  });

  it('ignores blank text', async () => {
    const { store } = storeFor(new MemoryHub(), 'alice');
    await store.start();
    expect(store.sendText('   ')).to.equal(undefined);
    expect(store.$entries.get()).to.have.length(0);
  });

  it('keeps a message sent offline and delivers it once when the connection returns', async () => {
    const hub = new MemoryHub();
    const alice = storeFor(hub, 'alice');
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    alice.transport.setReachable(false);
    alice.store.sendText('typed offline');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts(bob.store)).to.deep.equal([]);
    expect(alice.store.$status.get()).to.equal('offline');
    alice.transport.setReachable(true);
    await until(() => texts(bob.store).length === 1, 2000, 'delivery after reconnect');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(texts(bob.store)).to.deep.equal(['typed offline']);
    expect(alice.store.$entries.get()[0]!.delivery).to.equal('sent');
  });

  it('shows a message that arrives twice once', async () => {
    const { store, transport } = storeFor(new MemoryHub(), 'bob');
    await store.start();
    const message = { id: 'x1', room: 'demo', sender: { id: 'alice' }, createdAt: 1, seq: 1, text: 'once' };
    transport.inject(message);
    transport.inject({ ...message });
    expect(texts(store)).to.deep.equal(['once']);
  });

  it('drops a malformed message with a warning and keeps the thread working', async () => {
    const warnings: string[] = [];
    const { store, transport } = storeFor(new MemoryHub(), 'bob', undefined, (error) => warnings.push(error.message));
    await store.start();
    transport.inject({ id: 'bad', room: 'demo', sender: 'alice', createdAt: 1, text: 'x' });
    transport.inject('not even an object');
    transport.inject({ id: 'ok', room: 'demo', sender: { id: 'alice' }, createdAt: 2, seq: 1, text: 'fine' });
    expect(warnings).to.have.length(2);
    expect(texts(store)).to.deep.equal(['fine']);
  });

  it('orders messages by the server seq, whatever order they arrive in', async () => {
    const { store, transport } = storeFor(new MemoryHub(), 'bob');
    await store.start();
    for (const seq of [3, 1, 2]) transport.inject({ id: `m${seq}`, room: 'demo', sender: { id: 'alice' }, createdAt: 10 - seq, seq, text: `#${seq}` });
    expect(texts(store)).to.deep.equal(['#1', '#2', '#3']);
  });

  it('shows a file bubble at once, uploads, then sends a small message with URL and thumbnail', async () => {
    const hub = new MemoryHub();
    const upload = memoryUploader();
    const alice = storeFor(hub, 'alice', upload);
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    const photo = await makePngFile('photo.png', 640, 480);
    const [message] = await alice.store.sendFiles([{ file: photo, caption: 'the view' }]);
    expect(alice.store.$entries.get().map((entry) => entry.message.id)).to.deep.equal([message!.id]);
    expect(alice.store.$uploads.get()[message!.id]!.status).to.be.oneOf(['preparing', 'uploading']);
    await until(() => bob.store.$entries.get().length === 1, 5000, 'bob to get the file');
    const received = bob.store.$entries.get()[0]!.message.attachments![0]!;
    expect(received).to.include({ url: 'https://files.example/photo.png', name: 'photo.png', size: photo.size, mime: 'image/png', width: 640, height: 480, caption: 'the view' });
    expect(received.thumbnail).to.match(/^data:image\/(webp|jpeg);base64,/);
    expect(JSON.stringify(bob.store.$entries.get()[0]!.message).length).to.be.below(4096);
    expect(alice.store.$uploads.get()[message!.id]).to.include({ status: 'done', sent: photo.size });
  });

  it('sends files sent together and their caption under one group id, and a single file with none', async () => {
    const hub = new MemoryHub();
    const alice = storeFor(hub, 'alice', memoryUploader());
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    const files = ['a.bin', 'b.bin', 'c.bin'].map((name) => ({ file: makeRandomFile(name, 100) }));
    const sent = await alice.store.sendFiles(files, '  three at once  ');
    const [single] = await alice.store.sendFiles([{ file: makeRandomFile('alone.bin', 100) }], 'just one');
    await until(() => bob.store.$entries.get().length === 6, 3000, 'bob to get the caption, the files and the single one');
    const received = bob.store.$entries.get().map((entry) => entry.message);
    const group = sent[0]!.group!;
    expect(group).to.match(/^[A-Za-z0-9_-]{1,64}$/);
    expect(received.filter((message) => message.group === group).map((message) => message.text ?? message.attachments![0]!.name)).to.deep.equal(['three at once', 'a.bin', 'b.bin', 'c.bin']);
    expect(received.find((message) => message.id === single!.id)!.group).to.equal(undefined);
    expect(received.find((message) => message.text === 'just one')!.group).to.equal(undefined);
  });

  it('never sends a message for a failed upload, and sends it once after Retry', async () => {
    const hub = new MemoryHub();
    const upload = memoryUploader(1);
    const alice = storeFor(hub, 'alice', upload);
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    const [message] = await alice.store.sendFiles([{ file: makeRandomFile('report.pdf', 2048, 'application/pdf') }]);
    await until(() => alice.store.$uploads.get()[message!.id]?.status === 'failed', 2000, 'the upload to fail');
    expect(alice.store.$uploads.get()[message!.id]!.error).to.deep.include({ code: 'server', message: '503 from the storage', status: 503 });
    expect(alice.store.$entries.get()[0]!.delivery).to.equal('failed');
    expect(bob.store.$entries.get()).to.have.length(0);
    alice.store.retry(message!.id);
    await until(() => bob.store.$entries.get().length === 1, 2000, 'bob to get the file after retry');
    expect(upload.calls).to.equal(2);
    expect(alice.store.$entries.get()[0]!.delivery).to.equal('sent');
  });

  it('cancelling an upload removes its bubble and sends nothing', async () => {
    const hub = new MemoryHub();
    const never: UploadHandler = (_file, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new TransferError('Upload cancelled.', { code: 'cancelled' }))));
    const alice = storeFor(hub, 'alice', never);
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    const [message] = await alice.store.sendFiles([{ file: makeRandomFile('big.bin', 4096) }]);
    await until(() => alice.store.$uploads.get()[message!.id]?.status === 'uploading', 2000, 'the upload to start');
    alice.store.cancelUpload(message!.id);
    expect(alice.store.$entries.get()).to.have.length(0);
    expect(alice.store.$uploads.get()[message!.id]).to.equal(undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bob.store.$entries.get()).to.have.length(0);
  });

  it('emits files in the order they were sent, never holds text back, and all see one order', async () => {
    const hub = new MemoryHub();
    const slowForBigFiles: UploadHandler = async (file, { onProgress }) => {
      await new Promise((resolve) => setTimeout(resolve, file.size > 1000 ? 300 : 10));
      onProgress(file.size, file.size);
      return { url: `https://files.example/${file.name}` };
    };
    const alice = storeFor(hub, 'alice', slowForBigFiles);
    const bob = storeFor(hub, 'bob');
    await alice.store.start();
    await bob.store.start();
    await alice.store.sendFiles([{ file: makeRandomFile('big.bin', 5000) }, { file: makeRandomFile('small.bin', 10) }]);
    alice.store.sendText('typed while uploading');
    const order = (store: ChatStore) => store.$entries.get().map((entry) => entry.message.text ?? entry.message.attachments![0]!.name);
    await until(() => order(alice.store)[0] === 'typed while uploading', 2000, 'the text to go first');
    expect(order(alice.store), 'the uploading files wait below the text').to.deep.equal(['typed while uploading', 'big.bin', 'small.bin']);
    await until(() => bob.store.$entries.get().length === 3, 3000, 'bob to get all three');
    expect(order(bob.store)).to.deep.equal(['typed while uploading', 'big.bin', 'small.bin']);
    await until(() => alice.store.$entries.get().every((entry) => entry.delivery === 'sent'), 2000, 'all acked');
    expect(order(alice.store)).to.deep.equal(order(bob.store));
  });

  it('loads older history page by page and knows when there is no more', async () => {
    const hub = new MemoryHub();
    const alice = storeFor(hub, 'alice');
    await alice.store.start();
    for (let index = 1; index <= 120; index++) alice.store.sendText(`#${index}`);
    await until(() => alice.store.$entries.get().every((entry) => entry.delivery === 'sent'), 3000, 'all stored');
    // Like the relay, the transport hands over only the newest messages on connect.
    const reader = createChatStore({ transport: new MemoryTransport(hub, { historyOnConnect: 20 }), room: 'demo', user: { id: 'reader' }, outboxStorage: memoryOutboxStorage() });
    stores.push(reader);
    await reader.start();
    expect(reader.$entries.get().map((entry) => entry.message.text).slice(0, 2)).to.deep.equal(['#101', '#102']);
    expect(await reader.loadOlder(50)).to.equal(50);
    expect(reader.$entries.get()[0]!.message.text).to.equal('#51');
    expect(await reader.loadOlder(50)).to.equal(50);
    expect(reader.$hasOlder.get(), 'the first message is there').to.equal(false);
    expect(await reader.loadOlder(50)).to.equal(0);
    expect(reader.$entries.get().map((entry) => entry.message.seq)).to.deep.equal(Array.from({ length: 120 }, (_, index) => index + 1));
  });

  it('keeps loading older history when the server cuts pages short (to its byte limit), up to the first message', async () => {
    const hub = new MemoryHub();
    const alice = storeFor(hub, 'alice');
    await alice.store.start();
    for (let index = 1; index <= 60; index++) alice.store.sendText(`#${index}`);
    await until(() => alice.store.$entries.get().every((entry) => entry.delivery === 'sent'), 3000, 'all stored');
    const transport = new MemoryTransport(hub, { historyOnConnect: 20 });
    const whole = transport.history.bind(transport);
    // Like the relay with big messages: at most 7 of the page asked for, the newest.
    transport.history = async (query) => (await whole(query)).slice(-7);
    const reader = createChatStore({ transport, room: 'demo', user: { id: 'reader' }, outboxStorage: memoryOutboxStorage() });
    stores.push(reader);
    await reader.start();
    const pages: number[] = [];
    while (reader.$hasOlder.get() && pages.length < 20) pages.push(await reader.loadOlder(50));
    expect(pages.slice(0, 2)).to.deep.equal([7, 7]);
    expect(reader.$entries.get().map((entry) => entry.message.seq)).to.deep.equal(Array.from({ length: 60 }, (_, index) => index + 1));
  });

  it('gives two widgets on one page separate state', async () => {
    const first = storeFor(new MemoryHub(), 'alice');
    const second = storeFor(new MemoryHub(), 'alice');
    await first.store.start();
    await second.store.start();
    first.store.sendText('only here');
    expect(texts(second.store)).to.deep.equal([]);
    expect(first.store.$entries).not.to.equal(second.store.$entries);
  });
});

/** A memory transport that offers upload slots, as an XMPP server does; it refuses them, noting what was asked. */
class SlotTransport extends MemoryTransport {
  asked: string[] = [];
  async requestUpload(file: SlotRequest): Promise<UploadSlot> {
    this.asked.push(file.name);
    throw new Error('no slots today');
  }
}

describe('createChatStore without an upload handler', () => {
  /** A store of `id` on `transport`, with the default upload to `uploadEndpoint` (if given). */
  function storeWithDefaultUpload(transport: MemoryTransport, id: string, uploadEndpoint?: string) {
    const store = createChatStore({ transport, room: 'demo', user: { id }, uploadEndpoint, uploadHeaders: { Authorization: 'Bearer s3cret' }, outboxStorage: memoryOutboxStorage() });
    stores.push(store);
    return store;
  }

  it('uploads to uploadEndpoint with Uppy, and Bob saves the file under its name, byte for byte', async () => {
    const hub = new MemoryHub();
    const alice = storeWithDefaultUpload(new MemoryTransport(hub), 'alice', `${serverUrl}/upload`);
    const bob = storeWithDefaultUpload(new MemoryTransport(hub), 'bob');
    await alice.start();
    await bob.start();
    const file = makeRandomFile('minutes.pdf', 30_000, 'application/pdf');
    await alice.sendFiles([{ file }]);
    await until(() => bob.$entries.get().length === 1, 10_000, 'bob to get the file');
    const { message } = bob.$entries.get()[0]!;
    expect(message.attachments![0]!.url.startsWith(`${serverUrl}/`), 'stored on the endpoint').to.equal(true);

    const click = HTMLAnchorElement.prototype.click;
    let saved: { name: string; href: string } | undefined;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved = { name: this.download, href: this.href };
    };
    try {
      const blob = await bob.save(message.id);
      expect(await sha256(blob)).to.equal(await sha256(file));
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(saved!.name).to.equal('minutes.pdf');
    expect(await sha256(await (await fetch(saved!.href)).blob())).to.equal(await sha256(file));
  });

  it('asks the transport for an upload slot when there is no endpoint, and without either says files are not set up', async () => {
    const hub = new MemoryHub();
    const slots = new SlotTransport(hub);
    const withSlots = storeWithDefaultUpload(slots, 'alice');
    const without = storeWithDefaultUpload(new MemoryTransport(hub), 'carol');
    await withSlots.start();
    await without.start();
    const [viaSlot] = await withSlots.sendFiles([{ file: makeRandomFile('slot.bin', 1000) }]);
    const [nowhere] = await without.sendFiles([{ file: makeRandomFile('nowhere.bin', 1000) }]);
    await until(() => withSlots.$uploads.get()[viaSlot!.id]?.status === 'failed' && without.$uploads.get()[nowhere!.id]?.status === 'failed', 10_000, 'both to fail');
    expect(slots.asked).to.deep.equal(['slot.bin']);
    expect(withSlots.$uploads.get()[viaSlot!.id]!.error!.code).to.equal('refused');
    expect(without.$uploads.get()[nowhere!.id]!.error!.code).to.equal('not-configured');
  });
});
