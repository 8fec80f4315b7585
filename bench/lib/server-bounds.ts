/**
 * The server-memory bench's abuse figures (issue 15, "Bounds"), each against a fresh server process:
 * - `slowReaders`: `count` sockets (each from its own loopback address, so the per-address rate
 *   does not do the work) join a room holding ~400 KB of messages, stop reading, and ask for 40
 *   history pages each; answers peak RSS over the baseline and the ms until every one is dropped.
 * - `floodFairness`: a client in room `quiet` sends a message every 50 ms and times its arrival at
 *   another client of that room, alone and then while `server/testing/flood.ts` (its own process)
 *   floods room `flooded` from `sockets` sockets; answers p50 and p95 of both.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../../scripts/server-process.mjs';
import { median, percentile, round, sleep } from './stats.ts';

const MB = 1024 * 1024;

interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN) * 1024;
}

const descriptors = async (pid: number) => (await readdir(`/proc/${pid}/fd`)).length;

/** Runs `body` against a fresh server process, stopped and its data removed after. */
async function withServer<T>(body: (server: ServerProcess) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-bench-bounds-'));
  const server = (await startServerProcess({ dataDir })) as ServerProcess;
  try {
    return await body(server);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A joined socket, with every frame it reads handed to `onFrame`. */
async function joinRoom(url: string, room: string, user: string, localAddress: string, onFrame: (frame: { type: string; [key: string]: unknown }) => void = () => undefined): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { localAddress });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const joined = new Promise((resolve) => socket.once('message', resolve));
  socket.send(JSON.stringify({ type: 'join', room, user: { id: user } }));
  await joined;
  socket.on('message', (data) => onFrame(JSON.parse(String(data)) as { type: string }));
  socket.on('error', () => undefined);
  return socket;
}

function message(room: string, user: string, text: string) {
  return { id: randomUUID(), room, sender: { id: user }, createdAt: Date.now(), text };
}

/** Peak RSS growth and time to drop `count` sockets that stop reading. */
export async function slowReaders(count: number): Promise<{ baselineMb: number; peakMb: number; growthMb: number; droppedMs: number; afterMb: number }> {
  return withServer(async (server) => {
    let acked = 0;
    const writer = await joinRoom(server.url, 'room', 'writer', '127.0.0.1', (frame) => frame.type === 'ack' && acked++);
    for (let index = 0; index < 200; index++) writer.send(JSON.stringify({ type: 'send', message: message('room', 'writer', `${index} ${'y'.repeat(1990)}`) }));
    while (acked < 200) await sleep(20);
    await sleep(500);
    const baseline = await rss(server.pid);
    const baselineFds = await descriptors(server.pid);
    const readers = await Promise.all(Array.from({ length: count }, (_, index) => joinRoom(server.url, 'room', `reader-${index}`, `127.0.${1 + Math.floor(index / 200)}.${10 + (index % 200)}`)));
    readers.forEach((socket) => (socket as unknown as { _socket: Socket })._socket.pause());
    const started = performance.now();
    let peak = baseline;
    let droppedMs = Number.NaN;
    const asking = (async () => {
      for (let round = 0; round < 40; round++) {
        readers.forEach((socket, index) => socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: 'history', requestId: `${index}-${round}`, limit: 500 })));
        await sleep(25);
      }
    })();
    while (performance.now() - started < 60_000) {
      peak = Math.max(peak, await rss(server.pid));
      const fds = await descriptors(server.pid);
      if (fds <= baselineFds) {
        droppedMs = performance.now() - started;
        break;
      }
      await sleep(50);
    }
    await asking;
    await sleep(1000);
    const after = await rss(server.pid);
    readers.forEach((socket) => socket.terminate());
    writer.terminate();
    return { baselineMb: round(baseline / MB), peakMb: round(peak / MB), growthMb: round((peak - baseline) / MB), droppedMs: round(droppedMs, 0), afterMb: round(after / MB) };
  });
}

/** Latencies in a quiet room, alone and during a flood of another room by `sockets` sockets for `ms`. */
export async function floodFairness(sockets: number, ms: number): Promise<{ aloneP50Ms: number; aloneP95Ms: number; floodP50Ms: number; floodP95Ms: number; floodSent: number; floodAcked: number }> {
  return withServer(async (server) => {
    const arrived = new Map<string, () => void>();
    const receiver = await joinRoom(server.url, 'quiet', 'bob', '127.0.0.3', (frame) => {
      if (frame.type === 'message') arrived.get((frame.message as { id: string }).id)?.();
    });
    const sender = await joinRoom(server.url, 'quiet', 'alice', '127.0.0.2');
    const measure = async (until: () => boolean): Promise<number[]> => {
      const latencies: number[] = [];
      while (!until()) {
        const sent = message('quiet', 'alice', 'quiet');
        const started = performance.now();
        await new Promise<void>((resolve) => {
          arrived.set(sent.id, resolve);
          sender.send(JSON.stringify({ type: 'send', message: sent }));
        });
        latencies.push(performance.now() - started);
        await sleep(50);
      }
      return latencies;
    };
    const aloneEnds = performance.now() + ms;
    const alone = await measure(() => performance.now() > aloneEnds);
    const flood = spawn(process.execPath, ['--import', 'tsx', 'server/testing/flood.ts', server.url, String(sockets), String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let done = false;
    flood.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise((resolve) => flood.once('exit', resolve)).then(() => (done = true));
    while (!output.includes('flooding') && !done) await sleep(10);
    const during = await measure(() => done);
    await exited;
    const totals = JSON.parse(output.split('\n').filter(Boolean).at(-1) ?? '{}') as { sent: number; acked: number };
    sender.terminate();
    receiver.terminate();
    return {
      aloneP50Ms: round(median(alone)),
      aloneP95Ms: round(percentile(alone, 95)),
      floodP50Ms: round(median(during)),
      floodP95Ms: round(percentile(during, 95)),
      floodSent: totals.sent,
      floodAcked: totals.acked,
    };
  });
}
