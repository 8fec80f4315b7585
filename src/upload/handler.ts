import type { Attachment } from '../model/message.ts';

/** What an upload handler is given besides the file. */
export interface UploadOptions {
  /** A stable id for this upload (the message id). */
  id: string;
  /** Aborted when the user cancels. */
  signal: AbortSignal;
  /** Called as bytes leave; `total` is the file size. */
  onProgress(sent: number, total: number): void;
  /**
   * Called when a failed attempt will be tried again after `delayMs` (optional: a handler without
   * retries never calls it). The caller resets its progress and stall watch on it.
   */
  onRetry?(retry: { attempt: number; delayMs: number; error: TransferError }): void;
}

/** Where the uploaded bytes can be fetched, and anything the server decided about them. */
export interface UploadResult {
  url: string;
  /** The media type the server stored, when it differs from the declared one. */
  mime?: string;
}

/** Moves a picked file's bytes to storage. Replace it for signed URLs, auth headers or your own storage. */
export type UploadHandler = (file: File, options: UploadOptions) => Promise<UploadResult>;

/** What a download handler is given besides the attachment. */
export interface DownloadOptions {
  signal: AbortSignal;
  /** Called as bytes arrive; `total` is undefined when the server does not say. */
  onProgress(received: number, total: number | undefined): void;
}

/** Fetches an attachment's bytes. Replace it to add auth headers or resolve signed URLs. */
export type DownloadHandler = (attachment: Attachment, options: DownloadOptions) => Promise<Blob>;

/** The reason an upload shows when the uploader's code could not be loaded (offline, say). */
export const UPLOADER_UNAVAILABLE = 'The uploader could not be loaded. Check the connection, then reload the page and send the file again.';

/** Why an upload or download failed, in words a user can read. */
export class TransferError extends Error {
  override name = 'TransferError';
  constructor(
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
    /** Whether trying again may help (network errors, 5xx, 429). */
    readonly isRetryable = false,
  ) {
    super(message);
  }
}
