// Widgets on XMPP in real Chromium: Alice's <chat-widget> uploads a photo through XEP-0363 (Uppy
// PUT to the slot), Bob's widget shows and downloads it byte for byte, and a plain XMPP client
// in the same room sees body = GET URL, OOB and XEP-0447/0446 — and what it shares by OOB shows
// in the widget as a file bubble, a picture in full without a click. The pages load the drop-in
// build as a site would (dist/chatdrop.js and its chunks: `npm run build` first; npm test does it),
// and put the widget on XMPP with nothing but the `transport="xmpp:…"` attribute and the
// `xmppPassword` property: the widget itself picks the XEP-0363 uploader and makes the server's
// upload limit the composer's.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { xml } from '@xmpp/client';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, clickBubblePart, savedFile, sentBubble, waitFor } from '../helpers/page.ts';
import { serveFolder } from '../frameworks/static-server.ts';
import { eventually, freshRoom, PASSWORD, sendPlain, startPlainClient, startTestProsody, uploadPlain, type PlainClient } from './harness.ts';
import { skipWithoutProsody, UPLOAD_LIMIT, type TestProsody } from './prosody.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PHOTO = join(fixtures, 'photo.jpg');
/** A real 256 × 256 PNG (the gallery's sticker). */
const STICKER = fileURLToPath(new URL('../../stories/media/sticker.png', import.meta.url));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** A page with the drop-in build, and `startChat`: a <chat-widget> on XMPP, as a page would put it. */
const PAGE = `<!doctype html><meta charset="utf-8"><script type="module" src="./chatdrop.js"></script>
<script>
  globalThis.startChat = ({ service, domain, username, password, room }) => {
    const widget = document.createElement('chat-widget');
    widget.room = room;
    widget.user = username;
    widget.xmppPassword = password;
    widget.setAttribute('transport', 'xmpp:' + service + '?' + new URLSearchParams({ domain, username }));
    document.body.append(widget);
  };
</script><body></body>`;


/** What the page shows of the file bubble whose attachment is named `name` (found by its data, not its markup): its picture and its words. */
function shownFile(page: Page, name: string) {
  return page.evaluate((fileName: string) => {
    const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
    const bubbles = [...(thread?.shadowRoot?.querySelectorAll('file-bubble') ?? [])] as Array<HTMLElement & { attachment?: { name: string; size?: number } }>;
    const bubble = bubbles.find((item) => item.attachment?.name === fileName);
    if (!bubble) return undefined;
    const picture = bubble.shadowRoot!.querySelector<HTMLImageElement>('img[part~="thumbnail"]');
    return {
      picture: picture && { src: picture.src, isDecoded: picture.complete && picture.naturalWidth > 0, width: picture.naturalWidth, height: picture.naturalHeight },
      sizeLabel: bubble.shadowRoot!.querySelector('[part="size"]')?.textContent ?? undefined,
      text: bubble.shadowRoot!.textContent ?? '',
      size: bubble.attachment!.size,
    };
  }, name);
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
    await cp(join(DIST, 'chatdrop.js'), join(work, 'site', 'chatdrop.js'));
    await cp(join(DIST, 'chunks'), join(work, 'site', 'chunks'), { recursive: true });
    await writeFile(join(work, 'site', 'index.html'), PAGE);
    pages = await serveFolder(join(work, 'site'));
    for (const user of ['alice', 'bob']) {
      const browser = await launchChromium();
      browsers.push(browser);
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`${user}: ${error}`));
      await page.goto(pages.url);
      await page.waitForFunction(() => customElements.get('chat-widget') !== undefined);
      await page.evaluate((options) => (globalThis as unknown as { startChat(options: object): void }).startChat(options), {
        service: prosody.websocketUrl(), domain: prosody.domain, username: user, password: PASSWORD, room,
      });
      await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]', 15_000);
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
    const picker = await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]', 15_000);
    await (picker as ElementHandle<HTMLInputElement>).uploadFile(PHOTO);
    await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]', 15_000);
    await (await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]', 15_000)).click();
    await sentBubble(alice, 'photo.jpg', 15_000);
    await bubblePart(bob, 'photo.jpg', 'thumbnail', 15_000);
    await clickBubblePart(bob, 'photo.jpg', 'download', 15_000);
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
    const url = await uploadPlain(plain, prosody.upload, 'plain-report.pdf', bytes, 'application/pdf');
    await sendPlain(plain, url, xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url)));
    await bubblePart(bob, 'plain-report.pdf', 'download', 15_000);
    await bubblePart(alice, 'plain-report.pdf', 'download', 15_000);
    const shown = await shownFile(bob, 'plain-report.pdf');
    assert.equal(shown?.sizeLabel, undefined, 'no size is said, and none is made up');
    assert.doesNotMatch(shown?.text ?? '', /(^|\D)0 B/);
  });

  it('shows a picture a plain XMPP client shares by URL and OOB alone in full, without a click, and never as 0 B', async () => {
    const bytes = new Uint8Array(await readFile(STICKER));
    const url = await uploadPlain(plain, prosody.upload, 'sticker.png', bytes, 'image/png');
    assert.notEqual(new URL(url).origin, new URL(pages.url).origin, 'the upload service is another origin than the page');
    await sendPlain(plain, url, xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url)));
    const shown = await eventually('Bob seeing the full picture', async () => {
      const file = await shownFile(bob, 'sticker.png');
      return file?.picture?.isDecoded && file.picture.src.startsWith('blob:') && file;
    }, 15_000);
    assert.deepEqual([shown.picture!.width, shown.picture!.height], [256, 256], 'the real image, at its natural size');
    const learned = await eventually('the size and thumbnail learned from the bytes', async () => (await shownFile(bob, 'sticker.png'))?.size, 15_000);
    assert.equal(learned, bytes.length);
    const after = (await shownFile(bob, 'sticker.png'))!;
    assert.notEqual(after.sizeLabel, '0 B');
    assert.doesNotMatch(after.text, /(^|\D)0 B/);
  });
});
