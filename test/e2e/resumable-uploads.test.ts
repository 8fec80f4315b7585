// Resumable uploads end to end: Alice's widget (`upload-protocol="tus"`) in headless Chromium, the
// real reference server in its own process, and between Alice's uploads and the server a TCP
// proxy that throttles and cuts. Bob's widget, in its own Chromium, gets the file message and the
// bytes; the proxy's log of request heads shows that a cut, or a reload, went on at the server's
// offset rather than sending the file again from byte 0.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { serveBenchPage, type BenchPage } from '../../bench/lib/bench-page.ts';
import { writeRandomFile } from '../../bench/lib/random-file.ts';
import { startHttpFaultProxy, type HttpFaultProxy } from '../cases/http-fault-proxy.ts';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, clickBubblePart, openWidgetPage, pollUntil, receivedFileUrl, savedFile, sentBubble, sha256OfFile, sleep, tusBytesOnDisk, waitFor } from '../helpers/page.ts';
import { enFailures } from '../../src/elements/locales/en-failures.ts';
import { enFileView } from '../../src/elements/locales/en-file-view.ts';
import { MAX_KEPT_FILE_BYTES } from '../../src/state/file-keeper.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';

/** A page holding one widget, its attributes from the page's query. */
const WIDGET_PAGE = `
import './src/define.ts';
const widget = document.createElement('chat-widget');
for (const [name, value] of new URLSearchParams(location.search)) widget.setAttribute(name, value);
document.body.append(widget);
`;

/** What a file bubble shows: its error sentence and the label of its Retry button, if any. */
function bubbleStatus(page: Page, name: string): Promise<{ error?: string; retry?: string } | undefined> {
  return page.evaluate((fileName: string) => {
    const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
    const bubble = [...(thread?.shadowRoot?.querySelectorAll('file-bubble') ?? [])].find((each) => each.shadowRoot?.querySelector('[part="bubble"]')?.getAttribute('aria-label') === fileName);
    if (!bubble) return undefined;
    const error = bubble.shadowRoot!.querySelector('[part="error"]')?.textContent ?? undefined;
    const retry = bubble.shadowRoot!.querySelector('[part="retry"]')?.textContent?.trim() ?? undefined;
    return { ...(error && { error }), ...(retry && { retry }) };
  }, name);
}

