import type { ChatMessage } from '../model/message.ts';
import { sliceHistory } from './slice-history.ts';
import { TransportBase } from './transport-base.ts';
import { ConnectionLostError, type Ack, type HistoryQuery, type Session } from './transport.ts';

type Frame =
  | { type: 'message'; message: ChatMessage }
  | { type: 'hello' }
  | { type: 'history'; messages: ChatMessage[] };

/**
 * Chat between tabs (and widgets) of one origin, with no server, over a `BroadcastChannel`.
 * Each tab keeps the room's history; a tab that joins asks the others for theirs. Messages are
 * ordered by a Lamport clock, so every tab sees the same order.
 */
export class BroadcastTransport extends TransportBase {
  #channel?: BroadcastChannel;
  readonly #messages = new Map<string, ChatMessage>();
  #clock = 0;

  /** @param name the channel name: tabs using the same name and room talk to each other. */
  constructor(readonly name: string) {
    super();
  }

  async connect(session: Session): Promise<void> {
    this.#channel = new BroadcastChannel(`chatdrop:${this.name}:${session.room}`);
    this.#channel.onmessage = (event: MessageEvent<Frame>) => this.#receive(event.data);
    this.setStatus('online');
    this.#channel.postMessage({ type: 'hello' } satisfies Frame);
  }

  close(): void {
    this.#channel?.close();
    this.#channel = undefined;
    this.setStatus('offline');
  }

  async send(message: ChatMessage): Promise<Ack> {
    if (!this.#channel) throw new ConnectionLostError('not connected');
    const known = this.#messages.get(message.id);
    if (known) return { id: known.id, seq: known.seq! };
    const stored = { ...message, seq: ++this.#clock };
    this.#messages.set(stored.id, stored);
    this.#channel.postMessage({ type: 'message', message: stored } satisfies Frame);
    return { id: stored.id, seq: stored.seq };
  }

  async history(query?: HistoryQuery): Promise<unknown[]> {
    const ordered = [...this.#messages.values()].sort((a, b) => a.seq! - b.seq! || a.createdAt - b.createdAt);
    return sliceHistory(ordered, query);
  }

  #receive(frame: Frame): void {
    if (frame?.type === 'hello') {
      this.#channel?.postMessage({ type: 'history', messages: [...this.#messages.values()] } satisfies Frame);
    } else if (frame?.type === 'message') {
      this.#remember(frame.message);
    } else if (frame?.type === 'history' && Array.isArray(frame.messages)) {
      frame.messages.forEach((message) => this.#remember(message));
    }
  }

  #remember(message: ChatMessage): void {
    if (typeof message?.id !== 'string' || this.#messages.has(message.id)) return;
    if (typeof message.seq === 'number' && Number.isFinite(message.seq)) this.#clock = Math.max(this.#clock, message.seq);
    this.#messages.set(message.id, message);
    this.emitMessage(message);
  }
}
