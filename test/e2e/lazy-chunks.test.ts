// End to end: the drop-in's lazily loaded chunks fail to load for real (Chromium blocks their
// requests, as when offline) and are then let through: the chat keeps working meanwhile and says
// what it cannot do, and once the chunk can be fetched the user's next try works, without a
// reload (a failed module is fetched again on the next import(), as whatwg/html#10327 has it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { launchChromium } from '../helpers/browser.ts';
import { bubblePart, deepText, pollUntil, savedFile, sentBubble, sha256OfFile, waitFor, waitForText } from '../helpers/page.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';
import { en } from '../../src/elements/locales/en.ts';
import { enFailures } from '../../src/elements/locales/en-failures.ts';

const PDF = fileURLToPath(new URL('../fixtures/report.pdf', import.meta.url));
/** A chunk: the URL pattern Chromium blocks (`*` is any text). */
interface Chunk {
  pattern: string;
}
const chunk = (name: string): Chunk => ({ pattern: `*/dist/chunks/${name}-*.js` });
/** The file code: showing, attaching and sending files (one chunk). */
const FILE_CHUNK = chunk('files');
/** The demo uploads by tus: Uppy's tus plugin and client, beside Uppy's core. */
const UPPY_CHUNK = chunk('tus-modules');
const LAUNCHER_CHUNK = chunk('launcher');

/** A page holding the demo's widget, whose requests of one chunk can be made to fail. */
interface ChatPage {
  page: Page;
  /** Makes Chromium fail every request of `chunk` from now on (as when offline); `undefined`: none. */
  block(chunk: Chunk | undefined): Promise<void>;
  /** Every request of a chunk, as `url: continued | aborted | failed (reason) | status`. */
  chunkLog: string[];
  /** Every console error and uncaught error. */
  consoleErrors: string[];
}

interface OpenOptions {
  blocked?: Chunk;
  /** Set on the demo's widget as the page is parsed, before the drop-in defines it. */
  mode?: 'launcher';
  /** Where Chromium saves downloads. */
  downloads?: string;
}

