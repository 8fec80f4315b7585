/**
 * The stage of the delivery fault tests: the real relay in-process (temp data folder, loopback),
 * real clients (`createChatStore` + `WebSocketTransport` on Node's global WebSocket), one fault
 * proxy per client, and the checks every scenario ends with.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startServer, type RunningServer, type ServerOptions } from '../../server/app.ts';
import { createFaultSwitch, type RelayFaults } from '../../server/testing/relay-faults.ts';
import type { ChatMessage } from '../../src/model/message.ts';
import { createChatStore, type ChatStore } from '../../src/state/chat-store.ts';
import type { ThreadEntry } from '../../src/state/types.ts';
import { WebSocketTransport, type WebSocketTransportOptions } from '../../src/transport/websocket.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';

/** Reconnect delays small enough for tests. */
export const FAST_RECONNECT: WebSocketTransportOptions = { minReconnectDelay: 100, maxReconnectDelay: 1000 };

/** The room every scenario talks in. */
export const ROOM = 'delivery';

/** Fails with a clear message when Node runs without the global WebSocket the client needs. */
export function requireGlobalWebSocket(): void {
  if (typeof WebSocket !== 'function') {
    throw new Error('The global WebSocket is missing: run these tests with `node --experimental-websocket --import tsx --test test/delivery/*.test.ts` (Node 20).');
  }
}

/** The relay as a test holds it: its fault switch, and a restart on the same port and data folder. */
export interface TestRelay {
  readonly port: number;
  readonly faults: RelayFaults;
  readonly server: RunningServer;
  /** Closes the server (sockets get 1001), waits `downMs`, and starts a new one on the same port and data. */
  restart(downMs?: number): Promise<void>;
}

/** One client: its store, its transport and the proxy it reaches the relay through. */
export interface TestClient {
  readonly name: string;
  readonly store: ChatStore;
  readonly transport: WebSocketTransport;
  readonly proxy: FaultProxy;
}

/** Everything a scenario starts, closed in order (clients, proxies, relay, data) after the test. */
export interface Scene {
  startRelay(options?: Partial<ServerOptions> & { faults?: RelayFaults }): Promise<TestRelay>;
  startClient(name: string, relay: TestRelay, options?: WebSocketTransportOptions): Promise<TestClient>;
}

