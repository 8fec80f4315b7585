import type { ChatTransport } from '../transport/transport.ts';
import type { UploadHandler } from '../upload/handler.ts';
import { lazyUploadHandler } from '../upload/lazy-handlers.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import type { UploadSlotSource } from '../upload/xmpp-upload.ts';

/** Where the default upload sends files. */
export interface DefaultUploadOptions {
  transport: ChatTransport;
  /** The URL Uppy posts files to (`multipart/form-data`, answering JSON `{ url }`). */
  endpoint?: string;
  /** Request headers of the posts to `endpoint`, e.g. `Authorization: Bearer …`. */
  headers?: Record<string, string>;
}

/**
 * The upload a store uses when its host gives none: Uppy posting to `endpoint` when there is one,
 * else the transport's own upload slots (XMPP's HTTP File Upload) when it offers them, else none
 * (sending a file then fails as `not-configured`). Made with the sender's code, on the first file
 * sent; Uppy, and the XMPP upload, load on the first upload.
 */
export function createDefaultUpload({ transport, endpoint, headers = {} }: DefaultUploadOptions): UploadHandler | undefined {
  if (endpoint) return createUppyUploader({ endpoint, headers });
  if (!('requestUpload' in transport)) return undefined;
  const slots = transport as ChatTransport & UploadSlotSource;
  return lazyUploadHandler(async () => (await import('../upload/xmpp-upload.ts')).createXmppUploader(slots));
}
