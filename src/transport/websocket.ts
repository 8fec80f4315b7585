import type { ChatMessage } from '../model/message.ts';
import type { ClientFrame, ServerFrame } from './protocol.ts';
import { TransportBase } from './transport-base.ts';
import { ConnectionLostError, MessageRefusedError, RetryLaterError, type Ack, type HistoryQuery, type Session } from './transport.ts';

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

export interface WebSocketTransportOptions {
  /** Ceiling of the first reconnect delay in ms (then doubled); each delay is drawn between a tenth of it and all of it. Default 1000. */
  minReconnectDelay?: number;
  /** Longest reconnect delay in ms. Default 30 000. */
  maxReconnectDelay?: number;
  /** How often to ping the server while online, in ms. Default 10 000. */
  heartbeatInterval?: number;
  /** How long a ping may go unanswered (no frame at all) before the connection counts as dead, in ms. Default 5 000. */
  heartbeatTimeout?: number;
  /** How long to wait for the room to be joined after starting to connect, in ms. Default 10 000. */
  connectTimeout?: number;
  /** How long to wait for an ack before sending the same message again on the same connection, in ms. Default 5 000. */
  ackTimeout?: number;
}

interface PendingAck extends Pending<Ack> {
  /** Resends the message while the ack is missing. */
  timer: ReturnType<typeof setTimeout>;
}

/** A `ws:`/`wss:` URL for `url`, which may be relative to the page or use `http:`/`https:`. */
export function toWebSocketUrl(url: string, base: string | undefined = globalThis.location?.href): string {
  const resolved = new URL(url, base);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.href;
}

/**
 * A transport to the reference relay over WebSocket. Reconnects with exponential backoff and
 * full jitter (so many clients do not return at once); pings to find a connection that died
 * without closing; on each (re)connect it joins the room asking for what came after the last
 * seq the client holds.
 */
export class WebSocketTransport extends TransportBase {
  readonly url: string;
  readonly #options: Required<WebSocketTransportOptions>;
  #socket?: WebSocket;
  #session?: Session;
  #isClosed = false;
  #attempt = 0;
  #retryTimer?: ReturnType<typeof setTimeout>;
  #heartbeatTimer?: ReturnType<typeof setInterval>;
  /** Gives up on a connection attempt that has not joined the room in time. */
  #joinTimer?: ReturnType<typeof setTimeout>;
  #lastFrameAt = 0;
  /** A fresh token being asked for (the last join was refused for an expired one); reconnecting waits for it. */
  #renewal?: Promise<void>;
  readonly #acks = new Map<string, PendingAck>();
  readonly #histories = new Map<string, Pending<unknown[]>>();

