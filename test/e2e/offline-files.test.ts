// Files with no connection, end to end: a real page, the real relay behind a fault proxy (for the
// WebSocket) and Chromium's own offline mode (for every other request). A page loaded online
// fetches its file code in the background, so once offline it can still attach and send a file;
// the file waits and goes when the connection returns, once, byte for byte; it survives a reload;
// and a failed file can be removed for good.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, CDPSession, ElementHandle, Page } from 'puppeteer-core';
import type { FaultProxy } from '../helpers/fault-proxy.ts';
import { bubblePart, clickBubblePart, pollUntil, savedFile, sentBubble, sha256OfFile, sleep, waitFor } from '../helpers/page.ts';
import { startProxiedStage, type ProxiedStage } from '../helpers/proxied-stage.ts';
import { enFileView } from '../../src/elements/locales/en-file-view.ts';
import { enFailures } from '../../src/elements/locales/en-failures.ts';
import { MAX_KEPT_FILE_BYTES } from '../../src/state/file-keeper.ts';

const PHOTO = fileURLToPath(new URL('../fixtures/photo.jpg', import.meta.url));
const PDF = fileURLToPath(new URL('../fixtures/report.pdf', import.meta.url));

/** A person's page, whose connection can be cut and given back. */
interface ChatPage {
  page: Page;
  session: CDPSession;
  /** Every chunk the page fetched (`name: status`). */
  chunks: string[];
}

/** What the thread shows: each file bubble as `name: status sentence` (Sent, the waiting sentence, the error…). */
function readFiles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const thread = document.querySelector('chat-widget')!.shadowRoot!.querySelector('chat-thread')!.shadowRoot!;
    return [...thread.querySelectorAll('file-bubble')].map((bubble) => {
      const root = bubble.shadowRoot;
      const name = root?.querySelector('[part="bubble"]')?.getAttribute('aria-label') ?? '?';
      const status = root?.querySelector('[part="waiting"], [part="error"], [part="delivery"]')?.textContent ?? '';
      return `${name}: ${status}`;
    });
  });
}

const statusOf = (page: Page) => page.evaluate(() => document.querySelector('chat-widget')?.shadowRoot?.querySelector('[part="status"]')?.getAttribute('data-status') ?? '');

