/**
 * A headless Chromium page running the widget's own upload and download handlers (bundled from
 * src/), for fault tests that need a real browser on one side and the fault proxy in the middle.
 */
import type { Browser, Page } from 'puppeteer-core';
import { serveBenchPage, type BenchPage } from '../../bench/lib/bench-page.ts';
import { launchChromium } from '../helpers/browser.ts';

const SCRIPT = `
import { createUppyUploader } from './src/upload/uppy-uploader.ts';
import { fetchDownload } from './src/upload/downloader.ts';
import { WebSocketTransport } from './src/transport/websocket.ts';

const hex = async (blob) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))].map((b) => b.toString(16).padStart(2, '0')).join('');
let file;
let controller;

window.makeFile = async (size) => {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
  file = new File([bytes], 'fault.bin', { type: 'application/octet-stream' });
  return hex(file);
};

window.upload = async (endpoint, id) => {
  const progress = [];
  const retries = [];
  controller = new AbortController();
  let longestGapMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => { const now = performance.now(); longestGapMs = Math.max(longestGapMs, now - last); last = now; }, 20);
  try {
    const result = await createUppyUploader({ endpoint })(file, { id, signal: controller.signal, onProgress: (sent) => progress.push(sent), onRetry: ({ attempt }) => retries.push(attempt) });
    return { url: result.url, progress, retries, longestGapMs };
  } catch (error) {
    return { error: error.message, progress, retries, longestGapMs };
  } finally {
    clearInterval(ticker);
  }
};

window.cancelUpload = () => controller.abort();

window.download = async (attachment) => {
  const progress = [];
  try {
    const blob = await fetchDownload(attachment, { signal: new AbortController().signal, onProgress: (received) => progress.push(received) });
    return { sha256: await hex(blob), size: blob.size, progress };
  } catch (error) {
    return { error: error.message, progress };
  }
};

/** Joins the relay and sends a text every 100 ms until stopped, noting how long each ack took. */
window.chatWhile = async (relayUrl) => {
  const transport = new WebSocketTransport(relayUrl);
  const room = 'slow-' + crypto.randomUUID();
  await transport.connect({ room, user: { id: 'alice' } });
  const ackMs = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await transport.send({ id: crypto.randomUUID(), room, sender: { id: 'alice' }, createdAt: Date.now(), text: 'still here' }).catch(() => undefined);
      ackMs.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  window.stopChat = async () => { running = false; await loop; transport.close(); return ackMs; };
};
`;

/** A Chromium page with `makeFile`, `upload`, `cancelUpload`, `download` and `chatWhile` on its window. */
export interface TransferPage {
  page: Page;
  close(): Promise<void>;
}

/** Bundles the page script, launches Chromium and opens the page. */
export async function openTransferPage(): Promise<TransferPage> {
  const served: BenchPage = await serveBenchPage(SCRIPT);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'upload' in window);
    return {
      page,
      async close() {
        await browser?.close();
        await served.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await served.close();
    throw error;
  }
}
