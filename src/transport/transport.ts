import type { ChatMessage, Sender } from '../model/message.ts';

/** Whether a transport can deliver right now. */
export type ConnectionStatus = 'connecting' | 'online' | 'offline';

/** The server's answer to a stored message: its place in the room. */
export interface Ack {
  id: string;
  seq: number;
}

/** Which slice of a room's history to fetch, by sequence number. */
export interface HistoryQuery {
  /** Only messages with `seq` below this. */
  before?: number;
  /** Only messages with `seq` above this. */
  after?: number;
  /** At most this many (the newest of the slice for `before`, the oldest for `after`). */
  limit?: number;
}

/** Who is talking where: given to `connect()`. */
export interface Session {
  room: string;
  user: Sender;
  /** The highest seq the client holds; a transport that can resume asks for what came after it on every (re)connect. */
  lastSeq?(): number | undefined;
  /** A credential the server checks (the reference relay's JWT). */
  token?: string;
  /**
   * Asked for a fresh token when the server says `token` expired; the transport joins again with
   * what it resolves to (nothing: it keeps retrying with the old one).
   */
  refreshToken?(): Promise<string | undefined>;
}

/** Events a transport dispatches. `message` carries the raw value from the wire: the store validates it. */
export interface TransportEventMap {
  message: CustomEvent<unknown>;
  status: CustomEvent<ConnectionStatus>;
}

/**
 * Moves chat messages between this client and the others. Delivery guarantees (outbox, resend,
 * dedupe, order) live in the store, so a transport only reports acks and status truthfully.
 */
export interface ChatTransport extends EventTarget {
  readonly status: ConnectionStatus;
  /** Starts connecting to the session's room; resolves once the first attempt has settled. */
  connect(session: Session): Promise<void>;
  /** Closes for good: no reconnect after this. */
  close(): void;
  /** Sends one message; resolves with the server's ack once it is stored. The same id twice gets the same ack. */
  send(message: ChatMessage): Promise<Ack>;
  /** Fetches stored messages of the connected room (raw values: the store validates them). */
  history(query?: HistoryQuery): Promise<unknown[]>;
  /** The largest file the server accepts, when the transport knows it. */
  readonly maxFileSize?: number;
  addEventListener<K extends keyof TransportEventMap>(type: K, listener: (event: TransportEventMap[K]) => void, options?: AddEventListenerOptions | boolean): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void;
  removeEventListener<K extends keyof TransportEventMap>(type: K, listener: (event: TransportEventMap[K]) => void, options?: EventListenerOptions | boolean): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: EventListenerOptions | boolean): void;
}

/** The server refused a message for good (invalid, not allowed): resending it will not help. */
export class MessageRefusedError extends Error {
  override name = 'MessageRefusedError';
}

/** The server is busy (rate limit): send the message again after `retryAfterMs`. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** The connection dropped or was closed before the ack: the message may be resent. */
export class ConnectionLostError extends Error {
  override name = 'ConnectionLostError';
}
