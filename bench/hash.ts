/**
 * `npm run bench -- hash`: how fast a file's sha256 is made in Chromium, on the same blobs of
 * random bytes, side by side: `crypto.subtle` in one go (what `sha256Hex` uses up to 64 MiB), our
 * WebAssembly SHA-256 fed 4 MiB chunks (what it uses for bigger files, and downloads as bytes
 * arrive), and, fed the same chunks, the two it is measured against: hash-wasm's (unrolled, 5.5 KB
 * brotli, which it replaced) and @noble/hashes (plain JavaScript). Options: `--runs=N` (default 5). Medians; prints lines for people and, last, one JSON line.
 */
import { launchChromium } from '../test/helpers/browser.ts';
import { serveBenchPage } from './lib/bench-page.ts';
import { median, round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 5);
const SIZES_MB = [16, 64, 200];
const WAYS = ['subtle', 'ours', 'hashWasm', 'noble'] as const;
type Way = (typeof WAYS)[number];

const PAGE_SCRIPT = `
import { sha256Hex } from './src/upload/hash.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createSHA256 } from 'hash-wasm';
const CHUNK = 4 * 1024 * 1024;
const blobs = new Map();
window.makeBlob = (megabytes) => {
  blobs.clear();
  const parts = [];
  for (let left = megabytes * 1_000_000; left > 0; left -= 65536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65536, left))));
  blobs.set(megabytes, new Blob(parts));
};
async function inChunks(blob, hasher) {
  for (let offset = 0; offset < blob.size; offset += CHUNK) hasher.update(new Uint8Array(await blob.slice(offset, offset + CHUNK).arrayBuffer()));
  return hasher;
}
const noble = async (blob) => bytesToHex((await inChunks(blob, sha256.create())).digest());
async function hashWasm(blob) {
  const hasher = await createSHA256();
  hasher.init();
  return (await inChunks(blob, hasher)).digest('hex');
}
window.hashBlob = async (megabytes, way) => {
  const blob = blobs.get(megabytes);
  const started = performance.now();
  const hex = way === 'noble' ? await noble(blob) : way === 'hashWasm' ? await hashWasm(blob) : await sha256Hex(blob, CHUNK, way === 'subtle' ? Infinity : -1);
  return { ms: performance.now() - started, hex };
};
`;

type Page = { makeBlob(megabytes: number): void; hashBlob(megabytes: number, way: Way): Promise<{ ms: number; hex: string }> };

const page = await serveBenchPage(PAGE_SCRIPT);
const browser = await launchChromium();
const results: Array<{ mb: number } & Record<Way, number>> = [];
try {
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction('typeof window.hashBlob === "function"');
  console.log(`Hash benchmark: sha256 of random blobs in Chromium, ${RUNS} runs each, medians.`);
  for (const mb of SIZES_MB) {
    await tab.evaluate((size) => (window as unknown as Page).makeBlob(size), mb);
    const times: Record<Way, number[]> = { subtle: [], ours: [], hashWasm: [], noble: [] };
    for (let run = 0; run < RUNS; run++) {
      const digests = new Set<string>();
      for (const way of WAYS) {
        const { ms, hex } = await tab.evaluate((size, how) => (window as unknown as Page).hashBlob(size, how), mb, way);
        times[way].push(ms);
        digests.add(hex);
      }
      if (digests.size !== 1) throw new Error(`the ways disagree on ${mb} MB: ${[...digests].join(' ≠ ')}`);
    }
    const row = { mb, subtle: median(times.subtle), ours: median(times.ours), hashWasm: median(times.hashWasm), noble: median(times.noble) };
    results.push(row);
    const speed = (ms: number) => `${round(ms, 0)} ms (${round(mb / (ms / 1000), 0)} MB/s)`;
    console.log(`  ${mb} MB: crypto.subtle in one go ${speed(row.subtle)}; in 4 MiB chunks: ours ${speed(row.ours)}, hash-wasm ${speed(row.hashWasm)}, @noble/hashes ${speed(row.noble)}`);
  }
} finally {
  await browser.close();
  await page.close();
}
const mbps = (mb: number, ms: number) => round(mb / (ms / 1000), 0);
console.log(JSON.stringify({ bench: 'hash', runs: RUNS, results: results.map((row) => ({ mb: row.mb, subtleMBps: mbps(row.mb, row.subtle), oursMBps: mbps(row.mb, row.ours), hashWasmMBps: mbps(row.mb, row.hashWasm), nobleMBps: mbps(row.mb, row.noble) })) }));
