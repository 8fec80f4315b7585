// Chatdrop embedded in a React 19 page and in a Vue 3 page, each built from the source with Vite,
// talking to each other through the real reference server in two Chromium browsers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ElementHandle, JSHandle, Page } from 'puppeteer-core';
import { build, mergeConfig, type InlineConfig } from 'vite';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, clickBubblePart, savedFile, sha256OfFile, waitFor } from '../helpers/page.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';
import { REACT_MAX_FILE_SIZE, VUE_ACCEPT, type LogEntry } from './page.ts';
import { serveFolder } from './static-server.ts';
import reactConfig from './react/vite.config.ts';
import vueConfig from './vue/vite.config.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const PHOTO = join(fixtures, 'photo.jpg');
const PDF = join(fixtures, 'report.pdf');
const ROOM = 'frameworks';



/** The page's log lines for `event`: what the framework's handler received (waits for the first). */
async function logged(page: Page, event: LogEntry['event'], timeout = 10_000): Promise<Omit<LogEntry, 'event'>[]> {
  await page.waitForSelector(`#log li[data-event="${event}"]`, { timeout });
  return page.$$eval(`#log li[data-event="${event}"]`, (items) =>
    items.map((item) => ({ text: item.textContent ?? '', sha256: item.getAttribute('data-sha256') ?? undefined })),
  );
}


