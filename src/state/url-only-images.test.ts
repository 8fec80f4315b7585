// Images another XMPP client shares by URL alone (no size, no thumbnail: Converse.js, Conversations,
// Gajim), fetched by the auto-download policy from a real HTTP host on another origin: a real
// picture shows without a click and gets a thumbnail made here; HTML, SVG and files past the limit
// are never shown, and never read past the limit, whatever the server says.
import { expect } from '@open-wc/testing';
import { fileHostUrl } from '@chatdrop/test-file-host';
import { createChatStore, type ChatStore } from './chat-store.ts';
import { memoryOutboxStorage } from './outbox-storage.ts';
import type { DownloadState } from './types.ts';
import { MemoryHub, MemoryTransport } from '../transport/memory.ts';
import { makePngFile, sha256, until } from '../../test/helpers/files.ts';

/** The auto-download limit of these tests. */
const LIMIT = 1_000_000;

/** What the host may have sent past the limit before the cut reached it: a few of its 16 KB chunks in flight. */
const IN_FLIGHT = 256 * 1024;

/** How the host answers for a file (see scripts/wtr-file-host-plugin.mjs). */
interface Answers {
  type: string;
  length?: 'yes' | 'no' | 'lie';
  head?: 'cors' | 'blocked';
  fill?: number;
}

/** Puts `body` on the file host under a fresh name ending in `name`, answered as `answers` say; returns its URL. */
async function hosted(name: string, body: BlobPart, answers: Answers): Promise<string> {
  const path = `${crypto.randomUUID()}-${name}`;
  const query = new URLSearchParams(Object.entries(answers).map(([key, value]) => [key, String(value)]));
  const response = await fetch(`${fileHostUrl}/files/${path}?${query}`, { method: 'PUT', body: new Blob([body]) });
  expect(response.status).to.equal(201);
  return `${fileHostUrl}/files/${path}`;
}

/** What the host saw and sent for the file at `url`. */
async function sent(url: string): Promise<{ heads: number; gets: number; bytes: number }> {
  return (await fetch(`${fileHostUrl}/sent/${url.split('/').pop()}`)).json();
}

class WireTransport extends MemoryTransport {
  inject(raw: unknown) {
    this.emitMessage(raw);
  }
}

const stores: ChatStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.stop()));

/**
 * A store (auto-download up to `LIMIT`) that receives `url` as the XMPP transport reads what a
 * plain client shares by URL alone (name from the URL, type from its extension, no size), and
 * records every state of its download.
 */
async function receivedByUrl(url: string) {
  const transport = new WireTransport(new MemoryHub());
  const store = createChatStore({ transport, room: 'r', user: { id: 'bob' }, outboxStorage: memoryOutboxStorage(), autoDownloadImagesUpTo: LIMIT });
  stores.push(store);
  await store.start();
  const states: DownloadState[] = [];
  store.$downloads.listen((downloads) => void (downloads['m/0'] && states.push(downloads['m/0'])));
  const name = url.split('/').pop()!;
  const mime = name.endsWith('.svg') ? 'image/svg+xml' : 'image/png';
  transport.inject({ id: 'm', room: 'r', sender: { id: 'carol' }, createdAt: 1, seq: 1, attachments: [{ url, name, mime }] });
  const attachment = () => store.$entries.get()[0]!.message.attachments![0]!;
  /** Resolves once the policy tried the file and let it go (no state left), for a file it must not show. */
  const letGo = () => until(() => states.length > 0 && store.$downloads.get()['m/0'] === undefined, 5000, 'the download to be let go');
  return { store, states, attachment, letGo };
}

/** A real PNG's first bytes (signature and IHDR) of a 4000 × 3000 picture: the host fills the rest up to its size. */
async function hugePng(): Promise<Blob> {
  return (await makePngFile('huge.png', 4000, 3000)).slice(0, 33);
}

