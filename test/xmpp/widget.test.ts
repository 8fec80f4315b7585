// Widgets on XMPP in real Chromium: Alice's <chat-widget> uploads a photo through XEP-0363 (Uppy
// PUT to the slot), Bob's widget shows and downloads it byte for byte, and a plain XMPP client
// in the same room sees body = GET URL, OOB and XEP-0447/0446 — and what it shares by OOB shows
// in the widget as a file bubble.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { xml } from '@xmpp/client';
import { build } from 'esbuild';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';
import { serveFolder } from '../frameworks/static-server.ts';
// @ts-expect-error: a plain JavaScript module shared with the build scripts
import { thumbnailWorkerEntry, thumbnailWorkerUrl } from '../../scripts/esbuild-thumbnail-worker.mjs';
import { eventually, freshRoom, PASSWORD, sendPlain, startPlainClient, startTestProsody, type PlainClient } from './harness.ts';
import { skipWithoutProsody, UPLOAD_LIMIT, type TestProsody } from './prosody.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PHOTO = join(fixtures, 'photo.jpg');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Waits for a deep selector (`a >>> b` crosses shadow roots), polling. */
async function waitFor(page: Page, selector: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await page.$(selector);
    if (handle) return handle;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The part `part` of the file bubble named `name` in the widget's thread. */
async function bubblePart(page: Page, name: string, part: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (fileName: string, partName: string) => {
      const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
      for (const bubble of thread?.shadowRoot?.querySelectorAll('file-bubble') ?? []) {
        if (bubble.shadowRoot?.querySelector('[part="name"]')?.getAttribute('title') !== fileName) continue;
        const found = partName === 'bubble' ? bubble : bubble.shadowRoot.querySelector(`[part="${partName}"]`);
        if (found) return found;
      }
      return undefined;
    },
    { timeout, polling: 50 },
    name,
    part,
  );
  return handle as ElementHandle<Element>;
}

