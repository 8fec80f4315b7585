import type { Ack, ChatTransport, ConnectionStatus, HistoryQuery, Session } from './transport.ts';
import type { ChatMessage } from '../model/message.ts';

/** What every transport shares: the status and the two events. */
export abstract class TransportBase extends EventTarget implements ChatTransport {
  #status: ConnectionStatus = 'offline';

  declare addEventListener: ChatTransport['addEventListener'];
  declare removeEventListener: ChatTransport['removeEventListener'];

  get status(): ConnectionStatus {
    return this.#status;
  }

  abstract connect(session: Session): Promise<void>;
  abstract close(): void;
  abstract send(message: ChatMessage): Promise<Ack>;
  abstract history(query?: HistoryQuery): Promise<unknown[]>;

  protected setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.dispatchEvent(new CustomEvent('status', { detail: status }));
  }

  /** Hands a raw value from the wire to listeners (the store validates it). */
  protected emitMessage(raw: unknown): void {
    this.dispatchEvent(new CustomEvent('message', { detail: raw }));
  }
}
