/**
 * `npm run bench -- server-memory`: the reference server's memory while it takes many uploads at
 * once (CASES L2), and while it holds a large history. The server runs as its own process
 * (scripts/server-process.mjs); its resident memory (VmRSS in /proc/<pid>/status) is sampled
 * every 50 ms.
 *
 * Uploads, per run, a fresh server: a warm-up upload, the baseline (median RSS over 500 ms idle),
 * then `--uploads=N` (default 20) concurrent uploads of `--mb=N` MiB (default 10): peak RSS and
 * growth over the baseline; then `--small=N` (default 8) concurrent 1 MiB uploads: wall time.
 * Every answer must be a 201 with the right size. Options also `--runs=N` (default 3).
 *
 * History, once: `--messages=N` (default 1 000 000) text messages over `--rooms=N` (default 1 000)
 * rooms, round-robin, appended straight through the storage interface (`server/history.ts`) in
 * groups of 5 000; then a server started on that data folder: its RSS idle, and `--joins=N`
 * (default 20) joins of random rooms, each timed from the `join` frame to the `joined` answer with
 * its history page (the newest 200), one after another; then RSS again.
 *
 * Bounds (`lib/server-bounds.ts`): `--slow=N` (default 150) sockets that stop reading while asking
 * for history pages: peak RSS growth and the time until all are dropped; then a message every 50 ms
 * in a quiet room, timed from send to arrival, alone and while `--flood=N` (default 40) sockets
 * flood another room for `--flood-ms=N` (default 2 000): p50 and p95.
 *
 * `--part=uploads|history|bounds` runs one part. Prints lines for people, then one JSON line. Goals:
 * upload growth < 64 MB; the small burst < 1 s; RSS with the history stored < 250 MB; the median
 * join < 50 ms; slow readers: growth < 200 MB, all dropped within 10 s; the quiet room's p95
 * during the flood < 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { HISTORY_FILE } from '../server/app.ts';
import { openSqliteHistory } from '../server/sqlite-history.ts';
import type { ServerFrame } from '../src/transport/protocol.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { floodFairness, slowReaders } from './lib/server-bounds.ts';
import { median, percentile, round, sleep } from './lib/stats.ts';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=') as [string, string]));
const RUNS = Number(args.get('runs') ?? 3);
const UPLOADS = Number(args.get('uploads') ?? 20);
const MIB = Number(args.get('mb') ?? 10);
const SMALL = Number(args.get('small') ?? 8);
const MESSAGES = Number(args.get('messages') ?? 1_000_000);
const ROOMS = Number(args.get('rooms') ?? 1000);
const JOINS = Number(args.get('joins') ?? 20);
const PART = args.get('part') ?? 'all';
const SLOW_READERS = Number(args.get('slow') ?? 150);
const FLOOD_SOCKETS = Number(args.get('flood') ?? 40);
const FLOOD_MS = Number(args.get('flood-ms') ?? 2000);
const SLOW_GROWTH_GOAL_MB = 200;
const SLOW_DROP_GOAL_MS = 10_000;
const FLOOD_P95_GOAL_MS = 50;
const GROWTH_GOAL_MB = 64;
const SMALL_GOAL_MS = 1000;
const HISTORY_RSS_GOAL_MB = 250;
const JOIN_GOAL_MS = 50;
const APPEND_GROUP = 5000;

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

async function uploadsPart(): Promise<{ figures: Record<string, number>; goalMet: boolean }> {
  console.log(`Uploads: ${UPLOADS} concurrent ${MIB} MiB uploads (RSS sampled every 50 ms), then ${SMALL} concurrent 1 MiB uploads; ${RUNS} runs, medians reported.`);
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
  return {
    figures: { uploads: UPLOADS, mebibytes: MIB, small: SMALL, runs: RUNS, ...summary },
    goalMet: summary.growthMb < GROWTH_GOAL_MB && summary.smallMs < SMALL_GOAL_MS,
  };
}

/** Appends `MESSAGES` messages over `ROOMS` rooms through the storage interface; answers the ms taken. */
async function fillHistory(dataDir: string): Promise<number> {
  await mkdir(join(dataDir, 'rooms'));
  const history = openSqliteHistory({ file: join(dataDir, 'rooms', HISTORY_FILE) });
  const started = performance.now();
  try {
    for (let first = 0; first < MESSAGES; first += APPEND_GROUP) {
      const group: Array<Promise<unknown>> = [];
      for (let index = first; index < Math.min(first + APPEND_GROUP, MESSAGES); index++) {
        const room = `room-${index % ROOMS}`;
        const text = `Message ${index}: a line of ordinary chat, about as long as most are.`;
        group.push(history.append(room, { id: randomUUID(), room, sender: { id: `user-${index % 7}` }, createdAt: Date.now(), text }));
      }
      await Promise.all(group);
    }
  } finally {
    await history.close();
  }
  return performance.now() - started;
}

