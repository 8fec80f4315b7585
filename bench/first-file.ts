/**
 * `npm run bench -- first-file`: what a person opening a chat on a slow connection waits for
 * before the first picture of its history shows. Alice sends a photo on the demo page of the
 * reference server (its own process, on loopback); then, each run, Bob opens the same room in a
 * fresh browser context with no cache, throttled (150 ms round trip, 200 KB/s down, 90 KB/s up),
 * and the time runs from his navigation until the photo's bubble shows its decoded thumbnail: the
 * page, the drop-in, the file code and the thumbnail, over a connection that also carries what
 * the page prefetches once idle. The reference server sends scripts uncompressed, so bytes weigh
 * more here than behind a compressing CDN. Builds the widget first (`--no-build` to skip).
 * Options: `--runs=N` (default 5). Medians; prints lines for people and, last, one JSON line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElementHandle } from 'puppeteer-core';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { launchChromium } from '../test/helpers/browser.ts';
import { sentBubble, waitFor } from '../test/helpers/page.ts';
import { median } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 5);
if (!(RUNS > 0)) throw new Error('Usage: npm run bench -- first-file [--runs=5] [--no-build]');
const PHOTO = fileURLToPath(new URL('../test/fixtures/photo.jpg', import.meta.url));
/** A slow connection: 150 ms round trip, 200 KB/s down, 90 KB/s up (DevTools' conditions, bytes per second). */
const SLOW = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 90_000 };

if (!args.has('no-build')) {
  const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
}

const work = await mkdtemp(join(tmpdir(), 'chatdrop-bench-first-file-'));
const server = await startServerProcess({ dataDir: join(work, 'data') });
const browser = await launchChromium();
try {
  const alice = await browser.newPage();
  await alice.goto(`${server.url}/?room=first-file&user=alice`);
  await waitFor(alice, 'chat-widget >>> [part="status"][data-status="online"]');
  const picker = (await waitFor(alice, 'chat-widget >>> file-composer >>> input[type="file"]')) as ElementHandle<HTMLInputElement>;
  await picker.uploadFile(PHOTO);
  await waitFor(alice, 'chat-widget >>> file-composer >>> [part="staged-file"]');
  await (await waitFor(alice, 'chat-widget >>> file-composer >>> [part="send"]')).click();
  await sentBubble(alice, 'photo.jpg', 20_000);

  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', SLOW);
      await page.goto(`${server.url}/?room=first-file&user=bob-${run}`);
      // The time the page itself reads when the thumbnail is first decoded, from its navigation.
      const shownAt = await page.waitForFunction(
        () => {
          const bubble = document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-thread')?.shadowRoot?.querySelector('file-bubble');
          const thumbnail = bubble?.shadowRoot?.querySelector<HTMLImageElement>('img[part~="thumbnail"]');
          return thumbnail?.complete && thumbnail.naturalWidth > 0 ? performance.now() : false;
        },
        { timeout: 60_000, polling: 10 },
      );
      const ms = Math.round((await shownAt.jsonValue()) as number);
      times.push(ms);
      console.log(`  run ${run}: the first picture of the history shows ${ms} ms after navigation`);
    } finally {
      await context.close();
    }
  }
  const result = { bench: 'first-file', runs: RUNS, network: SLOW, medianMs: median(times), times };
  console.log(`First picture of the history on a cold, throttled page (150 ms RTT, 200 KB/s): median ${result.medianMs} ms of ${RUNS} runs.`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
