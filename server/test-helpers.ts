/** Helpers for the server's tests: a fresh server per test and a WebSocket client that waits for frames. */
import { spawn } from 'node:child_process';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ChatMessage } from '../src/model/message.ts';
import type { ServerFrame } from '../src/transport/protocol.ts';
import { startServer, type RunningServer, type ServerOptions } from './app.ts';
import { createFaultSwitch, type RelayFaults } from './testing/relay-faults.ts';

/** A new empty folder in the system temp folder, removed after the test. */
export async function makeTempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatdrop-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Options of a test server: the server's, and relay faults the test may switch while it runs. */
export type TestServerOptions = Partial<ServerOptions> & { faults?: RelayFaults };

/** Starts a server on a free loopback port with a fresh data folder (unless given one); closed after the test. */
export async function startTestServer(t: TestContext, { faults, ...options }: TestServerOptions = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? (await makeTempDir(t));
  const server = await startServer({ ...options, ...(faults && { relayDelivery: createFaultSwitch(faults) }), dataDir, port: 0, host: '127.0.0.1' });
  t.after(() => server.close());
  return { ...server, dataDir };
}

/** Uploads bytes as the `file` field of a multipart form. */
export async function upload(server: RunningServer, bytes: Uint8Array, name: string, type = 'application/octet-stream'): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([Uint8Array.from(bytes)], { type }), name);
  return fetch(`${server.url}/upload`, { method: 'POST', body: form });
}

/** A text message from `sender` in `room`. */
export function textMessage(room: string, sender: string, text: string, id: string = crypto.randomUUID()): ChatMessage {
  return { id, room, sender: { id: sender }, createdAt: Date.now(), text };
}

/** A WebSocket test client that queues the frames it receives. */
export interface TestClient {
  socket: WebSocket;
  /** Sends a value as a JSON text frame (or a string as is). */
  send(frame: unknown): void;
  /** The first queued frame matching `predicate` (removed from the queue), waiting up to `timeoutMs` for it. */
  take<T extends ServerFrame['type']>(type: T, predicate?: (frame: Extract<ServerFrame, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<ServerFrame, { type: T }>>;
  /** Frames received and not taken yet. */
  pending: ServerFrame[];
  /** Resolves when the socket has closed, with its close code. */
  closed: Promise<number>;
}

/** Opens a WebSocket to the server's relay (`options.localAddress` picks the client's address); closed after the test. */
export async function connect(t: TestContext, server: Pick<RunningServer, 'url'>, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws`, options);
  const pending: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    pending.push(JSON.parse(String(data)) as ServerFrame);
    waiters.forEach((wake) => wake());
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  t.after(() => socket.terminate());
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    pending,
    closed,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    take(type, predicate = () => true, timeoutMs = 5000) {
      type Wanted = Extract<ServerFrame, { type: typeof type }>;
      const find = (): Wanted | undefined => {
        const index = pending.findIndex((frame) => frame.type === type && predicate(frame as Wanted));
        return index === -1 ? undefined : (pending.splice(index, 1)[0] as Wanted);
      };
      return new Promise((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no ${type} frame within ${timeoutMs} ms; pending: ${JSON.stringify(pending).slice(0, 500)}`));
        }, timeoutMs);
        const wake = (): void => {
          const frame = find();
          if (!frame) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(frame);
        };
        waiters.add(wake);
      });
    },
  };
}

/** Opens a client and joins `room` as `user`, returning the client and its `joined` frame. */
export async function joinRoom(t: TestContext, server: Pick<RunningServer, 'url'>, room: string, user: string, after?: number, options: WebSocket.ClientOptions = {}) {
  const client = await connect(t, server, options);
  client.send({ type: 'join', room, user: { id: user }, ...(after !== undefined && { after }) });
  const joined = await client.take('joined');
  return { client, joined };
}

/** Runs `testing/flood.ts` against `url` in its own process; resolves once it floods, with a promise of its totals. */
export async function startFlood(url: string, sockets: number, ms: number): Promise<{ done: Promise<{ sent: number; acked: number; refused: number }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('testing/flood.ts', import.meta.url)), url, String(sockets), String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const done = new Promise<{ sent: number; acked: number; refused: number }>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.split('\n').filter(Boolean).at(-1) ?? '{}')) : reject(new Error(`the flood exited with ${code}`))));
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the flood did not start in 10 s')), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('flooding')) {
        clearTimeout(timer);
        resolve();
      }
    });
    done.catch(reject);
  });
  return { done };
}
