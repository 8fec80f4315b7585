// Helpers for tests that drive real Chromium pages holding a <chat-widget>.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Hex sha256 of a file on disk. */
export const sha256OfFile = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

/**
 * Waits for a deep selector (`a >>> b` crosses shadow roots). Polls: puppeteer's own
 * waitForSelector watches the document's mutations and misses changes inside shadow roots.
 */
export async function waitFor(page: Page, selector: string, timeout = 10_000): Promise<ElementHandle<Element>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await page.$(selector);
    if (handle) return handle;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear`);
    await sleep(50);
  }
}

/** Waits for the part `part` (or, for `bubble`, the element itself) of the file bubble named `name`. */
export async function bubblePart(page: Page, name: string, part: string, timeout = 10_000): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (fileName: string, partName: string) => {
      const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
      for (const bubble of thread?.shadowRoot?.querySelectorAll('file-bubble') ?? []) {
        if (bubble.shadowRoot?.querySelector('[part="bubble"]')?.getAttribute('aria-label') !== fileName) continue;
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

/**
 * Clicks the part `part` of the file bubble named `name`, as a user would the button they see: a
 * bubble that re-renders between finding the part and clicking it (an image's download finishing,
 * say) replaces the element, so the part is found again and clicked, until `timeout`.
 */
export async function clickBubblePart(page: Page, name: string, part: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const handle = await bubblePart(page, name, part, Math.max(1, deadline - Date.now()));
    try {
      await handle.click();
      return;
    } catch (error) {
      if (!/detached|not clickable|no longer attached/i.test(String(error)) || Date.now() > deadline) throw error;
    } finally {
      await handle.dispose().catch(() => undefined);
    }
  }
}

/**
 * Waits until the sender's own bubble for the file `name` says Sent: uploaded and stored. (It shows
 * the file from the sender's device and offers no Download of a file just picked.)
 */
export async function sentBubble(page: Page, name: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    (fileName: string) => {
      const thread = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread');
      return [...(thread?.shadowRoot?.querySelectorAll('file-bubble') ?? [])].some(
        (bubble) => bubble.shadowRoot?.querySelector('[part="bubble"]')?.getAttribute('aria-label') === fileName && bubble.shadowRoot.querySelector('[part="delivery"]')?.textContent === 'Sent',
      );
    },
    { timeout, polling: 50 },
    name,
  );
}

/** Waits for a file fully saved by Chromium (no `.crdownload` left) in `folder`. */
export async function savedFile(folder: string, name: string, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const names = await readdir(folder).catch(() => [] as string[]);
    if (names.includes(name) && !names.some((entry) => entry.endsWith('.crdownload'))) return join(folder, name);
    if (Date.now() > deadline) throw new Error(`${name} was not saved; the folder holds ${names.join(', ') || 'nothing'}`);
    await sleep(50);
  }
}

/** All text of the page, shadow roots included. */
export function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walk = (node: Node): string => {
      let text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
      if (node instanceof Element && node.shadowRoot) text += walk(node.shadowRoot);
      for (const child of node.childNodes) text += walk(child);
      return text;
    };
    return walk(document.body);
  });
}

/** Waits for `text` anywhere in the page, shadow roots included. */
export async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await deepText(page)).includes(text)) {
    if (Date.now() > deadline) throw new Error(`"${text}" did not appear`);
    await sleep(50);
  }
}

/**
 * Reads with `read` every 50 ms until `check` passes, and returns what passed. A read that throws
 * (the page is reloading, say) counts as not yet.
 */
export async function pollUntil<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** The URL the file message of `name` carries, once the page's widget has it. */
export function receivedFileUrl(page: Page, name: string, timeout = 30_000): Promise<string> {
  return pollUntil(
    () =>
      page.evaluate((fileName: string) => {
        const store = (document.querySelector('chat-widget') as HTMLElement & { store?: { $entries: { get(): Array<{ message: { attachments?: Array<{ name: string; url: string }> } }> } } }).store;
        return store?.$entries.get().flatMap((entry) => entry.message.attachments ?? []).find((attachment) => attachment.name === fileName)?.url ?? '';
      }, name),
    (url) => url !== '',
    `${name} to reach the page`,
    timeout,
  );
}

/** Bytes of the largest unfinished tus upload in the reference server's data folder (tests hold one at a time). */
export async function tusBytesOnDisk(dataDir: string): Promise<number> {
  const names = await readdir(join(dataDir, 'tus')).catch(() => [] as string[]);
  const sizes = await Promise.all(names.filter((name) => !name.endsWith('.json')).map((name) => stat(join(dataDir, 'tus', name)).then((info) => info.size, () => 0)));
  return Math.max(0, ...sizes);
}

/**
 * Opens a page that makes its `<chat-widget>` from its query (`attributes`, e.g. `room`, `user`,
 * `transport`) in a new tab of `browser`, and resolves once the widget is online.
 */
export async function openWidgetPage(browser: Browser, pageUrl: string, attributes: Record<string, string>): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`${attributes.user ?? 'page'}: ${error}`));
  await page.goto(`${pageUrl}?${new URLSearchParams(attributes)}`);
  await waitFor(page, 'chat-widget >>> [part="status"][data-status="online"]', 15_000);
  return page;
}
