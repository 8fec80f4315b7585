import type { ChatTransport } from '../transport/transport.ts';
import type { UploadHandler } from '../upload/handler.ts';
import { lazyUploadHandler } from '../upload/lazy-handlers.ts';
import { tusModules, uppyModules } from '../upload/load-uppy.ts';
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

/** Which upload the default one is: to `endpoint` by `protocol` when there is one, else by the transport's upload slots when it offers them, else none. */
function defaultUploadKind({ transport, endpoint, protocol = 'multipart' }: DefaultUploadOptions): UploadProtocol | 'slots' | undefined {
  if (endpoint) return protocol;
  return 'requestUpload' in transport ? 'slots' : undefined;
}

/**
 * The upload a store uses when its host gives none: Uppy sending to `endpoint` when there is one
 * (multipart, or tus when `protocol` says so),
 * else the transport's own upload slots (XMPP's HTTP File Upload) when it offers them, else none
 * (sending a file then fails as `not-configured`). Made with the sender's code, on the first file
 * sent; Uppy, and the XMPP upload, load on the first upload (or ahead: `preloadDefaultUpload`).
 */
export function createDefaultUpload(options: DefaultUploadOptions): UploadHandler | undefined {
  const { transport, endpoint = '', headers = {}, renewToken } = options;
  switch (defaultUploadKind(options)) {
    case 'tus':
      return createTusUploader({ endpoint, headers, renewToken });
    case 'multipart':
      return createUppyUploader({ endpoint, headers, renewToken });
    case 'slots': {
      const slots = transport as ChatTransport & UploadSlotSource;
      return lazyUploadHandler(async () => (await import('../upload/xmpp-upload.ts')).createXmppUploader(slots));
    }
    default:
      return undefined;
  }
}

/**
 * Loads ahead the code the default upload of these options will need (Uppy, with its tus plugin
 * or the XMPP upload). Quietly: when it cannot, the upload meets (and reports) that itself.
 */
export function preloadDefaultUpload(options: DefaultUploadOptions): void {
  const kind = defaultUploadKind(options);
  const code = kind === 'tus' ? tusModules() : kind === 'multipart' ? uppyModules() : kind === 'slots' ? Promise.all([import('../upload/xmpp-upload.ts'), uppyModules()]) : undefined;
  void code?.catch(() => undefined);
}