describe('resumable uploads (tus) between two widgets', { timeout: 180_000 }, () => {
  let work: string;
  let dataDir: string;
  let server: { url: string; port: number; stop(): Promise<void> };
  let served: BenchPage;
  let browsers: Browser[] = [];
  let downloads: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'chatdrop-resumable-'));
    dataDir = join(work, 'data');
    downloads = join(work, 'downloads');
    server = await startServerProcess({ dataDir, env: { CORS_ORIGINS: '*', MAX_FILE_SIZE: String(200 * 1024 * 1024) } });
    served = await serveBenchPage(WIDGET_PAGE);
    browsers = [await launchChromium(), await launchChromium()];
  });

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await served?.close();
    await server?.stop();
    await rm(work, { recursive: true, force: true });
  });

  /** A proxy in front of the server for Alice's uploads (her chat goes to the server directly), closed after the test. */
  async function uploadProxy(t: TestContext): Promise<HttpFaultProxy> {
    const proxy = await startHttpFaultProxy(server.port);
    t.after(() => proxy.close());
    // Each request after a preflight on a fresh connection: a cut then reaches the page, never a silent resend.
    proxy.setCloseAfterPreflight(true);
    return proxy;
  }

  async function openWidget(t: TestContext, browser: Browser, room: string, user: string, uploadEndpoint: string): Promise<Page> {
    const page = await openWidgetPage(browser, served.url, { room, user, transport: `${server.url.replace(/^http/, 'ws')}/ws`, 'upload-endpoint': uploadEndpoint, 'upload-protocol': 'tus' });
    t.after(() => page.close());
    return page;
  }

  async function openBob(t: TestContext, room: string): Promise<Page> {
    const bob = await openWidget(t, browsers[1]!, room, 'bob', `${server.url}/tus/`);
    const session = await bob.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    return bob;
  }

  async function attachAndSend(page: Page, path: string): Promise<void> {
    const picker = await waitFor(page, 'chat-widget >>> file-composer >>> input[type="file"]');
    await (picker as ElementHandle<HTMLInputElement>).uploadFile(path);
    await waitFor(page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    await (await waitFor(page, 'chat-widget >>> file-composer >>> [part="send"]')).click();
  }

  const bytesOnServer = () => tusBytesOnDisk(dataDir);

  /** The upload URLs the PATCHes through the proxy went to, in order. */
  const patchPaths = (proxy: HttpFaultProxy) => proxy.requests.filter((request) => request.method === 'PATCH').map((request) => request.path);

  /** The offsets the PATCHes through the proxy started at, in order. */
  const patchOffsets = (proxy: HttpFaultProxy) => proxy.requests.filter((request) => request.method === 'PATCH').map((request) => Number(request.headers['upload-offset']));

  /** Every PATCH through the proxy went to one upload, created once. */
  const assertOneUpload = (proxy: HttpFaultProxy) => assert.equal(new Set(patchPaths(proxy)).size, 1, 'one upload, created once: every PATCH went to it');

  /** Bob gets the message of `name`, saves its file, and it holds the bytes of Alice's file at `path`. */
  async function bobSavesTheBytesOf(bob: Page, name: string, path: string): Promise<void> {
    await receivedFileUrl(bob, name);
    await clickBubblePart(bob, name, 'download', 20_000);
    assert.equal(await sha256OfFile(await savedFile(downloads, name)), await sha256OfFile(path), 'Bob saved the bytes Alice sent');
  }

  it('a connection cut at ~60 % goes on from the offset the server holds, and Bob saves the very bytes Alice sent', async (t) => {
    const proxy = await uploadProxy(t);
    const name = 'cut.bin';
    const path = join(work, name);
    const size = 12 * 1024 * 1024;
    await writeRandomFile(path, size);
    proxy.setRate(8 * 1024 * 1024);
    proxy.cutAfter('up', Math.round(size * 0.6));
    const alice = await openWidget(t, browsers[0]!, 'cut', 'alice', proxy.url('/tus/'));
    const bob = await openBob(t, 'cut');

    await attachAndSend(alice, path);
    await sentBubble(alice, name, 60_000);
    assert.equal(proxy.cuts, 1, 'the connection was cut once');
    const offsets = patchOffsets(proxy);
    assert.equal(offsets[0], 0);
    const resumedAt = offsets.at(-1)!;
    assert.ok(resumedAt >= size * 0.4, `the last PATCH went on from the server's offset, ${resumedAt} of ${size} (PATCHes at ${offsets.join(', ')})`);
    assert.ok(proxy.requests.some((request) => request.method === 'HEAD'), 'the widget asked the server for its offset');
    assertOneUpload(proxy);

    await bobSavesTheBytesOf(bob, name, path);
  });

  it('a reload mid-upload: the file the browser kept goes on by itself from the offset the server holds', async (t) => {
    const proxy = await uploadProxy(t);
    const name = 'reload.bin';
    const path = join(work, name);
    const size = 12 * 1024 * 1024;
    await writeRandomFile(path, size);
    proxy.setRate(3 * 1024 * 1024);
    const alice = await openWidget(t, browsers[0]!, 'reload', 'alice', proxy.url('/tus/'));
    const bob = await openBob(t, 'reload');

    await attachAndSend(alice, path);
    await pollUntil(bytesOnServer, (bytes) => bytes >= size * 0.25, 'a quarter of the file on the server', 20_000);
    await alice.reload();
    await sentBubble(alice, name, 60_000);
    const offsets = patchOffsets(proxy);
    assert.equal(offsets[0], 0);
    assert.ok(offsets.at(-1)! >= size * 0.25, `after the reload the upload went on from the server's offset (PATCHes at ${offsets.join(', ')})`);
    assertOneUpload(proxy);

    await bobSavesTheBytesOf(bob, name, path);
  });

  it('a reload mid-upload of a file too big to keep: the message asks for the same file, refuses another, and goes on from the offset', async (t) => {
    const proxy = await uploadProxy(t);
    const name = 'big.bin';
    const size = MAX_KEPT_FILE_BYTES + 1;
    /** A file of `size` bytes: a random first MiB (what tells it apart), then zeros. */
    const makeFile = async (path: string) => {
      await writeRandomFile(path, 1024 * 1024);
      await truncate(path, size);
    };
    const path = join(work, name);
    const other = join(work, 'other', name);
    await makeFile(path);
    await mkdir(join(work, 'other'));
    await makeFile(other);
    proxy.setRate(16 * 1024 * 1024);
    const alice = await openWidget(t, browsers[0]!, 'too-big', 'alice', proxy.url('/tus/'));
    const bob = await openBob(t, 'too-big');

    await attachAndSend(alice, path);
    await pollUntil(bytesOnServer, (bytes) => bytes >= 10 * 1024 * 1024, '10 MB on the server', 30_000);
    await alice.reload();
    const waiting = await pollUntil(() => bubbleStatus(alice, name), (status) => status?.error === enFailures.failedFileNeeded, 'the message waiting for its file', 20_000);
    assert.equal(waiting!.retry, enFileView.pickSameFile);
    // What the proxy still held when the page went away drains to the server: wait until it stops growing.
    let heldAtReload = -1;
    await pollUntil(async () => {
      const before = await bytesOnServer();
      await sleep(300);
      return (heldAtReload = await bytesOnServer()) === before;
    }, Boolean, 'the bytes on the server to settle', 10_000);

    const pick = async (file: string) => {
      const [chooser] = await Promise.all([alice.waitForFileChooser({ timeout: 10_000 }), clickBubblePart(alice, name, 'retry')]);
      await chooser.accept([file]);
    };
    await pick(other);
    await pollUntil(() => bubbleStatus(alice, name), (status) => status?.error === enFailures.failedDifferentFile, 'another file refused', 10_000);
    await sleep(300);
    assert.equal(await bytesOnServer(), heldAtReload, 'nothing of the other file reached the server');
    assert.ok(patchOffsets(proxy).every((offset) => offset === 0), 'no upload went on with it');

    await pick(path);
    await sentBubble(alice, name, 90_000);
    const offsets = patchOffsets(proxy);
    assert.ok(offsets.at(-1)! >= heldAtReload && offsets.at(-1)! > 0, `the upload went on from the server's offset, ${offsets.at(-1)} (${heldAtReload} held at the reload)`);
    assertOneUpload(proxy);

    const url = await receivedFileUrl(bob, name);
    const received = await bob.evaluate(async (fileUrl: string) => {
      const bytes = await (await fetch(fileUrl)).arrayBuffer();
      return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    }, url);
    assert.equal(received, await sha256OfFile(path), 'Bob gets the bytes Alice sent');
  });
});