  constructor(url: string, options: WebSocketTransportOptions = {}) {
    super();
    this.url = toWebSocketUrl(url);
    this.#options = {
      minReconnectDelay: 700,
      maxReconnectDelay: 30_000,
      heartbeatInterval: 10_000,
      heartbeatTimeout: 5_000,
      connectTimeout: 10_000,
      ackTimeout: 5_000,
      ...options,
    };
  }

  connect(session: Session): Promise<void> {
    this.#session = session;
    this.#isClosed = false;
    return this.#open();
  }

  close(): void {
    this.#isClosed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#joinTimer);
    clearInterval(this.#heartbeatTimer);
    this.#socket?.close(1000);
    this.#socket = undefined;
    this.#dropPending();
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    return new Promise((resolve, reject) => {
      if (this.status !== 'online' || !this.#socket) {
        reject(new ConnectionLostError('not connected'));
        return;
      }
      const earlier = this.#acks.get(message.id);
      if (earlier) {
        clearTimeout(earlier.timer);
        earlier.reject(new ConnectionLostError('sent again'));
      }
      const frame: ClientFrame = { type: 'send', message };
      const resendUntilAcked = (): ReturnType<typeof setTimeout> =>
        setTimeout(() => {
          const pending = this.#acks.get(message.id);
          if (!pending) return;
          this.#write(frame); // the relay answers a repeated id with the original ack
          pending.timer = resendUntilAcked();
        }, this.#options.ackTimeout);
      this.#acks.set(message.id, { resolve, reject, timer: resendUntilAcked() });
      this.#write(frame);
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
      socket.onopen = () => {
        const after = session.lastSeq?.();
        this.#write({ type: 'join', room: session.room, user: session.user, ...(after ? { after } : {}), ...(session.token ? { token: session.token } : {}) });
      };
      socket.onmessage = (event) => {
        this.#lastFrameAt = Date.now();
        if (this.#handle(event.data)) settled();
      };
      // Some WebSocket implementations fire only `error` (or nothing) when a connection attempt fails.
      socket.onclose = socket.onerror = () => {
        this.#lose(socket);
        settled();
      };
      clearTimeout(this.#joinTimer);
      this.#joinTimer = setTimeout(() => {
        this.#lose(socket);
        settled();
      }, this.#options.connectTimeout);
    });
  }

  /** Gives up on `socket` (closed, or silent too long): fail what waits on it, and reconnect. */
  #lose(socket: WebSocket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    clearInterval(this.#heartbeatTimer);
    clearTimeout(this.#joinTimer);
    socket.onclose = socket.onerror = socket.onmessage = socket.onopen = null;
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close();
    this.#dropPending();
    if (this.#isClosed) return;
    this.setStatus('offline');
    this.#scheduleReconnect();
  }

  #startHeartbeat(socket: WebSocket): void {
    const { heartbeatInterval, heartbeatTimeout } = this.#options;
    clearInterval(this.#heartbeatTimer);
    this.#heartbeatTimer = setInterval(() => {
      if (Date.now() - this.#lastFrameAt > heartbeatInterval + heartbeatTimeout) this.#lose(socket);
      else this.#write({ type: 'ping' });
    }, heartbeatInterval);
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
        clearTimeout(this.#joinTimer);
        this.#attempt = 0;
        if (Array.isArray(frame.messages)) frame.messages.forEach((message) => this.emitMessage(message));
        this.#startHeartbeat(this.#socket!);
        this.setStatus('online');
        return true;
      case 'message':
        this.emitMessage(frame.message);
        return false;
      case 'ack':
        this.#settleAck(frame.id)?.resolve({ id: frame.id, seq: frame.seq });
        return false;
      case 'history':
        this.#histories.get(frame.requestId)?.resolve(Array.isArray(frame.messages) ? frame.messages : []);
        this.#histories.delete(frame.requestId);
        return false;
      case 'error':
        if (frame.id) {
          const refusal = typeof frame.retryAfterMs === 'number' ? new RetryLaterError(frame.reason, frame.retryAfterMs) : new MessageRefusedError(frame.reason);
          this.#settleAck(frame.id)?.reject(refusal);
        }
        if (frame.requestId) this.#histories.get(frame.requestId)?.reject(new MessageRefusedError(frame.reason));
        if (frame.requestId) this.#histories.delete(frame.requestId);
        if (frame.code === 'token-expired') this.#renewToken();
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
    const delay = ceiling * (0.1 + 0.9 * Math.random());
    this.#retryTimer = setTimeout(() => {
      const renewal = this.#renewal ?? Promise.resolve();
      void renewal.then(() => {
        if (!this.#isClosed && this.#socket === undefined) void this.#open();
      });
    }, delay);
  }

  /** Asks the session for a fresh token, joining again with it at once; the server closes this socket. */
  #renewToken(): void {
    const session = this.#session;
    if (!session?.refreshToken || this.#renewal) return;
    this.#attempt = 0;
    this.#renewal = session.refreshToken().then(
      (token) => {
        if (token && this.#session === session) this.#session = { ...session, token };
        this.#renewal = undefined;
      },
      () => {
        this.#renewal = undefined;
      },
    );
  }

  /** Takes the pending ack of `id` out of the waiting list (and stops its resending). */
  #settleAck(id: string): Pending<Ack> | undefined {
    const pending = this.#acks.get(id);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.#acks.delete(id);
    return pending;
  }

  #dropPending(): void {
    const lost = new ConnectionLostError('connection lost');
    for (const pending of this.#acks.values()) clearTimeout(pending.timer);
    for (const pending of [...this.#acks.values(), ...this.#histories.values()]) pending.reject(lost);
    this.#acks.clear();
    this.#histories.clear();
  }
}