/** A new scene whose parts are all closed after `t`. */
export function createScene(t: TestContext): Scene {
  const clients: TestClient[] = [];
  const relays: Array<() => Promise<void>> = [];
  const dirs: string[] = [];
  t.after(async () => {
    clients.forEach((client) => client.store.stop());
    await Promise.all(clients.map((client) => client.proxy.close()));
    for (const close of relays) await close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return {
    async startRelay(options = {}) {
      const dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-delivery-'));
      dirs.push(dataDir);
      const { faults = {}, ...serverOptions } = options;
      const start = (port: number) => startServer({ ...serverOptions, relayDelivery: createFaultSwitch(faults), dataDir, port, host: '127.0.0.1' });
      let server = await start(0);
      const port = server.port;
      let closed = false;
      let restarting: Promise<void> | undefined;
      relays.push(async () => {
        await restarting?.catch(() => undefined); // a restart still under way would leave a server behind
        if (!closed) await server.close();
        closed = true;
      });
      return {
        port,
        faults,
        get server() {
          return server;
        },
        restart(downMs = 0) {
          restarting = (async () => {
            closed = true;
            await server.close();
            if (downMs > 0) await sleep(downMs);
            server = await start(port);
            closed = false;
          })();
          return restarting;
        },
      };
    },
    async startClient(name, relay, options = FAST_RECONNECT) {
      const proxy = await startFaultProxy(relay.port);
      const transport = new WebSocketTransport(proxy.url('/ws'), options);
      const store = createChatStore({ transport, room: ROOM, user: { id: name } });
      const client = { name, store, transport, proxy };
      clients.push(client);
      await store.start();
      return client;
    },
  };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends `count` text messages at once from `client` (as a user typing fast would, without waiting). */
export function burst(client: TestClient, count = 300): ChatMessage[] {
  return Array.from({ length: count }, (_, index) => client.store.sendText(`message ${String(index + 1).padStart(3, '0')}`)!);
}

/** Runs `action` once, the first time `client`'s thread satisfies `condition`. */
export function when(client: TestClient, condition: (entries: readonly ThreadEntry[]) => boolean, action: () => void): void {
  let done = false;
  const unsubscribe = client.store.$entries.subscribe((entries) => {
    if (done || !condition(entries)) return;
    done = true;
    queueMicrotask(() => unsubscribe());
    action();
  });
}

/** How many of the entries are stored and acked (`sent` with a `seq`). */
export function storedCount(entries: readonly ThreadEntry[]): number {
  return entries.filter((entry) => entry.delivery === 'sent' && entry.message.seq !== undefined).length;
}

/** Whether every client's thread holds every sent message, stored, and the sender's are all `sent`. */
function complete(clients: readonly TestClient[], sent: readonly ChatMessage[]): boolean {
  return clients.every((client) => {
    const entries = client.store.$entries.get();
    return entries.length === sent.length && storedCount(entries) === sent.length;
  });
}

/**
 * Waits (up to `timeoutMs`) until every client has every message, then checks what the issue asks:
 * each message exactly once, in the same order everywhere (the send order, by `seq`), and every
 * entry of the sender `sent`. Fails with what was missing, doubled or out of place.
 */
export async function assertDeliveredExactlyOnce(clients: readonly TestClient[], sender: TestClient, sent: readonly ChatMessage[], timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  while (!complete(clients, sent) && performance.now() - started < timeoutMs) await sleep(20);
  const waited = performance.now() - started;
  const note = complete(clients, sent) ? '' : ` (still incomplete after ${Math.round(waited)} ms)`;
  const expected = sent.map((message) => message.id);
  for (const client of clients) {
    const entries = client.store.$entries.get();
    const ids = entries.map((entry) => entry.message.id);
    const counts = new Map<string, number>();
    ids.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
    const missing = expected.filter((id) => !counts.has(id));
    const doubled = [...counts].filter(([, count]) => count > 1).length;
    const strangers = ids.filter((id) => !expected.includes(id)).length;
    assert.ok(
      missing.length === 0 && doubled === 0 && strangers === 0,
      `${client.name}: ${missing.length} of ${sent.length} missing (first: ${numberOf(sent, missing[0])}), ${doubled} shown twice, ${strangers} unknown; status ${client.store.$status.get()}${note}`,
    );
    const unstored = entries.filter((entry) => entry.message.seq === undefined);
    assert.equal(unstored.length, 0, `${client.name}: ${unstored.length} entries have no seq (first: ${numberOf(sent, unstored[0]?.message.id)}); status ${client.store.$status.get()}${note}`);
    const seqs = entries.map((entry) => entry.message.seq!);
    assert.ok(seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!), `${client.name}: seqs not ascending`);
    const firstOff = ids.findIndex((id, index) => id !== expected[index]);
    assert.equal(firstOff, -1, `${client.name}: order differs from the send order at position ${firstOff + 1}: ${numberOf(sent, ids[firstOff])} where ${numberOf(sent, expected[firstOff])} was sent`);
  }
  const reference = clients[0]!.store.$entries.get().map((entry) => `${entry.message.id}@${entry.message.seq}`);
  for (const client of clients.slice(1)) {
    assert.deepEqual(client.store.$entries.get().map((entry) => `${entry.message.id}@${entry.message.seq}`), reference, `${client.name} and ${clients[0]!.name} differ`);
  }
  const notSent = sender.store.$entries.get().filter((entry) => entry.delivery !== 'sent');
  assert.equal(notSent.length, 0, `${sender.name}: ${notSent.length} of its messages are not 'sent' (${notSent[0]?.delivery} for ${numberOf(sent, notSent[0]?.message.id)})`);
  return waited;
}

/** "message 101" for an id, to word failures. */
function numberOf(sent: readonly ChatMessage[], id: string | undefined): string {
  if (id === undefined) return 'none';
  const index = sent.findIndex((message) => message.id === id);
  return index === -1 ? `unknown id ${id}` : `#${index + 1}`;
}