describe('files with no connection', () => {
  let stage: ProxiedStage;
  let server: { url: string; port: number; stop(): Promise<void> };
  let proxy: FaultProxy;
  let browsers: Browser[] = [];
  let dataDir: string;
  let downloads: string;

  before(async () => {
    stage = await startProxiedStage('offline-files');
    ({ server, proxy, browsers, dataDir } = stage);
    downloads = await mkdtemp(join(tmpdir(), 'chatdrop-offline-files-downloads-'));
  });

  after(async () => {
    await stage?.stop();
    await rm(downloads, { recursive: true, force: true });
  });

  /** Alice's page: her WebSocket goes through the fault proxy; her chunk requests are logged. */
  async function openAlice(room: string): Promise<ChatPage> {
    const page = await browsers[0]!.newPage();
    const session = await page.createCDPSession();
    await session.send('Network.enable');
    const chat: ChatPage = { page, session, chunks: [] };
    page.on('response', (response) => {
      const name = /\/dist\/chunks\/([a-z-]+)-/.exec(response.url())?.[1];
      if (name) chat.chunks.push(`${name}: ${response.status()}`);
    });
    await page.evaluateOnNewDocument(`{
      const Native = WebSocket;
      globalThis.WebSocket = class extends Native {
        constructor(url, protocols) { super(String(url).replace(/:\\d+\\//, ':${proxy.port}/'), protocols); }
      };
    }`);
    await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
    await page.goto(`${server.url}/?room=${room}&user=alice`);
    await pollUntil(() => statusOf(page), (status) => status === 'online', 'alice online');
    return chat;
  }

  async function openBob(room: string): Promise<Page> {
    const page = await browsers[1]!.newPage();
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.goto(`${server.url}/?room=${room}&user=bob`);
    await pollUntil(() => statusOf(page), (status) => status === 'online', 'bob online');
    return page;
  }

  /** Cuts the relay (through the proxy) and, unless `httpToo` is false, every other request. */
  async function goOffline(alice: ChatPage, httpToo = true): Promise<void> {
    if (httpToo) await alice.page.setOfflineMode(true);
    proxy.refuse(true);
    proxy.cutAll();
    await pollUntil(() => statusOf(alice.page), (status) => status !== 'online', 'alice offline');
  }

  async function goOnline(alice: ChatPage): Promise<void> {
    await alice.page.setOfflineMode(false);
    proxy.refuse(false);
  }

  async function attachAndSend(page: Page, path: string): Promise<void> {
    const picker = await waitFor(page, 'chat-widget >>> file-composer >>> input[type="file"]');
    await (picker as ElementHandle<HTMLInputElement>).uploadFile(path);
    await waitFor(page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    await (await waitFor(page, 'chat-widget >>> file-composer >>> [part="send"]')).click();
  }

  /** Bob saves `name` and the bytes are those of `original`. */
  async function bobSavesTheSameBytes(bob: Page, name: string, original: string): Promise<void> {
    await clickBubblePart(bob, name, 'download', 20_000);
    assert.equal(await sha256OfFile(await savedFile(downloads, name)), await sha256OfFile(original), `${name} arrived byte for byte`);
  }

  it('attaches a photo after the connection is gone, shows it waiting, and sends it once, byte for byte, when the connection returns', async () => {
    const alice = await openAlice('offline-photo');
    const bob = await openBob('offline-photo');
    // The page fetches its file code by itself once idle, before any file is attached.
    await pollUntil(async () => alice.chunks, (chunks) => ['files: 200'].every((chunk) => chunks.includes(chunk)), 'the file code prefetched');
    // As soon as the page is idle after the widget's first render, not seconds later: the window in
    // which a lost connection leaves the page unable to attach a file is as short as it can be.
    const startedAfterParsing = await alice.page.evaluate(() => {
      const [page] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const chunks = performance.getEntriesByType('resource').filter((entry) => /\/dist\/chunks\/files-/.test(entry.name));
      return Math.max(...chunks.map((chunk) => chunk.startTime)) - page!.domContentLoadedEventEnd;
    });
    assert.ok(startedAfterParsing < 1000, `the file code was asked for ${Math.round(startedAfterParsing)} ms after the page was parsed`);
    // And the chunks those import (thumbnails, hashing…): the prefetch is done once nothing more is fetched.
    await alice.page.waitForNetworkIdle({ idleTime: 500, timeout: 10_000 });

    await goOffline(alice);
    await attachAndSend(alice.page, PHOTO);
    await pollUntil(() => readFiles(alice.page), (files) => files.join() === `photo.jpg: ${enFileView.waitingForConnection}`, 'the photo waiting');
    await sleep(1000);
    assert.deepEqual(await readFiles(alice.page), [`photo.jpg: ${enFileView.waitingForConnection}`], 'still waiting, not failed');

    await goOnline(alice);
    await sentBubble(alice.page, 'photo.jpg', 30_000);
    await bobSavesTheSameBytes(bob, 'photo.jpg', PHOTO);
    await sleep(1000);
    assert.deepEqual(await readFiles(bob), ['photo.jpg: '], 'delivered once');
    await alice.page.close();
    await bob.close();
  });

  it('keeps a file sent offline across a reload, and delivers it once when the connection returns', async () => {
    const alice = await openAlice('offline-reload-file');
    const bob = await openBob('offline-reload-file');
    await goOffline(alice, false); // the relay only: the page itself can still be reloaded
    await attachAndSend(alice.page, PDF);
    await pollUntil(() => readFiles(alice.page), (files) => files.join() === `report.pdf: ${enFileView.waitingForConnection}`, 'the file waiting');
    await sleep(500);

    await alice.page.reload();
    await pollUntil(() => readFiles(alice.page), (files) => files.join() === `report.pdf: ${enFileView.waitingForConnection}`, 'the file waiting again after the reload', 15_000);

    await goOnline(alice);
    await sentBubble(alice.page, 'report.pdf', 30_000);
    await bobSavesTheSameBytes(bob, 'report.pdf', PDF);
    await sleep(1000);
    assert.deepEqual(await readFiles(bob), ['report.pdf: '], 'delivered once');

    await alice.page.reload();
    await pollUntil(() => statusOf(alice.page), (status) => status === 'online', 'alice online after another reload');
    await sleep(1000);
    assert.deepEqual(await readFiles(alice.page), ['report.pdf: Sent'], 'not sent again after another reload');
    assert.deepEqual(await readFiles(bob), ['report.pdf: '], 'still once');
    await alice.page.close();
    await bob.close();
  });

  it('says once, clearly, that a file too large to keep must be picked again after a reload, and after one it waits for it', async () => {
    const big = join(dataDir, 'big.bin');
    await writeFile(big, '');
    await truncate(big, MAX_KEPT_FILE_BYTES + 1);
    const alice = await openAlice('offline-too-large');
    await goOffline(alice, false);
    await attachAndSend(alice.page, big);
    const shown = () =>
      alice.page.evaluate(() => {
        const thread = document.querySelector('chat-widget')!.shadowRoot!.querySelector('chat-thread')!.shadowRoot!;
        return [...thread.querySelectorAll('file-bubble')].map((bubble) => [...bubble.shadowRoot!.querySelectorAll('[part="waiting"], [part="not-kept"]')].map((part) => part.textContent));
      });
    const said = await pollUntil(shown, (bubbles) => bubbles[0]?.length === 2, 'the waiting file saying it is not kept', 20_000);
    assert.deepEqual(said, [[enFileView.waitingForConnection, enFileView.notKeptAfterReload]]);

    await alice.page.reload();
    const back = await pollUntil(() => readFiles(alice.page), (files) => files.length > 0, 'the file back after the reload', 15_000);
    assert.deepEqual(back, [`big.bin: ${enFailures.failedFileNeeded}`], 'back, waiting for the same file to be picked, as it said');
    const pick = await bubblePart(alice.page, 'big.bin', 'retry');
    assert.equal(await pick.evaluate((button) => button.textContent?.trim()), enFileView.pickSameFile);
    proxy.refuse(false);
    await alice.page.close();
  });

  it('removes a failed file with its Remove button, and it stays removed after a reload', async () => {
    const alice = await openAlice('offline-remove');
    // The uploader's code cannot be fetched: the file fails, as an upload cut off would.
    await alice.session.send('Network.setBlockedURLs', { urls: ['*/dist/chunks/uppy-modules-*.js', '*/dist/chunks/tus-modules-*.js'] });
    await attachAndSend(alice.page, PDF);
    await pollUntil(() => readFiles(alice.page), (files) => files.join() === `report.pdf: ${enFailures.uploaderUnavailable}`, 'the file failed', 15_000);

    const remove = await bubblePart(alice.page, 'report.pdf', 'remove');
    const name = await remove.evaluate((button) => ({ text: button.textContent?.trim(), title: button.getAttribute('title') }));
    assert.deepEqual(name, { text: enFileView.removeFile, title: enFileView.removeFile }, 'an icon button named Remove file');
    await remove.click();
    await pollUntil(() => readFiles(alice.page), (files) => files.length === 0, 'the file gone');

    await alice.page.reload();
    await pollUntil(() => statusOf(alice.page), (status) => status === 'online', 'alice online after the reload');
    await sleep(1500);
    assert.deepEqual(await readFiles(alice.page), [], 'still gone after the reload');
    await alice.page.close();
  });
});
