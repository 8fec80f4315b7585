// End to end: the real reference server on a free port, two real Chromium pages as Alice and Bob.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, clickBubblePart, savedFile, sentBubble, sha256OfFile, waitFor, waitForText } from '../helpers/page.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PHOTO = join(fixtures, 'photo.jpg');
const PDF = join(fixtures, 'report.pdf');

describe('two people chatting through the reference server', () => {
  let server: { url: string; stop(): Promise<void> };
  // One browser each, as two people have: a background tab would not run animation frames.
  let browsers: Browser[] = [];
  let dataDir: string;
  let downloads: string;
  let alice: Page;
  let bob: Page;
  const bobFileRequests: string[] = [];

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-e2e-data-'));
    downloads = await mkdtemp(join(tmpdir(), 'chatdrop-e2e-downloads-'));
    server = await startServerProcess({ dataDir });
    browsers = [await launchChromium(), await launchChromium()];
    alice = await browsers[0]!.newPage();
    bob = await browsers[1]!.newPage();
    const session = await bob.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    bob.on('request', (request) => {
      if (request.url().includes('/files/')) bobFileRequests.push(request.url());
    });
    for (const [page, user] of [[alice, 'alice'], [bob, 'bob']] as const) {
      page.on('pageerror', (error) => console.error(`${user}: ${error}`));
      // tsx keeps function names with a `__name` helper, which functions sent to the page need too.
      await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
      await page.goto(`${server.url}/?room=e2e&user=${user}`);
      await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]');
    }
  });

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(downloads, { recursive: true, force: true });
  });

  it('carries a text from Alice to Bob', async () => {
    const textarea = await waitFor(alice, 'chat-widget >>> file-composer >>> textarea');
    await textarea!.type('Hello Bob, files coming');
    await alice.keyboard.press('Enter');
    await waitForText(bob, 'Hello Bob, files coming');
  });

  it('uploads a photo picked with the picker and a PDF dropped on the widget, with progress', async () => {
    await alice.evaluate(() => {
      // Record whether a progress bar shows in any file bubble while the uploads run.
      const seen = ((window as unknown as { progressSeen: boolean }).progressSeen = false);
      void seen;
      const look = () => {
        const widget = document.querySelector('chat-widget')!;
        const thread = widget.shadowRoot!.querySelector('chat-thread')!;
        // A bubble has no shadow root until its deferred code has loaded (the drop-in loads it with the first file).
        for (const bubble of thread.shadowRoot!.querySelectorAll('file-bubble')) {
          if (bubble.shadowRoot?.querySelector('[role="progressbar"]')) (window as unknown as { progressSeen: boolean }).progressSeen = true;
        }
        requestAnimationFrame(look);
      };
      look();
    });
    const picker = await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]');
    await (picker as ElementHandle<HTMLInputElement>).uploadFile(PHOTO);
    await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    await (await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]')).click();

    const pdfBytes = (await readFile(PDF)).toString('base64');
    await alice.evaluate(async (base64: string) => {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'report.pdf', { type: 'application/pdf' }));
      const widget = document.querySelector('chat-widget')!;
      widget.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      widget.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    }, pdfBytes);
    await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
    await (await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]')).click();

    await sentBubble(alice, 'photo.jpg');
    await sentBubble(alice, 'report.pdf');
    assert.equal(await alice.evaluate(() => (window as unknown as { progressSeen: boolean }).progressSeen), true, 'a progress bar showed while uploading');
  });

  it("shows Bob the photo in full without a click (auto-download), alone and named by its name, and the PDF's name, size and type before any download", async () => {
    // Within `auto-download-images-up-to` (10 MB by default): the thumbnail, then the full image, never saved.
    await bob.waitForFunction(
      () => {
        const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
        const bubble = [...(thread?.shadowRoot?.querySelectorAll('file-bubble') ?? [])].find((each) => each.shadowRoot?.querySelector('[part="bubble"]')?.getAttribute('aria-label') === 'photo.jpg');
        const img = bubble?.shadowRoot?.querySelector<HTMLImageElement>('img[part="thumbnail"]');
        return img?.src.startsWith('blob:') && img.complete && img.naturalWidth >= img.getBoundingClientRect().width * devicePixelRatio;
      },
      { timeout: 10_000, polling: 50 },
    );
    // As in WhatsApp and Slack, the picture alone: its name is its accessible name, no line of name, size and type.
    const photo = await (await bubblePart(bob, 'photo.jpg', 'bubble')).evaluate((bubble) => ({
      seen: bubble.shadowRoot!.querySelector<HTMLElement>('[part="bubble"]')!.innerText,
      alt: bubble.shadowRoot!.querySelector<HTMLImageElement>('img[part="thumbnail"]')!.alt,
    }));
    assert.equal(photo.alt, 'photo.jpg');
    assert.doesNotMatch(photo.seen, /photo\.jpg|22 KB|image\/jpeg/);
    const pdfText = await (await bubblePart(bob, 'report.pdf', 'bubble')).evaluate((bubble) => bubble.shadowRoot!.textContent ?? '');
    assert.match(pdfText, /595 B · PDF/);
    await bubblePart(bob, 'report.pdf', 'icon');
    assert.equal(bobFileRequests.length, 1, 'only the photo was fetched, to be shown; the PDF waits for a click');
  });

  it('lets Bob download both files, and the saved bytes equal what Alice sent', async () => {
    for (const [name, original] of [['photo.jpg', PHOTO], ['report.pdf', PDF]] as const) {
      await clickBubblePart(bob, name, 'download');
      const saved = await savedFile(downloads, name);
      assert.equal(await sha256OfFile(saved), await sha256OfFile(original), `${name} arrived byte for byte`);
    }
    assert.equal(bobFileRequests.length, 2, 'saving the photo reuses the bytes already shown');
  });
});
