import type { ChatMessage } from '../model/message.ts';
import { MessageRefusedError, RetryLaterError, type ChatTransport } from '../transport/transport.ts';
import type { OutboxStorage } from './outbox-storage.ts';

export interface OutboxOptions {
  transport: ChatTransport;
  storage: OutboxStorage;
  onAck(message: ChatMessage, seq: number): void;
  /** The server refused the message for good (it will not be resent by itself). */
  onRefused(message: ChatMessage, reason: string): void;
  /** Most messages sent and not yet acked at once. Default 64. */
  window?: number;
}

/**
 * Messages waiting for the server's ack. Kept in `storage` until acked (so a reload does not
 * lose them), sent in order, several at a time, whenever the transport is online, and sent
 * again with the same id after a reconnect until acked; the server stores each id once.
 */
export function createOutbox({ transport, storage, onAck, onRefused, window = 64 }: OutboxOptions) {
  const waiting: ChatMessage[] = [];
  const inFlight = new Set<string>();
  const saved = new Map<string, Promise<void>>();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const forget = (message: ChatMessage) => {
    const index = waiting.indexOf(message);
    if (index >= 0) waiting.splice(index, 1);
    const stored = saved.get(message.id) ?? Promise.resolve();
    saved.delete(message.id);
    void stored.then(() => storage.remove(message.id)).catch(() => undefined);
  };

  function pump(): void {
    if (transport.status !== 'online' || retryTimer) return;
    for (const message of waiting) {
      if (inFlight.size >= window) return;
      if (inFlight.has(message.id)) continue;
      inFlight.add(message.id);
      transport.send(message).then(
        (ack) => {
          inFlight.delete(message.id);
          forget(message);
          onAck(message, ack.seq);
          pump();
        },
        (error: unknown) => {
          inFlight.delete(message.id);
          if (error instanceof MessageRefusedError) {
            forget(message);
            onRefused(message, error.message);
            pump();
          } else if (error instanceof RetryLaterError) {
            clearTimeout(retryTimer);
            retryTimer = setTimeout(() => {
              retryTimer = undefined;
              pump();
            }, error.retryAfterMs);
          }
          // Otherwise the connection dropped: the message stays, and goes again once online.
        },
      );
    }
  }

  return {
    /** Adds a message (kept in storage first) and sends it when it can. */
    enqueue(message: ChatMessage): void {
      if (waiting.some((queued) => queued.id === message.id)) return;
      waiting.push(message);
      saved.set(message.id, storage.save(message).catch(() => undefined));
      pump();
    },
    /** Loads what a previous page left unsent in this room, puts it first, and returns it. */
    async load(room: string, userId: string): Promise<ChatMessage[]> {
      const left = (await storage.load(room, userId).catch(() => [])).filter((message) => !waiting.some((queued) => queued.id === message.id));
      for (const message of left) saved.set(message.id, Promise.resolve());
      waiting.unshift(...left);
      return left;
    },
    /** Sends what waits, if the transport is online. */
    flush: pump,
    /** Stops any pending retry timer. */
    stop(): void {
      clearTimeout(retryTimer);
      retryTimer = undefined;
    },
    get size(): number {
      return waiting.length;
    },
  };
}