async function openChat(browser: Browser, baseUrl: string, room: string, user: string, options: OpenOptions = {}): Promise<ChatPage> {
  const page = await browser.newPage();
  // Chromium itself blocks the chunk (Network.setBlockedURLs): no request interception, which
  // can leave a dedicated worker's requests hanging.
  const session = await page.createCDPSession();
  await session.send('Network.enable');
  const chat: ChatPage = {
    page,
    block: async (blocked) => void (await session.send('Network.setBlockedURLs', { urls: blocked ? [blocked.pattern] : [] })),
    chunkLog: [],
    consoleErrors: [],
  };
  await chat.block(options.blocked);
  const isChunk = (url: string) => url.includes('/dist/chunks/');
  page.on('request', (request) => {
    if (isChunk(request.url())) chat.chunkLog.push(`${request.url()}: requested`);
  });
  page.on('requestfailed', (request) => {
    if (isChunk(request.url())) chat.chunkLog.push(`${request.url()}: failed (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (isChunk(response.url())) chat.chunkLog.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') chat.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => chat.consoleErrors.push(`uncaught: ${error}`));
  if (options.downloads) {
    await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: options.downloads });
  }
  // tsx keeps function names with a `__name` helper, which functions sent to the page need too.
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
  if (options.mode) {
    await page.evaluateOnNewDocument(`new MutationObserver((records, observer) => {
      const widget = document.querySelector('chat-widget');
      if (!widget) return;
      widget.setAttribute('mode', ${JSON.stringify(options.mode)});
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });`);
  }
  await page.goto(`${baseUrl}/?room=${room}&user=${user}`);
  await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]');
  return chat;
}

/** The page's failed chunk requests and console errors, for failure messages. */
const evidence = (chat: ChatPage) => `chunk requests: ${JSON.stringify(chat.chunkLog)}; console errors: ${JSON.stringify(chat.consoleErrors)}`;

async function typeText(page: Page, text: string): Promise<void> {
  await (await waitFor(page, 'chat-widget >>> file-composer >>> textarea')).type(text);
}

async function sendText(page: Page, text: string): Promise<void> {
  await typeText(page, text);
  await page.keyboard.press('Enter');
}

/** Waits until our message `text` shows "Sent" (the server acknowledged it). */
async function waitUntilSent(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted: string) => {
      const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
      return [...(thread?.shadowRoot?.querySelectorAll('text-bubble') ?? [])].some(
        (bubble) => bubble.shadowRoot?.querySelector('[part="text"]')?.textContent === wanted && bubble.shadowRoot.querySelector('[part="delivery"]')?.textContent === 'Sent',
      );
    },
    { timeout: 10_000, polling: 50 },
    text,
  );
}

/** Picks `path` with the composer's Attach picker. */
async function attach(page: Page, path: string): Promise<void> {
  const picker = await waitFor(page, 'chat-widget >>> file-composer >>> input[type="file"]');
  await (picker as ElementHandle<HTMLInputElement>).uploadFile(path);
}

async function clickSend(page: Page): Promise<void> {
  await (await waitFor(page, 'chat-widget >>> file-composer >>> [part="send"]')).click();
}

/** What the composer shows: its refusals, how many files are staged, the draft. */
function readComposer(page: Page): Promise<{ refusals: string[]; staged: number; draft: string }> {
  return page.evaluate(() => {
    const composer = document.querySelector('chat-widget')!.shadowRoot!.querySelector('file-composer')!.shadowRoot!;
    return {
      refusals: [...(composer.querySelector('[part="error"]')?.querySelectorAll('li') ?? [])].map((item) => item.textContent ?? ''),
      staged: composer.querySelectorAll('[part="staged-file"]').length,
      draft: composer.querySelector('textarea')!.value,
    };
  });
}

/**
 * The thread's messages in order: a text as itself, a file as `file <name>` once its bubble shows,
 * `file (name only) <name>` while the bubble's code is missing and the row shows the name it holds.
 */
function readThread(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const thread = document.querySelector('chat-widget')!.shadowRoot!.querySelector('chat-thread')!.shadowRoot!;
    return [...thread.querySelectorAll('text-bubble, file-bubble')].map((bubble) => {
      if (bubble.localName !== 'file-bubble') return bubble.shadowRoot?.querySelector('[part="text"]')?.textContent ?? '';
      const shown = bubble.shadowRoot?.querySelector('[part="name"]')?.getAttribute('title');
      return shown ? `file ${shown}` : `file (name only) ${(bubble as HTMLElement).innerText.trim()}`;
    });
  });
}

/** Waits until the file bubble `name` shows its `part`, failing with the page's evidence. */
async function seeBubblePart(chat: ChatPage, name: string, part: string, timeout = 15_000): Promise<ElementHandle<Element>> {
  return bubblePart(chat.page, name, part, timeout).catch((error: Error) => assert.fail(`${name}: no ${part}: ${error.message}; ${evidence(chat)}`));
}

/** Waits until our own file `name` says Sent, failing with the page's evidence. */
async function seeSent(chat: ChatPage, name: string, timeout = 15_000): Promise<void> {
  await sentBubble(chat.page, name, timeout).catch((error: Error) => assert.fail(`${name}: not Sent: ${error.message}; ${evidence(chat)}`));
}

/** Clicks the download button of the file `name` and checks the file Chromium saves is `original`, byte for byte. */
async function saveAndCompare(chat: ChatPage, name: string, folder: string, original: string): Promise<void> {
  await (await seeBubblePart(chat, name, 'download')).click();
  const saved = await savedFile(folder, name);
  assert.equal(await sha256OfFile(saved), await sha256OfFile(original), `${name} arrived byte for byte`);
}

describe('chunks that fail to load, then load without a reload', () => {
  let server: { url: string; stop(): Promise<void> };
  // One browser each, as two people have.
  let browsers: Browser[] = [];
  let dataDir: string;
  /** Where each test's downloads go, so a file saved earlier is never taken for a later one. */
  const downloadFolders: string[] = [];
  const downloadFolder = async () => {
    const folder = await mkdtemp(join(tmpdir(), 'chatdrop-chunks-downloads-'));
    downloadFolders.push(folder);
    return folder;
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-chunks-data-'));
    server = await startServerProcess({ dataDir });
    browsers = [await launchChromium(), await launchChromium()];
  });

  after(async () => {
    await Promise.all(browsers.map((browser) => browser.close()));
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await Promise.all(downloadFolders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  describe('the file-sending code', () => {
    let alice: ChatPage;
    let bob: ChatPage;
    let downloads: string;

    before(async () => {
      downloads = await downloadFolder();
      alice = await openChat(browsers[0]!, server.url, 'send-blocked', 'alice', { blocked: FILE_CHUNK });
      bob = await openChat(browsers[1]!, server.url, 'send-blocked', 'bob', { downloads });
    });

    after(async () => {
      await alice?.page.close();
      await bob?.page.close();
    });

    it('cannot load: texts are still sent, and an attached file is refused with a reason, keeping the draft', async () => {
      await sendText(alice.page, 'Still chatting without the file code');
      await waitUntilSent(alice.page, 'Still chatting without the file code');
      await waitForText(bob.page, 'Still chatting without the file code');

      await typeText(alice.page, 'The report, as promised');
      await attach(alice.page, PDF);
      const refused = await pollUntil(() => readComposer(alice.page), (composer) => composer.refusals.length > 0, 'the refusal');
      assert.deepEqual(refused, { refusals: [en.attachUnavailable], staged: 0, draft: 'The report, as promised' }, evidence(alice));
    });

    it('can load again: the file attached again is staged and sent whole, and Bob saves the same bytes', async () => {
      await alice.block(undefined);
      await attach(alice.page, PDF);
      const staged = await pollUntil(() => readComposer(alice.page), (composer) => composer.staged > 0, 'the file staged');
      assert.deepEqual(staged, { refusals: [], staged: 1, draft: 'The report, as promised' }, evidence(alice));

      await clickSend(alice.page);
      await seeSent(alice, 'report.pdf');
      await waitForText(bob.page, 'The report, as promised');
      await saveAndCompare(bob, 'report.pdf', downloads, PDF);
    });
  });

  describe('the uploader code (Uppy)', () => {
    let alice: ChatPage;
    let bob: ChatPage;
    let downloads: string;

    before(async () => {
      downloads = await downloadFolder();
      alice = await openChat(browsers[0]!, server.url, 'uppy-blocked', 'alice', { blocked: UPPY_CHUNK });
      bob = await openChat(browsers[1]!, server.url, 'uppy-blocked', 'bob', { downloads });
    });

    after(async () => {
      await alice?.page.close();
      await bob?.page.close();
    });

    it('cannot load: a file sent fails visibly with a reason and Retry', async () => {
      await attach(alice.page, PDF);
      await waitFor(alice.page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
      await clickSend(alice.page);
      await seeBubblePart(alice, 'report.pdf', 'retry');
      const reason = await (await seeBubblePart(alice, 'report.pdf', 'error')).evaluate((element) => element.textContent);
      assert.equal(reason, enFailures.uploaderUnavailable, evidence(alice));
      assert.ok(alice.consoleErrors.some((line) => line.startsWith('Chatdrop could not load its uploader:')), evidence(alice));
    });

    it('can load again: Retry uploads the file, and Bob saves the same bytes', async () => {
      await alice.block(undefined);
      await (await seeBubblePart(alice, 'report.pdf', 'retry')).click();
      await seeSent(alice, 'report.pdf');
      await saveAndCompare(bob, 'report.pdf', downloads, PDF);
    });
  });

  describe('the uploader code, ahead of Send', () => {
    it('is fetched while a file is staged, so Send does not wait for it', async () => {
      const alice = await openChat(browsers[0]!, server.url, 'uppy-ahead', 'alice');
      try {
        await attach(alice.page, PDF);
        await waitFor(alice.page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
        await pollUntil(async () => alice.chunkLog.filter((line) => /\/tus-modules-.*: (200|304)$/.test(line)), (loaded) => loaded.length > 0, 'the uploader code, before Send', 10_000).catch((error: Error) => assert.fail(`${error.message}; ${evidence(alice)}`));
        assert.equal((await readComposer(alice.page)).staged, 1, 'the file is still staged, not sent');
      } finally {
        await alice.page.close();
      }
    });
  });

  describe('the launcher code', () => {
    let carol: ChatPage;

    before(async () => {
      carol = await openChat(browsers[0]!, server.url, 'launcher-blocked', 'carol', { blocked: LAUNCHER_CHUNK, mode: 'launcher' });
    });

    after(async () => {
      await carol?.page.close();
    });

    /** What the widget shows: whether it is a launcher (a button, a dialog panel) or inline. */
    const readWidget = () =>
      carol.page.evaluate(() => {
        const widget = document.querySelector('chat-widget')!;
        const chat = widget.shadowRoot!.querySelector<HTMLElement>('[part="chat"]')!;
        const box = chat.getBoundingClientRect();
        return {
          mode: widget.getAttribute('mode'),
          hasLauncherButton: widget.shadowRoot!.querySelector('[part="launcher"]') !== null,
          isChatHidden: chat.hidden,
          role: chat.getAttribute('role'),
          isChatSized: box.width > 100 && box.height > 100,
        };
      });

    it('cannot load: a launcher widget shows inline and chats', async () => {
      assert.deepEqual(await readWidget(), { mode: 'launcher', hasLauncherButton: false, isChatHidden: false, role: null, isChatSized: true }, evidence(carol));
      await sendText(carol.page, 'Inline, but here');
      await waitUntilSent(carol.page, 'Inline, but here');
      const said = carol.consoleErrors.filter((line) => line.startsWith('Chatdrop could not load its launcher; the chat shows inline:'));
      assert.equal(said.length, 1, `said once, not at every update: ${evidence(carol)}`);
    });

    it('can load again: the next time the mode is set, the widget becomes a launcher, and its panel holds the chat', async () => {
      await carol.block(undefined);
      await sendText(carol.page, 'Still inline');
      await waitUntilSent(carol.page, 'Still inline');
      assert.equal((await readWidget()).hasLauncherButton, false, 'no launcher of its own accord, mid-conversation');

      await carol.page.evaluate(() => document.querySelector('chat-widget')!.setAttribute('mode', 'launcher'));
      const shown = await pollUntil(readWidget, (widget) => widget.hasLauncherButton, 'the launcher');
      assert.deepEqual(shown, { mode: 'launcher', hasLauncherButton: true, isChatHidden: true, role: 'dialog', isChatSized: false }, evidence(carol));
      await (await waitFor(carol.page, 'chat-widget >>> [part="launcher"]')).click();
      await pollUntil(readWidget, (widget) => !widget.isChatHidden && widget.isChatSized, 'the panel open');
      await waitUntilSent(carol.page, 'Inline, but here');
    });
  });

  describe('the file-viewing code', () => {
    let alice: ChatPage;
    let bob: ChatPage;
    let downloads: string;

    before(async () => {
      downloads = await downloadFolder();
      alice = await openChat(browsers[0]!, server.url, 'view-blocked', 'alice');
      bob = await openChat(browsers[1]!, server.url, 'view-blocked', 'bob', { blocked: FILE_CHUNK, downloads });
    });

    after(async () => {
      await alice?.page.close();
      await bob?.page.close();
    });

    it('cannot load when a file arrives: the texts around it still show, and the file by its name', async () => {
      await sendText(alice.page, 'Before the file');
      await attach(alice.page, PDF);
      await waitFor(alice.page, 'chat-widget >>> file-composer >>> [part="staged-file"]');
      await clickSend(alice.page);
      await seeSent(alice, 'report.pdf');

      await pollUntil(() => readThread(bob.page), (thread) => thread.length === 2, 'the file in bob’s thread');
      await pollUntil(async () => bob.consoleErrors, (errors) => errors.some((line) => line.startsWith('Chatdrop could not load <file-bubble>:')), 'the failed load');
      assert.deepEqual(await readThread(bob.page), ['Before the file', 'file (name only) report.pdf'], 'the text shows, and the file by its name');
      assert.ok((await deepText(bob.page)).includes('Before the file'));
    });

    it('can load again: with the next message the file shows in its bubble, between the texts, and downloads whole', async () => {
      await bob.block(undefined);
      await sendText(alice.page, 'After the file');
      await waitForText(bob.page, 'After the file');
      await seeBubblePart(bob, 'report.pdf', 'name');
      assert.deepEqual(await readThread(bob.page), ['Before the file', 'file report.pdf', 'After the file']);
      await saveAndCompare(bob, 'report.pdf', downloads, PDF);
    });
  });
});