/** Opens a socket, joins `room` and answers the ms from sending `join` to the `joined` answer. */
async function timeJoin(baseUrl: string, room: string): Promise<number> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  try {
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const joined = new Promise<ServerFrame>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)) as ServerFrame)));
    const started = performance.now();
    socket.send(JSON.stringify({ type: 'join', room, user: { id: 'bench' } }));
    const frame = await joined;
    const ms = performance.now() - started;
    if (frame.type !== 'joined' || frame.messages.length !== Math.min(200, Math.floor(MESSAGES / ROOMS))) throw new Error(`unexpected answer to a join: ${JSON.stringify(frame).slice(0, 200)}`);
    return ms;
  } finally {
    socket.terminate();
  }
}

async function historyPart(): Promise<{ figures: Record<string, number>; goalMet: boolean }> {
  console.log(`History: ${MESSAGES} messages over ${ROOMS} rooms appended through the storage interface, then a server on that data: RSS, and ${JOINS} joins with a history page.`);
  const dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-bench-history-'));
  try {
    const fillMs = await fillHistory(dataDir);
    const fileMb = (await stat(join(dataDir, 'rooms', HISTORY_FILE))).size / MB;
    console.log(`  appended in ${round(fillMs / 1000)} s (${Math.round(MESSAGES / (fillMs / 1000))} a second); ${HISTORY_FILE} ${round(fileMb)} MB`);
    const server = await startServerProcess({ dataDir });
    try {
      await sleep(300);
      const idle = sampleRss(server.pid);
      await sleep(500);
      const idleMb = median(await idle.stop()) / MB;
      const busy = sampleRss(server.pid);
      const joins: number[] = [];
      for (let index = 0; index < JOINS; index++) joins.push(await timeJoin(server.url, `room-${Math.floor(Math.random() * ROOMS)}`));
      await sleep(100);
      const peakMb = Math.max(...(await busy.stop())) / MB;
      const figures = {
        messages: MESSAGES,
        rooms: ROOMS,
        joins: JOINS,
        fillSeconds: round(fillMs / 1000),
        fileMb: round(fileMb),
        historyIdleRssMb: round(idleMb),
        historyPeakRssMb: round(peakMb),
        joinMedianMs: round(median(joins)),
        joinP95Ms: round(percentile(joins, 95)),
        firstJoinMs: round(joins[0]!),
      };
      console.log(`→ RSS with ${MESSAGES} messages stored: ${figures.historyIdleRssMb} MB idle, ${figures.historyPeakRssMb} MB peak during the joins (goal < ${HISTORY_RSS_GOAL_MB} MB)`);
      console.log(`→ join with its history page: median ${figures.joinMedianMs} ms, p95 ${figures.joinP95Ms} ms, first ${figures.firstJoinMs} ms (goal < ${JOIN_GOAL_MS} ms)`);
      return { figures, goalMet: peakMb < HISTORY_RSS_GOAL_MB && median(joins) < JOIN_GOAL_MS };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function boundsPart(): Promise<{ figures: Record<string, number>; goalMet: boolean }> {
  console.log(`Bounds: ${SLOW_READERS} sockets that stop reading and ask for history pages; then a quiet room while ${FLOOD_SOCKETS} sockets flood another for ${FLOOD_MS} ms.`);
  const slow = await slowReaders(SLOW_READERS);
  console.log(`→ ${SLOW_READERS} slow readers: RSS ${slow.baselineMb} → peak ${slow.peakMb} MB (growth ${slow.growthMb} MB, goal < ${SLOW_GROWTH_GOAL_MB} MB), all dropped after ${slow.droppedMs} ms (goal < ${SLOW_DROP_GOAL_MS} ms), ${slow.afterMb} MB a second later`);
  const flood = await floodFairness(FLOOD_SOCKETS, FLOOD_MS);
  console.log(`→ quiet room, send to arrival: alone p50 ${flood.aloneP50Ms} ms, p95 ${flood.aloneP95Ms} ms; during the flood p50 ${flood.floodP50Ms} ms, p95 ${flood.floodP95Ms} ms (goal < ${FLOOD_P95_GOAL_MS} ms); the flood sent ${flood.floodSent} messages, ${flood.floodAcked} stored`);
  return {
    figures: {
      slowReaders: SLOW_READERS,
      slowBaselineMb: slow.baselineMb,
      slowPeakMb: slow.peakMb,
      slowGrowthMb: slow.growthMb,
      slowDroppedMs: slow.droppedMs,
      floodSockets: FLOOD_SOCKETS,
      ...flood,
    },
    goalMet: slow.growthMb < SLOW_GROWTH_GOAL_MB && slow.droppedMs < SLOW_DROP_GOAL_MS && flood.floodP95Ms < FLOOD_P95_GOAL_MS,
  };
}

async function main(): Promise<void> {
  const parts = [
    ...(PART === 'all' || PART === 'uploads' ? [await uploadsPart()] : []),
    ...(PART === 'all' || PART === 'history' ? [await historyPart()] : []),
    ...(PART === 'all' || PART === 'bounds' ? [await boundsPart()] : []),
  ];
  console.log(JSON.stringify({ bench: 'server-memory', ...Object.assign({}, ...parts.map((part) => part.figures)), goalMet: parts.every((part) => part.goalMet) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
