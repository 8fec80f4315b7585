import type { Attachment } from '../model/message.ts';

/** What an upload handler is given besides the file. */
export interface UploadOptions {
  /**
   * A stable id for this upload (the message id): the same for every call that uploads the same
   * message's bytes (a retry, Retry, the page reloaded), so a resumable handler can find where the
   * last call stopped.
   */
  id: string;
  /** Aborted when the user cancels. */
  signal: AbortSignal;
  /** Called as bytes leave; `total` is the file size. */
  onProgress(sent: number, total: number): void;
  /**
   * Called when a failed attempt will be tried again after `delayMs` (optional: a handler without
   * retries never calls it). The caller restarts its stall watch on it; the progress shown stays as
   * the handler last said (one that starts over says 0 first, one that resumes keeps its bytes).
   */
  onRetry?(retry: { attempt: number; delayMs: number; error: TransferError }): void;
  /**
   * Called when the server said, before the bytes go, that its answer will carry their sha256
   * (`UploadResult.sha256`; optional: the tus handler calls it for the reference server). The
   * caller then does not hash the file itself beside the upload, which would take CPU from it.
   */
  onServerHashing?(): void;
}

/** A hex sha256 as a server may give it: 64 hex digits, lower-cased; anything else is no hash. */
export function hexSha256(value: unknown): string | undefined {
  return typeof value === 'string' && /^[0-9a-f]{64}$/i.test(value) ? value.toLowerCase() : undefined;
}

/** Where the uploaded bytes can be fetched, and anything the server decided about them. */
export interface UploadResult {
  url: string;
  /** The media type the server stored, when it differs from the declared one. */
  mime?: string;
  /**
   * The hex sha256 of the bytes the server stored, when it says (the reference server does:
   * `sha256` in the multipart answer, `Chatdrop-File-Sha256` on tus). Once a handler has given one,
   * the page stops hashing files beside their uploads (on a machine with few cores that costs the
   * upload up to 40 %, `npm run bench -- send`): the message carries the server's hash.
   */
  sha256?: string;
}

/**
 * Moves a picked file's bytes to storage. Replace it for signed URLs, auth headers or your own storage.
 *
 * A handler may resume: called again with the same `options.id` (a retry, Retry, or after a page
 * reload with the file the browser kept, or the one the user picked again), it may continue where
 * the last call stopped instead of sending every byte again, as `createTusUploader` does from the
 * offset its tus server holds. The bytes are then always the same file: the widget checks a file
 * picked again by its size and the sha256 of its first MiB before handing it over.
 */
export type UploadHandler = (file: File, options: UploadOptions) => Promise<UploadResult>;

/** What a download handler is given besides the attachment. */
export interface DownloadOptions {
  signal: AbortSignal;
  /** Called as bytes arrive; `total` is undefined when the server does not say. */
  onProgress(received: number, total: number | undefined): void;
  /**
   * Set when the bytes are fetched only to be shown as an image (the auto-download policy): the
   * download then fails with `too-large` rather than take more than `maxBytes` (whether the server
   * says a larger size, says none, or says a smaller one and sends more), and with `not-an-image`
   * when the server labels the file as anything but a raster image (no label, or opaque bytes,
   * leaves it to the first bytes). The default handler asks first (HEAD) when the attachment does
   * not say its size.
   */
  forDisplay?: { maxBytes: number };
}

/** Fetches an attachment's bytes. Replace it to add auth headers or resolve signed URLs. */
export type DownloadHandler = (attachment: Attachment, options: DownloadOptions) => Promise<Blob>;

/** Which way a transfer moves bytes: the sentences of some failures say which. */
export type TransferAction = 'upload' | 'download';

