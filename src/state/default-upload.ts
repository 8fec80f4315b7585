import type { ChatTransport } from '../transport/transport.ts';
import type { UploadHandler } from '../upload/handler.ts';
import { lazyUploadHandler } from '../upload/lazy-handlers.ts';
import { createTusUploader } from '../upload/tus-uploader.ts';
import { createUppyUploader } from '../upload/uppy-uploader.ts';
import type { UploadSlotSource } from '../upload/xmpp-upload.ts';

/**
 * How the default upload sends files to its endpoint: `multipart` (one `multipart/form-data`
 * POST answering JSON `{ url }`, `createUppyUploader`) or `tus` (resumable, `createTusUploader`).
 */
export type UploadProtocol = 'multipart' | 'tus';

/** Where the default upload sends files. */
export interface DefaultUploadOptions {
  transport: ChatTransport;
  /** The URL Uppy sends files to, by `protocol`. */
  endpoint?: string;
  /** How: `multipart` (default) or `tus`. */
  protocol?: UploadProtocol;
  /** Request headers of the posts to `endpoint`, e.g. `Authorization: Bearer …`. */
  headers?: Record<string, string>;
  /** Gives a fresh bearer token for `headers.Authorization` when `endpoint` refused an upload's as expired; the upload then goes on by itself. */
  renewToken?(): Promise<string | undefined>;
}

/**
 * The upload a store uses when its host gives none: Uppy sending to `endpoint` when there is one
 * (multipart, or tus when `protocol` says so),
 * else the transport's own upload slots (XMPP's HTTP File Upload) when it offers them, else none
 * (sending a file then fails as `not-configured`). Made with the sender's code, on the first file
 * sent; Uppy, and the XMPP upload, load on the first upload.
 */
export function createDefaultUpload({ transport, endpoint, protocol = 'multipart', headers = {}, renewToken }: DefaultUploadOptions): UploadHandler | undefined {
  if (endpoint) return protocol === 'tus' ? createTusUploader({ endpoint, headers, renewToken }) : createUppyUploader({ endpoint, headers, renewToken });
  if (!('requestUpload' in transport)) return undefined;
  const slots = transport as ChatTransport & UploadSlotSource;
  return lazyUploadHandler(async () => (await import('../upload/xmpp-upload.ts')).createXmppUploader(slots));
}

/**
 * Loads ahead the code the default upload of these options will need (Uppy, with its tus plugin
 * or the XMPP upload). Quietly: when it cannot, the upload meets (and reports) that itself.
 */
export function preloadDefaultUpload({ transport, endpoint, protocol = 'multipart' }: DefaultUploadOptions): void {
  const uppy = () => import('../upload/uppy-modules.ts');
  const code = endpoint ? (protocol === 'tus' ? import('../upload/tus-modules.ts') : uppy()) : 'requestUpload' in transport ? Promise.all([import('../upload/xmpp-upload.ts'), uppy()]) : undefined;
  void code?.catch(() => undefined);
}
