import type { ChatMessage } from '../model/message.ts';
import type { ClientFrame, ServerFrame } from './protocol.ts';
import { TransportBase } from './transport-base.ts';
import { ConnectionLostError, MessageRefusedError, type Ack, type HistoryQuery, type Session } from './transport.ts';

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

export interface WebSocketTransportOptions {
  /** First reconnect delay in ms (then doubled, with jitter). Default 500. */
  minReconnectDelay?: number;
  /** Longest reconnect delay in ms. Default 30 000. */
  maxReconnectDelay?: number;
}

/** A `ws:`/`wss:` URL for `url`, which may be relative to the page or use `http:`/`https:`. */
export function toWebSocketUrl(url: string, base: string | undefined = globalThis.location?.href): string {
  const resolved = new URL(url, base);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.href;
}

/**
 * A transport to the reference relay over WebSocket. Reconnects with backoff and jitter; on each
 * (re)connect it joins the room and receives the stored messages.
 */
export class WebSocketTransport extends TransportBase {
  readonly url: string;
  readonly #options: Required<WebSocketTransportOptions>;
  #socket?: WebSocket;
  #session?: Session;
  #isClosed = false;
  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  readonly #acks = new Map<string, Pending<Ack>>();
  readonly #histories = new Map<string, Pending<unknown[]>>();

  constructor(url: string, options: WebSocketTransportOptions = {}) {
    super();
    this.url = toWebSocketUrl(url);
    this.#options = { minReconnectDelay: 500, maxReconnectDelay: 30_000, ...options };
  }

  connect(session: Session): Promise<void> {
    this.#session = session;
    this.#isClosed = false;
    return this.#open();
  }

  close(): void {
    this.#isClosed = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(1000);
    this.#dropPending();
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    return new Promise((resolve, reject) => {
      if (this.status !== 'online' || !this.#socket) {
        reject(new ConnectionLostError('not connected'));
        return;
      }
      this.#acks.get(message.id)?.reject(new ConnectionLostError('sent again'));
      this.#acks.set(message.id, { resolve, reject });
      this.#write({ type: 'send', message });
    });
  }

  history(query: HistoryQuery = {}): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      if (this.status !== 'online' || !this.#socket) {
        reject(new ConnectionLostError('not connected'));
        return;
      }
      const requestId = crypto.randomUUID();
      this.#histories.set(requestId, { resolve, reject });
      this.#write({ type: 'history', requestId, ...query });
    });
  }

  #open(): Promise<void> {
    const session = this.#session!;
    this.setStatus('connecting');
    return new Promise((settled) => {
      const socket = new WebSocket(this.url);
      this.#socket = socket;
      socket.onopen = () => this.#write({ type: 'join', room: session.room, user: session.user });
      socket.onmessage = (event) => {
        if (this.#handle(event.data)) settled();
      };
      socket.onclose = () => {
        if (this.#socket !== socket) return;
        this.#socket = undefined;
        this.#dropPending();
        settled();
        if (this.#isClosed) return;
        this.setStatus('offline');
        this.#scheduleReconnect();
      };
    });
  }

  /** Handles one frame; true when it was the `joined` answer. */
  #handle(data: unknown): boolean {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return false;
    }
    switch (frame?.type) {
      case 'joined':
        this.#attempt = 0;
        this.setStatus('online');
        if (Array.isArray(frame.messages)) frame.messages.forEach((message) => this.emitMessage(message));
        return true;
      case 'message':
        this.emitMessage(frame.message);
        return false;
      case 'ack':
        this.#acks.get(frame.id)?.resolve({ id: frame.id, seq: frame.seq });
        this.#acks.delete(frame.id);
        return false;
      case 'history':
        this.#histories.get(frame.requestId)?.resolve(Array.isArray(frame.messages) ? frame.messages : []);
        this.#histories.delete(frame.requestId);
        return false;
      case 'error':
        if (frame.id) this.#acks.get(frame.id)?.reject(new MessageRefusedError(frame.reason));
        if (frame.id) this.#acks.delete(frame.id);
        if (frame.requestId) this.#histories.get(frame.requestId)?.reject(new MessageRefusedError(frame.reason));
        if (frame.requestId) this.#histories.delete(frame.requestId);
        return false;
      default:
        return false;
    }
  }

  #write(frame: ClientFrame): void {
    this.#socket?.send(JSON.stringify(frame));
  }

  #scheduleReconnect(): void {
    const { minReconnectDelay, maxReconnectDelay } = this.#options;
    const ceiling = Math.min(maxReconnectDelay, minReconnectDelay * 2 ** this.#attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.#retryTimer = setTimeout(() => void this.#open(), delay);
  }

  #dropPending(): void {
    const lost = new ConnectionLostError('connection lost');
    for (const pending of [...this.#acks.values(), ...this.#histories.values()]) pending.reject(lost);
    this.#acks.clear();
    this.#histories.clear();
  }
}