/**
 * Why an upload or download failed. The elements turn it into a sentence in the widget's words
 * (`ChatStrings`), so a German widget says it in German.
 * - `cancelled`: the user cancelled it.
 * - `network`: no answer (offline, the server unreachable, the chat server not connected).
 * - `interrupted`: a download kept being cut off before the whole file arrived.
 * - `too-large`: the server does not accept a file this large (413, XMPP's `max-file-size`).
 * - `forbidden`: the server did not allow it (401, 403).
 * - `not-found`: the file is gone (404, 410).
 * - `busy`: the server asks to wait (429).
 * - `server`: a server error (5xx).
 * - `refused`: any other refusal (another 4xx, an XMPP upload slot refused).
 * - `bad-answer`: the server answered, but not with what an upload needs (where the file is).
 * - `integrity`: the bytes do not match the checksum the message carries.
 * - `not-an-image`: bytes fetched to be shown as an image are not one (the server's type, or their first bytes, say so).
 * - `unsupported-link`: the attachment's URL is not one Chatdrop follows.
 * - `not-configured`: nothing is set up to upload to.
 * - `uploader-unavailable`: the uploader's code could not be loaded.
 * - `file-code-unavailable`: the code that sends and fetches files could not be loaded.
 * - `file-needed`: the page reloaded before the upload finished and the browser could not keep the
 *   file (too large to keep): the same file must be picked again to go on.
 * - `different-file`: the file picked again is not the one sent (its size or its first bytes differ).
 * - `failed`: anything else, e.g. an error that is not a `TransferError`.
 */
export type TransferErrorCode =
  | 'cancelled'
  | 'network'
  | 'interrupted'
  | 'too-large'
  | 'forbidden'
  | 'not-found'
  | 'busy'
  | 'server'
  | 'refused'
  | 'bad-answer'
  | 'integrity'
  | 'not-an-image'
  | 'unsupported-link'
  | 'not-configured'
  | 'uploader-unavailable'
  | 'file-code-unavailable'
  | 'file-needed'
  | 'different-file'
  | 'failed';

/** The code of an HTTP refusal (0 = no answer). */
export function codeOfStatus(status: number): TransferErrorCode {
  if (status === 0) return 'network';
  if (status === 413) return 'too-large';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'busy';
  return status >= 500 ? 'server' : 'refused';
}

/** What a failed transfer leaves in the upload and download states: what the elements put into words. */
export interface TransferFailure {
  code: TransferErrorCode;
  /** For logs and the host's own handlers; shown only when `isUserFacing`. */
  message: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The largest file the server accepts, in bytes, when it said (with `too-large`). */
  maxFileSize?: number;
  /** Whether `message` is a sentence for the user, shown as it is (see `TransferErrorOptions`). */
  isUserFacing?: boolean;
}

/** Options of a `TransferError`. */
export interface TransferErrorOptions {
  /** Why it failed. Default: the code of `status` when given (403 → `forbidden`), else `failed`. */
  code?: TransferErrorCode;
  /** HTTP status, when the server answered. */
  status?: number;
  /** Whether trying again may help (network errors, 5xx, 429). Default false. */
  isRetryable?: boolean;
  /** The largest file the server accepts, in bytes, when it said (with `too-large`). */
  maxFileSize?: number;
  /**
   * Whether the message is a sentence for the user, written by the host in the page's language:
   * the bubble and the announcer then show it as it is. Default false: they show the sentence of
   * `code` in the widget's words (`ChatStrings`), and the message is for logs only. Chatdrop's own
   * errors are never user-facing (their messages are English, and may quote a server).
   */
  isUserFacing?: boolean;
}

/**
 * Why an upload or download failed: a `code` the elements say in the widget's language, and a
 * message for logs (or for the user, when the host marks it `isUserFacing`). A handler may throw
 * any error; one that is not a `TransferError` counts as `failed`.
 */
export class TransferError extends Error implements TransferFailure {
  override name = 'TransferError';
  readonly code: TransferErrorCode;
  /** HTTP status, when the server answered. */
  readonly status?: number;
  /** Whether trying again may help (network errors, 5xx, 429). */
  readonly isRetryable: boolean;
  readonly maxFileSize?: number;
  readonly isUserFacing: boolean;

  constructor(message: string, { code, status, isRetryable = false, maxFileSize, isUserFacing = false }: TransferErrorOptions = {}) {
    super(message);
    this.code = code ?? (status === undefined ? 'failed' : codeOfStatus(status));
    this.status = status;
    this.isRetryable = isRetryable;
    this.maxFileSize = maxFileSize;
    this.isUserFacing = isUserFacing;
  }
}

/** What an upload or download state keeps of `error`, a failed transfer's rejection: itself, or a `failed` one with its message. */
export function transferFailure(error: unknown): TransferFailure {
  return error instanceof TransferError ? error : new TransferError(error instanceof Error ? error.message : String(error));
}
