import type { ChatMessage } from '../model/message.ts';
import { sliceHistory } from './slice-history.ts';
import { TransportBase } from './transport-base.ts';
import { ConnectionLostError, type Ack, type HistoryQuery, type Session } from './transport.ts';

interface Room {
  messages: ChatMessage[];
  seqById: Map<string, number>;
  members: Set<MemoryTransport>;
}

/** An in-process relay that `MemoryTransport`s share: for tests, demos and single-page use. */
export class MemoryHub {
  readonly #rooms = new Map<string, Room>();

  room(name: string): Room {
    let room = this.#rooms.get(name);
    if (!room) {
      room = { messages: [], seqById: new Map(), members: new Set() };
      this.#rooms.set(name, room);
    }
    return room;
  }
}

/**
 * A transport to a `MemoryHub` in the same page. Stores each id once, numbers messages per room,
 * and can be switched offline to exercise the outbox. `historyOnConnect` limits what a connect
 * hands over to the newest N messages, as the relay does.
 */
export class MemoryTransport extends TransportBase {
  #room?: Room;
  #isReachable = true;

  constructor(
    readonly hub: MemoryHub = new MemoryHub(),
    private readonly options: { historyOnConnect?: number } = {},
  ) {
    super();
  }

  async connect(session: Session): Promise<void> {
    this.#room = this.hub.room(session.room);
    this.#room.members.add(this);
    this.#goOnlineIfReachable();
    const newest = this.options.historyOnConnect ?? this.#room.messages.length;
    for (const message of this.#room.messages.slice(-newest || this.#room.messages.length)) this.emitMessage(structuredClone(message));
  }

  close(): void {
    this.#room?.members.delete(this);
    this.#room = undefined;
    this.setStatus('offline');
  }

  /** Simulates losing and regaining the network. */
  setReachable(isReachable: boolean): void {
    this.#isReachable = isReachable;
    if (isReachable) this.#goOnlineIfReachable();
    else this.setStatus('offline');
  }

  async send(message: ChatMessage): Promise<Ack> {
    const room = this.#room;
    if (!room || this.status !== 'online') throw new ConnectionLostError('offline');
    const known = room.seqById.get(message.id);
    if (known !== undefined) return { id: message.id, seq: known };
    const stored = { ...structuredClone(message), seq: room.messages.length + 1 };
    room.messages.push(stored);
    room.seqById.set(stored.id, stored.seq);
    for (const member of room.members) {
      if (member !== this) member.#deliver(stored);
    }
    return { id: stored.id, seq: stored.seq };
  }

  async history(query?: HistoryQuery): Promise<unknown[]> {
    if (!this.#room || this.status !== 'online') throw new ConnectionLostError('offline');
    return structuredClone(sliceHistory(this.#room.messages, query));
  }

  #deliver(message: ChatMessage): void {
    if (this.status === 'online') queueMicrotask(() => this.emitMessage(structuredClone(message)));
  }

  #goOnlineIfReachable(): void {
    if (this.#room && this.#isReachable) this.setStatus('online');
  }
}
