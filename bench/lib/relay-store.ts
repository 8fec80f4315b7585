/**
 * The relay between two real clients (`createChatStore` + `WebSocketTransport`): throughput and
 * latency as the widget sees them, and the recovery time of a 300-message burst whose sender
 * connection is cut at ~100 (through the test fault proxy).
 */
import { createChatStore, type ChatStore } from '../../src/state/chat-store.ts';
import { WebSocketTransport, type WebSocketTransportOptions } from '../../src/transport/websocket.ts';
import { startFaultProxy } from '../../test/helpers/fault-proxy.ts';
import type { Load, RunResult } from './relay-raw.ts';
import { percentile, until } from './stats.ts';

interface Client {
  store: ChatStore;
  transport: WebSocketTransport;
}

async function startClient(url: string, room: string, user: string, options: WebSocketTransportOptions = {}): Promise<Client> {
  const transport = new WebSocketTransport(url, options);
  const store = createChatStore({ transport, room, user: { id: user } });
  await store.start();
  await until(() => store.$status.get() === 'online', 10_000, () => `${user} is not online`);
  return { store, transport };
}

/** Whether a thread holds exactly `ids`, once each, in that order, all stored. */
function holdsExactly(store: ChatStore, ids: readonly string[]): boolean {
  const entries = store.$entries.get();
  return entries.length === ids.length && entries.every((entry, index) => entry.message.id === ids[index] && entry.message.seq !== undefined && entry.delivery === 'sent');
}

/**
 * Sends `count` texts from one store to another, at most `window` not yet acked at a time (the
 * app waits, not the outbox) and at the offered rate if any, timing each from when it was due
 * to its arrival in the receiver's store.
 */
export async function runStore(wsUrl: string, room: string, count: number, { window, rate }: Load): Promise<RunResult> {
  const sender = await startClient(wsUrl, room, 'alice');
  const receiver = await startClient(wsUrl, room, 'bob');
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let lastReceivedAt = 0;
  // Registered after the store's own listener, so it runs once the store has placed the message.
  receiver.transport.addEventListener('message', (event) => {
    const id = (event.detail as { id: string }).id;
    const at = sentAt.get(id);
    if (at === undefined) return;
    sentAt.delete(id);
    lastReceivedAt = performance.now();
    latencies.push(lastReceivedAt - at);
  });
  let acked = 0;
  let wake: (() => void) | undefined;
  const send = sender.transport.send.bind(sender.transport);
  sender.transport.send = (message) =>
    send(message).then((ack) => {
      acked++;
      wake?.();
      return ack;
    });
  const ids: string[] = [];
  const started = performance.now();
  const dueAt = (index: number): number => (rate === undefined ? performance.now() : started + (index * 1000) / rate);
  while (ids.length < count) {
    while (ids.length - acked < window && ids.length < count && dueAt(ids.length) <= performance.now()) {
      const due = dueAt(ids.length);
      const message = sender.store.sendText(`bench message ${ids.length}`)!;
      sentAt.set(message.id, due);
      ids.push(message.id);
    }
    // Wait for an ack (a free slot in the window), or for the next message's slot at the offered rate.
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, rate === undefined ? 50 : 1);
    });
  }
  await until(() => latencies.length === count, 120_000, () => `received ${latencies.length} of ${count}`);
  await until(() => holdsExactly(sender.store, ids), 10_000, () => 'the sender thread is incomplete');
  const lossless = holdsExactly(receiver.store, ids);
  sender.store.stop();
  receiver.store.stop();
  return {
    messages: count,
    perSecond: (count / (lastReceivedAt - started)) * 1000,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    lossless,
  };
}

/** The outcome of one cut-and-recover run. */
export interface RecoveryResult {
  /** Milliseconds from the cut until the receiver holds all 300 messages, once each, in order. */
  recoveryMs: number;
  /** Acks the sender had when its connection was cut. */
  cutAt: number;
}

/**
 * A 300-message burst from one store to another, each through its own fault proxy; the sender's
 * connection is cut once it has ~100 acks. Uses the transport's shipped reconnect delays unless
 * `options` says otherwise.
 */
export async function runRecovery(relayPort: number, room: string, options: WebSocketTransportOptions = {}): Promise<RecoveryResult> {
  const senderProxy = await startFaultProxy(relayPort);
  const receiverProxy = await startFaultProxy(relayPort);
  const sender = await startClient(senderProxy.url('/ws'), room, 'alice', options);
  const receiver = await startClient(receiverProxy.url('/ws'), room, 'bob', options);
  let cutAt = -1;
  let cutTime = 0;
  const unsubscribe = sender.store.$entries.listen((entries) => {
    if (cutAt >= 0) return;
    const stored = entries.filter((entry) => entry.message.seq !== undefined).length;
    if (stored < 100) return;
    cutAt = stored;
    cutTime = performance.now();
    senderProxy.cutAll();
  });
  const ids = Array.from({ length: 300 }, (_, index) => sender.store.sendText(`burst ${index + 1}`)!.id);
  try {
    await until(() => holdsExactly(receiver.store, ids), 30_000, () => `the receiver did not get the burst (cut at ${cutAt})`);
    const recoveryMs = performance.now() - cutTime;
    await until(() => holdsExactly(sender.store, ids), 10_000, () => 'the sender did not get every ack');
    if (cutAt < 0) throw new Error('the cut never happened');
    return { recoveryMs, cutAt };
  } finally {
    unsubscribe();
    sender.store.stop();
    receiver.store.stop();
    await Promise.all([senderProxy.close(), receiverProxy.close()]);
  }
}
