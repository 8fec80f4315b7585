import { DeferredTransport } from '../deferred.ts';
import { ConnectionLostError } from '../transport.ts';
import type { XmppTransportOptions } from './options.ts';
import type { SlotRequest, UploadSlot } from './upload-slot.ts';
import type { XmppTransport } from './xmpp-transport.ts';

/**
 * An `XmppTransport` loaded on the first `connect()`: a page that never talks XMPP never
 * downloads the XMPP client (about 50 KB minified). `options` may be a function resolving to
 * them, read when the client loads.
 */
export class DeferredXmppTransport extends DeferredTransport<XmppTransport> {
  constructor(options: XmppTransportOptions | (() => Promise<XmppTransportOptions>)) {
    super(async () => {
      const [{ XmppTransport }, resolved] = await Promise.all([import('./xmpp-transport.ts'), typeof options === 'function' ? options() : options]);
      return new XmppTransport(resolved);
    });
  }

  /** See `XmppTransport.requestUpload`. */
  requestUpload(file: SlotRequest): Promise<UploadSlot> {
    return this.inner?.requestUpload(file) ?? Promise.reject(new ConnectionLostError('not connected'));
  }
}
