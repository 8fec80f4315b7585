/**
 * `npm run bench -- upload`: a large file uploaded from headless Chromium by the default upload
 * handler (Uppy + XHR, the picked File itself) against `curl -F file=@…`, both to the reference
 * server (its own process, on loopback). The file is picked from disk in the page, as a user
 * would. Also the longest main-thread task during the browser uploads (PerformanceObserver
 * 'longtask': none means none over 50 ms). The browser uploads the file twice per run: picked
 * from disk, and made in memory. Options: `--mb=N` (default 200), `--runs=N` (default 3).
 * Prints lines for people and, last, one JSON line. Goal: browser ≥ 0.8× curl.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { launchChromium } from '../test/helpers/browser.ts';
import { serveBenchPage } from './lib/bench-page.ts';
import { writeRandomFile } from './lib/random-file.ts';
import { median, round } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const MB = Number(args.get('mb') ?? 200);
const RUNS = Number(args.get('runs') ?? 3);
const SIZE = MB * 1_000_000;

/** What the page reports for one upload. */
interface BrowserRun {
  ms: number;
  url: string;
  longestTaskMs: number;
}

const PAGE_SCRIPT = `
import { createUppyUploader } from './src/upload/uppy-uploader.ts';
const longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });
let inMemory;
window.makeInMemory = (size) => {
  const bytes = new Uint8Array(size);
  for (let offset = 0; offset < size; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65536)));
  inMemory = new File([bytes], 'memory.bin', { type: 'application/octet-stream' });
};
window.uploadPicked = async (endpoint, source) => {
  const file = source === 'memory' ? inMemory : document.getElementById('file').files[0];
  const upload = createUppyUploader({ endpoint });
  const started = performance.now();
  const { url } = await upload(file, { id: crypto.randomUUID(), signal: new AbortController().signal, onProgress: () => {} });
  const ended = performance.now();
  const during = longTasks.filter((task) => task.startTime >= started && task.startTime <= ended);
  return { ms: ended - started, url, longestTaskMs: Math.max(0, ...during.map((task) => task.duration)) };
};
`;

/** Where the uploaded File comes from: picked from disk with the file input, or made in memory (pasted, generated). */
type Source = 'disk' | 'memory';
const SOURCES: Source[] = ['disk', 'memory'];
const SOURCE_NAMES: Record<Source, string> = { disk: 'file picked from disk', memory: 'file made in memory' };

const speed = (ms: number) => `${round(MB / (ms / 1000), 0)} MB/s`;
const describeRun = (run: BrowserRun) => `${round(run.ms, 0)} ms (${speed(run.ms)}${run.longestTaskMs > 0 ? `, longest task ${round(run.longestTaskMs, 0)} ms` : ''})`;

const execFileAsync = promisify(execFile);

/** Seconds curl took for one multipart upload, after checking the server stored every byte. */
async function curlUpload(endpoint: string, path: string): Promise<number> {
  const { stdout } = await execFileAsync('curl', ['-sS', '-w', '\\n%{time_total}', '-F', `file=@${path};type=application/octet-stream`, endpoint], { maxBuffer: 1 << 20 });
  const [body, seconds] = stdout.trimEnd().split('\n');
  const stored = JSON.parse(body!) as { size?: number };
  if (stored.size !== SIZE) throw new Error(`curl: the server stored ${stored.size} bytes, not ${SIZE}`);
  return Number(seconds) * 1000;
}

async function storedSize(url: string): Promise<number> {
  const response = await fetch(url, { method: 'HEAD' });
  return Number(response.headers.get('content-length'));
}

const work = await mkdtemp(join(tmpdir(), 'chatdrop-bench-upload-'));
const filePath = join(work, 'upload.bin');
const server = await startServerProcess({ dataDir: join(work, 'data'), env: { CORS_ORIGINS: '*', MAX_FILE_SIZE: String(SIZE + 1_000_000), UPLOAD_QUOTA_PER_DAY: '0', UPLOAD_DISK_QUOTA: '0' } });
const page = await serveBenchPage(PAGE_SCRIPT);
const browser = await launchChromium();
try {
  console.log(`Upload benchmark: ${MB} MB of random bytes to the reference server on loopback; ${RUNS} runs each, medians reported.`);
  await writeRandomFile(filePath, SIZE);
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction('typeof window.uploadPicked === "function"');
  const input = await tab.$('input#file');
  await input!.uploadFile(filePath);
  await tab.evaluate((size) => (window as unknown as { makeInMemory(size: number): void }).makeInMemory(size), SIZE);
  const endpoint = `${server.url}/upload`;
  const browserUpload = async (source: Source): Promise<BrowserRun> => {
    const run = (await tab.evaluate((url, from) => (window as unknown as { uploadPicked(url: string, from: string): Promise<BrowserRun> }).uploadPicked(url, from), endpoint, source)) as BrowserRun;
    const size = await storedSize(run.url);
    if (size !== SIZE) throw new Error(`browser: the server stored ${size} bytes, not ${SIZE}`);
    return run;
  };
  const runs: Record<Source, BrowserRun[]> = { disk: [], memory: [] };
  const curlRuns: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    for (const source of SOURCES) runs[source].push(await browserUpload(source));
    curlRuns.push(await curlUpload(endpoint, filePath));
    const line = SOURCES.map((source) => `browser ${source} ${describeRun(runs[source][index]!)}`).join('; ');
    console.log(`  run ${index + 1}: ${line}; curl ${round(curlRuns[index]!, 0)} ms (${speed(curlRuns[index]!)})`);
  }
  const curlMs = median(curlRuns);
  const summary = Object.fromEntries(
    SOURCES.map((source) => {
      const browserMs = median(runs[source].map((run) => run.ms));
      const longestTaskMs = Math.max(...runs[source].map((run) => run.longestTaskMs));
      return [source, { browserMs: round(browserMs, 0), browserMBps: round(MB / (browserMs / 1000), 1), ratioToCurl: round(curlMs / browserMs, 3), longestMainThreadTaskMs: round(longestTaskMs, 0) }];
    }),
  ) as Record<Source, { browserMs: number; browserMBps: number; ratioToCurl: number; longestMainThreadTaskMs: number }>;
  console.log(`→ curl ${round(curlMs, 0)} ms (${speed(curlMs)})`);
  for (const source of SOURCES) {
    const { browserMs, ratioToCurl, longestMainThreadTaskMs } = summary[source];
    const longest = longestMainThreadTaskMs > 0 ? `${longestMainThreadTaskMs} ms` : 'none over 50 ms';
    console.log(`→ browser, ${SOURCE_NAMES[source]}: ${browserMs} ms (${speed(browserMs)}), ${ratioToCurl}× curl (goal ≥ 0.8×); longest main-thread task ${longest}`);
  }
  console.log(JSON.stringify({ bench: 'upload', megabytes: MB, runs: RUNS, curlMs: round(curlMs, 0), curlMBps: round(MB / (curlMs / 1000), 1), ...summary, goalMet: summary.disk.ratioToCurl >= 0.8 }));
} finally {
  await browser.close();
  await page.close();
  await server.stop();
  await rm(work, { recursive: true, force: true });
}
