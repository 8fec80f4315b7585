import { loadOnce } from '../model/load-once.ts';
import type { ChatMessage } from '../model/message.ts';
import { TransportBase } from './transport-base.ts';
import { ConnectionLostError, type Ack, type ChatTransport, type HistoryQuery, type Session } from './transport.ts';

/**
 * A transport whose code loads on the first `connect()`, as Uppy loads on the first upload: a
 * page never downloads a transport it does not use. It forwards the status and messages of the
 * real transport and hands everything else to it. A failed load leaves it offline; the next
 * `connect()` tries again.
 */
export class DeferredTransport<Inner extends ChatTransport = ChatTransport> extends TransportBase {
  /** The real transport, once loaded. */
  protected inner?: Inner;
  #isClosed = false;
  /** Loads the real transport on the first `connect()`, and again on the next after a failure. */
  readonly #loadInner = loadOnce(async () => {
    const inner = await this.load();
    inner.addEventListener('message', (event) => this.emitMessage(event.detail));
    inner.addEventListener('status', (event) => this.setStatus(event.detail));
    return (this.inner = inner);
  });

  /** `load` imports and makes the real transport. */
  constructor(private readonly load: () => Promise<Inner>) {
    super();
  }

  /** The real transport's limit, once it knows one. */
  get maxFileSize(): number | undefined {
    return this.inner?.maxFileSize;
  }

  async connect(session: Session): Promise<void> {
    this.#isClosed = false;
    this.setStatus('connecting');
    let inner: Inner;
    try {
      inner = await this.#loadInner();
    } catch (error) {
      console.error('Chatdrop could not load the transport:', error);
      this.setStatus('offline');
      return;
    }
    if (!this.#isClosed) await inner.connect(session);
  }

  close(): void {
    this.#isClosed = true;
    this.inner?.close();
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    return this.inner?.send(message) ?? Promise.reject(new ConnectionLostError('not connected'));
  }

  history(query?: HistoryQuery): Promise<unknown[]> {
    return this.inner?.history(query) ?? Promise.reject(new ConnectionLostError('not connected'));
  }
}
