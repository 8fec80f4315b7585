/**
 * `npm run bench -- server-memory`: the reference server's memory while it takes many uploads at
 * once (CASES L2). The server runs as its own process (scripts/server-process.mjs); its resident
 * memory (VmRSS in /proc/<pid>/status) is sampled every 50 ms. Per run, a fresh server:
 * a warm-up upload, the baseline (median RSS over 500 ms idle), then `--uploads=N` (default 20)
 * concurrent uploads of `--mb=N` MiB (default 10): peak RSS and growth over the baseline; then
 * `--small=N` (default 8) concurrent 1 MiB uploads: wall time. Every answer must be a 201 with
 * the right size. Options also `--runs=N` (default 3). Prints lines for people, then one JSON
 * line. Goals: growth < 64 MB; the small burst < 1 s.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { median, round, sleep } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 3);
const UPLOADS = Number(args.get('uploads') ?? 20);
const MIB = Number(args.get('mb') ?? 10);
const SMALL = Number(args.get('small') ?? 8);
const GROWTH_GOAL_MB = 64;
const SMALL_GOAL_MS = 1000;

const MB = 1024 * 1024;

/** Resident memory of a process in bytes. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

/** Samples a process's RSS every 50 ms until stopped; answers every sample. */
function sampleRss(pid: number): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await rssOf(pid));
      await sleep(50);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** One multipart upload of `bytes` (streamed from the shared buffer, never copied); resolves with the stored size. */
function upload(baseUrl: string, bytes: Buffer, name: string): Promise<number> {
  const boundary = `bench-${Math.random().toString(36).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/upload`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes.length + tail.length },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => {
        if (res.statusCode !== 201) return reject(new Error(`upload answered ${res.statusCode}: ${text}`));
        resolve((JSON.parse(text) as { size: number }).size);
      });
    });
    req.on('error', reject);
    req.write(head);
    req.write(bytes);
    req.end(tail);
  });
}

/** Runs `count` uploads of `bytes` at once; answers the wall time in ms after checking every size. */
async function burst(baseUrl: string, bytes: Buffer, count: number): Promise<number> {
  const started = performance.now();
  const sizes = await Promise.all(Array.from({ length: count }, (_, index) => upload(baseUrl, bytes, `file-${index}.bin`)));
  const ms = performance.now() - started;
  if (sizes.some((size) => size !== bytes.length)) throw new Error(`a stored size is wrong: ${sizes.join(', ')}`);
  return ms;
}

interface Run {
  baselineMb: number;
  peakMb: number;
  growthMb: number;
  burstMs: number;
  smallMs: number;
}

async function run(big: Buffer, small: Buffer): Promise<Run> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-bench-memory-'));
  const server = await startServerProcess({ dataDir, env: { MAX_FILE_SIZE: String(Math.max(big.length, 100 * MB)) } });
  try {
    await burst(server.url, small, 1);
    const idle = sampleRss(server.pid);
    await sleep(500);
    const baseline = median(await idle.stop());
    const busy = sampleRss(server.pid);
    const burstMs = await burst(server.url, big, UPLOADS);
    await sleep(100);
    const peak = Math.max(...(await busy.stop()));
    const smallMs = await burst(server.url, small, SMALL);
    return { baselineMb: round(baseline / MB), peakMb: round(peak / MB), growthMb: round((peak - baseline) / MB), burstMs: round(burstMs, 0), smallMs: round(smallMs, 0) };
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Server memory benchmark: ${UPLOADS} concurrent ${MIB} MiB uploads (RSS sampled every 50 ms), then ${SMALL} concurrent 1 MiB uploads; ${RUNS} runs, medians reported.`);
  const big = randomBytes(MIB * MB);
  const small = randomBytes(MB);
  const runs: Run[] = [];
  for (let index = 0; index < RUNS; index++) {
    const result = await run(big, small);
    runs.push(result);
    console.log(`  run ${index + 1}: baseline ${result.baselineMb} MB, peak ${result.peakMb} MB, growth ${result.growthMb} MB, ${UPLOADS}×${MIB} MiB in ${result.burstMs} ms; ${SMALL}×1 MiB in ${result.smallMs} ms`);
  }
  const pick = (key: keyof Run) => round(median(runs.map((item) => item[key])), key.endsWith('Ms') ? 0 : 1);
  const summary = { baselineMb: pick('baselineMb'), peakMb: pick('peakMb'), growthMb: pick('growthMb'), burstMs: pick('burstMs'), smallMs: pick('smallMs') };
  console.log(`→ RSS growth ${summary.growthMb} MB (goal < ${GROWTH_GOAL_MB} MB): baseline ${summary.baselineMb} MB, peak ${summary.peakMb} MB`);
  console.log(`→ ${SMALL} concurrent 1 MiB uploads: ${summary.smallMs} ms wall (goal < ${SMALL_GOAL_MS} ms); ${UPLOADS}×${MIB} MiB: ${summary.burstMs} ms`);
  console.log(JSON.stringify({
    bench: 'server-memory',
    uploads: UPLOADS,
    mebibytes: MIB,
    small: SMALL,
    runs: RUNS,
    ...summary,
    goalMet: summary.growthMb < GROWTH_GOAL_MB && summary.smallMs < SMALL_GOAL_MS,
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
