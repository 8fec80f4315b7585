/**
 * `npm run bench -- hash`: how fast a file's sha256 is made in Chromium, as the file sender does
 * beside an upload (`sha256Hex`): by `crypto.subtle` in one go (files up to 1 GiB) against the
 * incremental hasher reading 4 MiB chunks (bigger files), side by side on the same blobs of random
 * bytes. Options: `--runs=N` (default 5). Medians; prints lines for people and, last, one JSON line.
 */
import { launchChromium } from '../test/helpers/browser.ts';
import { serveBenchPage } from './lib/bench-page.ts';
import { median, round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 5);
const SIZES_MB = [16, 64, 200];

const PAGE_SCRIPT = `
import { sha256Hex } from './src/upload/hash.ts';
const blobs = new Map();
window.makeBlob = (megabytes) => {
  const parts = [];
  for (let left = megabytes * 1_000_000; left > 0; left -= 65536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65536, left))));
  blobs.set(megabytes, new Blob(parts));
};
window.hashBlob = async (megabytes, whole) => {
  const blob = blobs.get(megabytes);
  const started = performance.now();
  const hex = await sha256Hex(blob, undefined, whole ? Infinity : -1);
  return { ms: performance.now() - started, hex };
};
`;

type Page = { makeBlob(megabytes: number): void; hashBlob(megabytes: number, whole: boolean): Promise<{ ms: number; hex: string }> };

const page = await serveBenchPage(PAGE_SCRIPT);
const browser = await launchChromium();
const results: Array<{ mb: number; wholeMs: number; chunkedMs: number }> = [];
try {
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction('typeof window.hashBlob === "function"');
  console.log(`Hash benchmark: sha256 of random blobs in Chromium, ${RUNS} runs each, medians.`);
  for (const mb of SIZES_MB) {
    await tab.evaluate((size) => (window as unknown as Page).makeBlob(size), mb);
    const hash = (whole: boolean) => tab.evaluate((size, inOneGo) => (window as unknown as Page).hashBlob(size, inOneGo), mb, whole);
    const whole: number[] = [];
    const chunked: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [a, b] = [await hash(true), await hash(false)];
      if (a.hex !== b.hex) throw new Error(`the two ways disagree on ${mb} MB: ${a.hex} ≠ ${b.hex}`);
      whole.push(a.ms);
      chunked.push(b.ms);
    }
    const row = { mb, wholeMs: median(whole), chunkedMs: median(chunked) };
    results.push(row);
    const speed = (ms: number) => `${round(mb / (ms / 1000), 0)} MB/s`;
    console.log(`  ${mb} MB: crypto.subtle in one go ${round(row.wholeMs, 0)} ms (${speed(row.wholeMs)}); incremental in 4 MiB chunks ${round(row.chunkedMs, 0)} ms (${speed(row.chunkedMs)})`);
  }
} finally {
  await browser.close();
  await page.close();
}
console.log(JSON.stringify({ bench: 'hash', runs: RUNS, results: results.map((row) => ({ mb: row.mb, wholeMs: round(row.wholeMs, 0), chunkedMs: round(row.chunkedMs, 0), wholeMBps: round(row.mb / (row.wholeMs / 1000), 0), chunkedMBps: round(row.mb / (row.chunkedMs / 1000), 0) })) }));
