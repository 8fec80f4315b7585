import { ConnectionLostError, type Ack } from '../transport.ts';

interface PendingAck {
  promise: Promise<Ack>;
  resolve(ack: Ack): void;
  reject(error: Error): void;
  /** The XMPP session it was sent in: a new session (the old one could not be resumed) fails it. */
  session: number;
}

/** The acks our sent messages wait for, by message id, each tied to the XMPP session it was sent in. */
export class PendingAcks {
  readonly #byId = new Map<string, PendingAck>();

  /** The ack message `id` already waits for, if it does. */
  get(id: string): Promise<Ack> | undefined {
    return this.#byId.get(id)?.promise;
  }

  /** A new wait for the ack of message `id`, sent in XMPP session `session`. */
  add(id: string, session: number): Promise<Ack> {
    let pending!: PendingAck;
    const promise = new Promise<Ack>((resolve, reject) => (pending = { promise: undefined!, resolve, reject, session }));
    pending.promise = promise;
    this.#byId.set(id, pending);
    return promise;
  }

  /** Settles the wait of `ack.id`, if any. */
  resolve(ack: Ack): void {
    const pending = this.#byId.get(ack.id);
    this.#byId.delete(ack.id);
    pending?.resolve(ack);
  }

  /** Fails the wait of message `id` with `error`, if any. */
  reject(id: string, error: Error): void {
    const pending = this.#byId.get(id);
    this.#byId.delete(id);
    pending?.reject(error);
  }

  /** Fails, as lost, every wait of a session before `session` (all of them without it). */
  rejectBefore(session = Infinity): void {
    for (const [id, pending] of this.#byId) if (pending.session < session) this.reject(id, new ConnectionLostError('connection lost'));
  }
}
