/**
 * Relay throughput and latency with two bare protocol clients (Node's global WebSocket speaking
 * `src/transport/protocol.ts` directly): what the relay itself can do, without the client store.
 */
import type { ChatMessage } from '../../src/model/message.ts';
import type { ServerFrame } from '../../src/transport/protocol.ts';
import { percentile, until } from './stats.ts';

/** The outcome of one run. */
export interface RunResult {
  messages: number;
  /** Messages per second from the first send to the last receipt. */
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Every message received exactly once, in seq order, and every one acked. */
  lossless: boolean;
}

interface Peer {
  socket: WebSocket;
  onFrame(handler: (frame: ServerFrame) => void): void;
}

/** Opens a socket to `url`, joins `room` as `user` and resolves once joined. */
async function join(url: string, room: string, user: string): Promise<Peer> {
  const socket = new WebSocket(url);
  let handler: (frame: ServerFrame) => void = () => undefined;
  let joined = false;
  socket.onmessage = (event) => {
    const frame = JSON.parse(String(event.data)) as ServerFrame;
    if (frame.type === 'joined') joined = true;
    else handler(frame);
  };
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`could not connect to ${url}`));
  });
  socket.send(JSON.stringify({ type: 'join', room, user: { id: user } }));
  await until(() => joined, 10_000, () => `${user} did not join`);
  return { socket, onFrame: (next) => (handler = next) };
}

/** How a run offers its load. */
export interface Load {
  /** Most messages sent and not yet acked. */
  window: number;
  /** Messages offered per second; without it, as fast as acks allow. */
  rate?: number;
}

/**
 * Sends `count` messages from one client to another through the relay at `wsUrl` and measures
 * throughput and latency. Latency runs from when a message was due (its slot at the offered
 * rate, or its send) to its receipt, so a sender falling behind shows up in the figures.
 */
export async function runRaw(wsUrl: string, room: string, count: number, { window, rate }: Load): Promise<RunResult> {
  const sender = await join(wsUrl, room, 'alice');
  const receiver = await join(wsUrl, room, 'bob');
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let outOfOrder = 0;
  let lastSeq = 0;
  let acked = 0;
  let inFlight = 0;
  let next = 0;
  let lastReceivedAt = 0;

  receiver.onFrame((frame) => {
    if (frame.type !== 'message') return;
    const now = performance.now();
    const { id, seq = 0 } = frame.message;
    if (seen.has(id)) return void duplicates++;
    seen.add(id);
    if (seq <= lastSeq) outOfOrder++;
    lastSeq = seq;
    latencies.push(now - sentAt.get(id)!);
    lastReceivedAt = now;
  });
  let started = 0;
  const dueAt = (index: number): number => (rate === undefined ? performance.now() : started + (index * 1000) / rate);
  const pump = (): void => {
    while (inFlight < window && next < count && dueAt(next) <= performance.now()) {
      const due = dueAt(next);
      const message: ChatMessage = { id: crypto.randomUUID(), room, sender: { id: 'alice' }, createdAt: Date.now(), text: `bench message ${next++}` };
      sentAt.set(message.id, due);
      sender.socket.send(JSON.stringify({ type: 'send', message }));
      inFlight++;
    }
  };
  let refused = 0;
  sender.onFrame((frame) => {
    if (frame.type === 'ack') acked++;
    else if (frame.type === 'error') refused++;
    else return;
    inFlight--;
    pump();
  });
  started = performance.now();
  const ticker = rate === undefined ? undefined : setInterval(pump, 1);
  pump();
  await until(() => seen.size === count || refused > 0, 120_000, () => `received ${seen.size} of ${count}`);
  await until(() => acked + refused === count, 10_000, () => `acked ${acked} of ${count}`);
  clearInterval(ticker);
  sender.socket.close();
  receiver.socket.close();
  return {
    messages: count,
    perSecond: (count / (lastReceivedAt - started)) * 1000,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    lossless: seen.size === count && duplicates === 0 && outOfOrder === 0 && acked === count && refused === 0,
  };
}