/** Waits for a file fully saved by Chromium in `folder`. */
async function savedFile(folder: string, name: string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await readdir(folder).catch(() => [] as string[]);
    if (names.includes(name) && !names.some((entry) => entry.endsWith('.crdownload'))) return join(folder, name);
    if (Date.now() > deadline) throw new Error(`${name} was not saved; the folder holds ${names.join(', ') || 'nothing'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('widgets on XMPP, in Chromium', { skip: skipWithoutProsody, timeout: 120_000 }, () => {
  let prosody: TestProsody;
  let work: string;
  let pages: { url: string; close(): Promise<void> };
  const browsers: Browser[] = [];
  let alice: Page;
  let bob: Page;
  let plain: PlainClient;
  const room = freshRoom();

  before(async () => {
    prosody = await startTestProsody();
    work = await mkdtemp(join(tmpdir(), 'chatdrop-xmpp-widget-'));
    await build({
      entryPoints: { page: fileURLToPath(new URL('widget-page.ts', import.meta.url)), ...thumbnailWorkerEntry },
      outdir: join(work, 'site'),
      bundle: true,
      splitting: true,
      format: 'esm',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      plugins: [thumbnailWorkerUrl],
    });
    await writeFile(join(work, 'site', 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./page.js"></script><body></body>');
    pages = await serveFolder(join(work, 'site'));
    for (const user of ['alice', 'bob']) {
      const browser = await launchChromium();
      browsers.push(browser);
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`${user}: ${error}`));
      await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
      await page.goto(pages.url);
      await page.waitForFunction(() => 'startChat' in globalThis);
      await page.evaluate((options) => (globalThis as unknown as { startChat(options: object): void }).startChat(options), {
        service: prosody.websocketUrl(), domain: prosody.domain, username: user, password: PASSWORD, room,
      });
      await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]');
      if (user === 'alice') alice = page;
      else bob = page;
    }
    const session = await bob.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: join(work, 'downloads') });
    plain = await startPlainClient(prosody, 'carol', room);
  });

  after(async () => {
    await plain?.client.stop().catch(() => undefined);
    await Promise.all(browsers.map((browser) => browser.close()));
    await pages?.close();
    await prosody?.stop();
    await rm(work, { recursive: true, force: true });
  });

  it("makes the server's max-file-size the composer's limit", async () => {
    const limit = () => alice.evaluate(() => (document.querySelector('chat-widget')?.shadowRoot?.querySelector('file-composer') as { maxFileSize?: number } | null)?.maxFileSize);
    await eventually('the composer limit', async () => (await limit()) !== undefined);
    assert.equal(await limit(), UPLOAD_LIMIT);
  });

  it("uploads Alice's photo through a XEP-0363 slot; Bob's widget shows it and downloads it byte for byte", async () => {
    const picker = await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]');
    await (picker as ElementHandle<HTMLInputElement>).uploadFile(PHOTO);
    await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    await (await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]')).click();
    await bubblePart(alice, 'photo.jpg', 'download');
    await bubblePart(bob, 'photo.jpg', 'thumbnail');
    await (await bubblePart(bob, 'photo.jpg', 'download')).click();
    const saved = await savedFile(join(work, 'downloads'), 'photo.jpg');
    assert.equal(sha256(await readFile(saved)), sha256(await readFile(PHOTO)));
  });

  it('reaches a plain XMPP client as body = GET URL, with OOB and XEP-0447 file sharing (XEP-0446 metadata)', async () => {
    const stanza = await eventually('the plain client receiving the photo', () => plain.received.find((item) => item.getChild('file-sharing', 'urn:xmpp:sfs:0')));
    const getUrl = stanza.getChildText('body')!;
    assert.match(getUrl, /^http:\/\/127\.0\.0\.1:\d+\/file_share\/.+\/photo\.jpg$/);
    assert.equal(stanza.getChild('x', 'jabber:x:oob')?.getChildText('url'), getUrl);
    const sharing = stanza.getChild('file-sharing', 'urn:xmpp:sfs:0')!;
    const file = sharing.getChild('file', 'urn:xmpp:file:metadata:0')!;
    const photo = new Uint8Array(await readFile(PHOTO));
    assert.equal(file.getChildText('name'), 'photo.jpg');
    assert.equal(file.getChildText('media-type'), 'image/jpeg');
    assert.equal(file.getChildText('size'), String(photo.length));
    assert.ok(Number(file.getChildText('width')) > 0 && Number(file.getChildText('height')) > 0, 'width and height');
    assert.equal(file.getChild('hash', 'urn:xmpp:hashes:2')?.text(), createHash('sha256').update(photo).digest('base64'));
    assert.match(file.getChild('thumbnail', 'urn:xmpp:thumbs:1')?.attrs.uri ?? '', /^data:image\/(webp|jpeg);base64,/);
    assert.equal(sharing.getChild('sources')?.getChild('url-data', 'http://jabber.org/protocol/url-data')?.attrs.target, getUrl);
    const downloaded = new Uint8Array(await (await fetch(getUrl)).arrayBuffer());
    assert.equal(sha256(downloaded), sha256(photo));
  });

  it('shows what a plain XMPP client shares by OOB as a file bubble in the widget', async () => {
    const bytes = new Uint8Array(await readFile(join(fixtures, 'report.pdf')));
    const answer = await plain.client.iqCaller.request(
      xml('iq', { type: 'get', to: prosody.upload }, xml('request', { xmlns: 'urn:xmpp:http:upload:0', filename: 'plain-report.pdf', size: String(bytes.length), 'content-type': 'application/pdf' })),
    );
    const slot = answer.getChild('slot')!;
    const headers = Object.fromEntries(slot.getChild('put')!.getChildren('header').map((header) => [header.attrs.name!, header.text()]));
    assert.equal((await fetch(slot.getChild('put')!.attrs.url!, { method: 'PUT', body: bytes, headers })).status, 201);
    const url = slot.getChild('get')!.attrs.url!;
    await sendPlain(plain, url, xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url)));
    await bubblePart(bob, 'plain-report.pdf', 'download');
    await bubblePart(alice, 'plain-report.pdf', 'download');
  });
});