/** Stages the fixture at `path` with the composer's file picker and sends it. */
async function sendFile(page: Page, path: string): Promise<void> {
  const picker = await waitFor(page, 'chat-widget >>> file-composer >>> input[type="file"]');
  await (picker as ElementHandle<HTMLInputElement>).uploadFile(path);
  await waitFor(page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
  await (await waitFor(page, 'chat-widget >>> file-composer >>> [part="send"]')).click();
}

/** Gives the page's composer a made-up file of `size` bytes, as a drop or a paste would. */
function addMadeUpFile(page: Page, name: string, type: string, size: number): Promise<void> {
  return page.evaluate(
    (fileName: string, fileType: string, bytes: number) => {
      const composer = document.querySelector('chat-widget')!.shadowRoot!.querySelector('file-composer')!;
      composer.addFiles([new File([new Uint8Array(bytes)], fileName, { type: fileType })]);
    },
    name,
    type,
    size,
  );
}

/** What the page's widget holds, and whether its objects are the very ones the page made. */
function widgetState(page: Page) {
  return page.evaluate(() => {
    const widget = document.querySelector('chat-widget')!;
    const made = window.chatdropPage!;
    return {
      room: widget.room,
      user: widget.user,
      heading: widget.heading,
      uploadEndpoint: widget.uploadEndpoint,
      maxFileSize: widget.maxFileSize ?? null,
      accept: widget.accept,
      transportIsAnObject: typeof widget.transport === 'object',
      transportIsThePages: widget.transport === made.transport,
      uploadHandlerIsThePages: made.uploadHandler !== undefined && widget.uploadHandler === made.uploadHandler,
      downloadHandlerIsThePages: made.downloadHandler !== undefined && widget.downloadHandler === made.downloadHandler,
      status: widget.shadowRoot!.querySelector('[part="status"]')!.getAttribute('data-status'),
    };
  });
}

const outputText = (page: Page, selector: string) => page.$eval(selector, (output) => output.textContent);

describe('Chatdrop in a React 19 page and a Vue 3 page', () => {
  let work: string;
  let server: { url: string; stop(): Promise<void> } | undefined;
  let pages: { url: string; close(): Promise<void> } | undefined;
  let browsers: Browser[] = [];
  let react: Page;
  let vue: Page;
  /** Uncaught errors and console errors of both pages. */
  const problems: string[] = [];
  /** Each page's widget's transport as the first test found it. */
  const firstTransports = new Map<Page, JSHandle>();

  async function openPage(browser: Browser, framework: string, user: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (error) => problems.push(`${framework}: ${error}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${framework}: ${message.text()}`);
    });
    // tsx keeps function names with a `__name` helper, which functions sent to the page need too.
    await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
    const session = await page.createCDPSession();
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: join(work, 'downloads', framework) });
    const query = new URLSearchParams({ server: server!.url, room: ROOM, user });
    await page.goto(`${pages!.url}/${framework}/?${query}`);
    await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]');
    return page;
  }

  before(
    async () => {
      work = await mkdtemp(join(tmpdir(), 'chatdrop-frameworks-'));
      for (const [framework, config] of [['react', reactConfig], ['vue', vueConfig]] as const) {
        const overrides: InlineConfig = { configFile: false, logLevel: 'warn', build: { outDir: join(work, 'pages', framework), emptyOutDir: true } };
        await build(mergeConfig(config, overrides));
      }
      server = await startServerProcess({ dataDir: join(work, 'data'), env: { CORS_ORIGINS: '*' } });
      pages = await serveFolder(join(work, 'pages'));
      // One browser each, as two people have: a background tab would not run animation frames.
      for (let i = 0; i < 2; i++) browsers.push(await launchChromium());
      react = await openPage(browsers[0]!, 'react', 'alice');
      vue = await openPage(browsers[1]!, 'vue', 'bob');
    },
    { timeout: 90_000 },
  );

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await pages?.close();
    await server?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('hands the widget what each framework set, objects included', { timeout: 10_000 }, async () => {
    assert.deepEqual(await widgetState(react), {
      room: ROOM,
      user: 'alice',
      heading: 'React chat',
      uploadEndpoint: '',
      maxFileSize: REACT_MAX_FILE_SIZE,
      accept: '',
      transportIsAnObject: true,
      transportIsThePages: true,
      uploadHandlerIsThePages: true,
      downloadHandlerIsThePages: false,
      status: 'online',
    });
    assert.deepEqual(await widgetState(vue), {
      room: ROOM,
      user: 'bob',
      heading: 'Vue chat',
      uploadEndpoint: `${server!.url}/upload`,
      maxFileSize: null,
      accept: VUE_ACCEPT,
      transportIsAnObject: true,
      transportIsThePages: true,
      uploadHandlerIsThePages: false,
      downloadHandlerIsThePages: true,
      status: 'online',
    });
    for (const page of [react, vue]) firstTransports.set(page, await page.evaluateHandle(() => document.querySelector('chat-widget')!.transport));
  });

  it("tells each framework's handler which files the widget refused", { timeout: 10_000 }, async () => {
    await addMadeUpFile(react, 'too-big.bin', 'application/octet-stream', REACT_MAX_FILE_SIZE + 1);
    const [tooBig] = await logged(react, 'chat-files-refused');
    assert.match(tooBig!.text, /too-big\.bin/);
    await addMadeUpFile(vue, 'notes.txt', 'text/plain', 10);
    const [wrongType] = await logged(vue, 'chat-files-refused');
    assert.match(wrongType!.text, /notes\.txt/);
  });

  it('sends a photo from the React page that the Vue page downloads byte for byte', { timeout: 30_000 }, async () => {
    await sendFile(react, PHOTO);
    const [sent] = await logged(react, 'chat-send');
    assert.match(sent!.text, /photo\.jpg \(\d+ bytes\)/);
    // The photo is within the auto-download limit: once it shows in full, Save hands those bytes over.
    await vue.waitForFunction(() => {
      const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
      const bubble = [...(thread?.shadowRoot?.querySelectorAll('file-bubble') ?? [])].find((each) => each.shadowRoot?.querySelector('[part="bubble"]')?.getAttribute('aria-label') === 'photo.jpg');
      return bubble?.shadowRoot?.querySelector<HTMLImageElement>('img[part="thumbnail"]')?.src.startsWith('blob:');
    }, { timeout: 10_000, polling: 50 });
    await clickBubblePart(vue, 'photo.jpg', 'download');
    const [done] = await logged(vue, 'chat-download-done');
    assert.equal(done!.sha256, await sha256OfFile(PHOTO), "the blob in Vue's chat-download-done is the photo");
    assert.equal(await sha256OfFile(await savedFile(join(work, 'downloads', 'vue'), 'photo.jpg')), await sha256OfFile(PHOTO));
    assert.equal(await outputText(react, '#uploads'), '1', "the React page's upload handler did the upload");
    assert.equal(await outputText(vue, '#downloads'), '1', "the Vue page's download handler did the download");
  });

  it('sends a PDF from the Vue page that the React page downloads byte for byte', { timeout: 30_000 }, async () => {
    await sendFile(vue, PDF);
    const [sent] = await logged(vue, 'chat-send');
    assert.match(sent!.text, /report\.pdf \(\d+ bytes\)/);
    await clickBubblePart(react, 'report.pdf', 'download');
    const [done] = await logged(react, 'chat-download-done');
    assert.equal(done!.sha256, await sha256OfFile(PDF), "the blob in React's onChatDownloadDone is the PDF");
    assert.equal(await sha256OfFile(await savedFile(join(work, 'downloads', 'react'), 'report.pdf')), await sha256OfFile(PDF));
  });

  it('keeps the same objects through re-renders, with no errors on either page', { timeout: 10_000 }, async () => {
    for (const page of [react, vue]) {
      const isTheFirst = await page.evaluate((first) => document.querySelector('chat-widget')!.transport === first, firstTransports.get(page)!);
      assert.equal(isTheFirst, true, 'the widget kept the transport it was first given');
      assert.equal((await widgetState(page)).status, 'online');
    }
    assert.deepEqual(problems, []);
  });
});