describe('images shared by URL alone', () => {
  it('shows a real PNG without a click: asks the server first (HEAD), fetches it, and makes its own thumbnail and size', async () => {
    const png = await makePngFile('photo.png', 300, 200);
    const url = await hosted('photo.png', png, { type: 'image/png' });
    const { store, attachment } = await receivedByUrl(url);
    await until(() => store.$downloads.get()['m/0']?.status === 'done', 5000, 'the picture to download by itself');
    const state = store.$downloads.get()['m/0']!;
    expect(state.isAutomatic).to.equal(true);
    expect(await sha256(state.blob!)).to.equal(await sha256(png));
    await until(() => attachment().thumbnail !== undefined, 5000, 'the thumbnail made from the bytes');
    expect([attachment().size, attachment().width, attachment().height]).to.deep.equal([png.size, 300, 200]);
    expect(attachment().thumbnail).to.match(/^data:image\/(webp|png|jpeg);base64,/);
    expect(await sent(url)).to.include({ heads: 1, gets: 1 });
  });

  it('fetches it with a bounded GET when CORS hides the answer to HEAD, and the server says no length', async () => {
    const png = await makePngFile('photo.png', 64, 48);
    const url = await hosted('photo.png', png, { type: 'image/png', head: 'blocked', length: 'no' });
    const { store, attachment } = await receivedByUrl(url);
    await until(() => store.$downloads.get()['m/0']?.status === 'done', 5000, 'the picture to download by itself');
    expect(await sha256(store.$downloads.get()['m/0']!.blob!)).to.equal(await sha256(png));
    await until(() => attachment().size === png.size, 5000, 'the size learned from the bytes');
    expect(await sent(url)).to.include({ heads: 1, gets: 1 });
  });

  it('never shows HTML the server labels image/png: its first bytes are no image', async () => {
    const url = await hosted('photo.png', '<!doctype html><script>parent.owned = true</script><h1>not a picture</h1>', { type: 'image/png' });
    const { store, states, attachment, letGo } = await receivedByUrl(url);
    await letGo();
    expect(states.some((state) => state.blob !== undefined)).to.equal(false);
    expect(attachment().thumbnail).to.equal(undefined);
    expect(await sent(url)).to.include({ heads: 1, gets: 1 });
    // Asked for, it downloads to be saved, and is still never kept to be shown.
    const blob = await store.download('m');
    expect(await blob.text()).to.include('not a picture');
    expect(store.$downloads.get()['m/0']?.status).to.equal('done');
    expect(store.$downloads.get()['m/0']?.blob).to.equal(undefined);
  });

  it('never fetches an SVG: not by its name, not when the server says image/svg+xml, and SVG bytes labelled image/png are no image', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="parent.owned = true"/>';
    const byName = await hosted('drawing.svg', svg, { type: 'image/svg+xml' });
    const byType = await hosted('drawing.png', svg, { type: 'image/svg+xml' });
    const byBytes = await hosted('drawing.png', svg, { type: 'image/png' });

    const named = await receivedByUrl(byName);
    expect(named.attachment().mime).to.equal('image/svg+xml');
    const typed = await receivedByUrl(byType);
    await typed.letGo();
    expect(await sent(byType)).to.include({ heads: 1, gets: 0 });
    const sniffed = await receivedByUrl(byBytes);
    await sniffed.letGo();
    expect(sniffed.states.some((state) => state.blob !== undefined)).to.equal(false);
    expect(await sent(byName)).to.include({ heads: 0, gets: 0 });
    expect(named.states).to.deep.equal([]);
  });

  it('stops a PNG larger than the limit, sent chunked with no length, at the limit: nothing past it is read', async () => {
    const url = await hosted('huge.png', await hugePng(), { type: 'image/png', length: 'no', fill: 16 * LIMIT });
    const { states, letGo } = await receivedByUrl(url);
    await letGo();
    expect(Math.max(...states.map((state) => state.received))).to.be.at.most(LIMIT);
    expect(states.some((state) => state.blob !== undefined)).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the host notices the cut
    const { gets, bytes } = await sent(url);
    expect(gets).to.equal(1);
    expect(bytes, 'bytes the host handed to the socket').to.be.below(LIMIT + IN_FLIGHT);
  });

  it('stops at the limit when HEAD says a small size and the GET sends more', async () => {
    const url = await hosted('liar.png', await hugePng(), { type: 'image/png', length: 'lie', fill: 16 * LIMIT });
    const { states, letGo } = await receivedByUrl(url);
    await letGo();
    expect(Math.max(...states.map((state) => state.received))).to.be.at.most(LIMIT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await sent(url)).bytes).to.be.below(LIMIT + IN_FLIGHT);
  });

  it('does not fetch a file whose HEAD says it is past the limit', async () => {
    const url = await hosted('big.png', await hugePng(), { type: 'image/png', fill: 2 * LIMIT });
    const { letGo } = await receivedByUrl(url);
    await letGo();
    expect(await sent(url)).to.include({ heads: 1, gets: 0 });
  });
});
