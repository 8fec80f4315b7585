import type { ChatMessage } from '../../model/message.ts';
import { TransportBase } from '../transport-base.ts';
import { ConnectionLostError, type Ack, type HistoryQuery, type Session } from '../transport.ts';
import type { XmppTransportOptions } from './options.ts';
import type { SlotRequest, UploadSlot } from './upload-slot.ts';
import type { XmppTransport } from './xmpp-transport.ts';

/**
 * An `XmppTransport` loaded on the first `connect()`, as Uppy is loaded on the first upload: a
 * page that never talks XMPP never downloads the XMPP client (about 50 KB minified). It forwards
 * the status and messages of the real transport and hands everything else to it.
 */
export class DeferredXmppTransport extends TransportBase {
  #inner?: XmppTransport;
  #loading?: Promise<XmppTransport>;
  #isClosed = false;

  constructor(readonly options: XmppTransportOptions) {
    super();
  }

  /** The upload service's limit, once the real transport has discovered it. */
  get maxFileSize(): number | undefined {
    return this.#inner?.maxFileSize;
  }

  async connect(session: Session): Promise<void> {
    this.#isClosed = false;
    this.setStatus('connecting');
    let inner: XmppTransport;
    try {
      inner = await (this.#loading ??= this.#load());
    } catch {
      this.#loading = undefined; // the script did not load: the next connect tries again
      this.setStatus('offline');
      return;
    }
    if (!this.#isClosed) await inner.connect(session);
  }

  close(): void {
    this.#isClosed = true;
    this.#inner?.close();
    this.setStatus('offline');
  }

  send(message: ChatMessage): Promise<Ack> {
    return this.#inner?.send(message) ?? Promise.reject(new ConnectionLostError('not connected'));
  }

  history(query?: HistoryQuery): Promise<unknown[]> {
    return this.#inner?.history(query) ?? Promise.reject(new ConnectionLostError('not connected'));
  }

  /** See `XmppTransport.requestUpload`. */
  requestUpload(file: SlotRequest): Promise<UploadSlot> {
    return this.#inner?.requestUpload(file) ?? Promise.reject(new ConnectionLostError('not connected'));
  }

  async #load(): Promise<XmppTransport> {
    const { XmppTransport } = await import('./xmpp-transport.ts');
    const inner = new XmppTransport(this.options);
    inner.addEventListener('message', (event) => this.emitMessage(event.detail));
    inner.addEventListener('status', (event) => this.setStatus(event.detail));
    this.#inner = inner;
    return inner;
  }
}
