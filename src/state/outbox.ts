import type { ChatMessage } from '../model/message.ts';
import { MessageRefusedError, type ChatTransport } from '../transport/transport.ts';

export interface OutboxOptions {
  transport: ChatTransport;
  onAck(message: ChatMessage, seq: number): void;
  /** The server refused the message for good (it will not be resent by itself). */
  onRefused(message: ChatMessage, reason: string): void;
}

/**
 * Messages waiting for the server's ack, sent in order whenever the transport is online and
 * resent (same id) after a reconnect until acked.
 */
export function createOutbox({ transport, onAck, onRefused }: OutboxOptions) {
  const waiting: ChatMessage[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (waiting.length > 0 && transport.status === 'online') {
        const message = waiting[0]!;
        try {
          const ack = await transport.send(message);
          waiting.shift();
          onAck(message, ack.seq);
        } catch (error) {
          if (error instanceof MessageRefusedError) {
            waiting.shift();
            onRefused(message, error.message);
          } else {
            return; // the connection dropped: keep it, and resend once online again
          }
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    enqueue(message: ChatMessage) {
      if (!waiting.some((queued) => queued.id === message.id)) waiting.push(message);
      void flush();
    },
    flush,
    get size() {
      return waiting.length;
    },
  };
}
