import type { Body, Meta } from '@uppy/core';
import type { LocalUppyFile } from '@uppy/core/utils';
import { loadOnce } from '../model/load-once.ts';
import { hexSha256, TransferError, type UploadHandler, type UploadOptions, type UploadResult } from './handler.ts';
import { uploadFailure } from './http-errors.ts';
import { importUppy } from './load-uppy.ts';
import { runUppyAttempt } from './uppy-attempt.ts';
import { DEFAULT_RETRY_POLICY, renewingToken, withRetries, type RetryPolicy } from './retry-policy.ts';

/** Options of the default upload handler. */
export interface UppyUploaderOptions {
  /** The URL that accepts `multipart/form-data` uploads and answers JSON `{ url }`. */
  endpoint: string;
  /** The form field that carries the file. Default `file`. */
  fieldName?: string;
  /** Extra request headers, e.g. `Authorization: Bearer <token>` for a server with `UPLOAD_TOKEN`. Read at each attempt, so a renewed token reaches the next one. */
  headers?: Record<string, string>;
  /**
   * Gives a fresh bearer token when the server refused the upload's as expired (401 with
   * `code: 'token-expired'`): it goes into `headers.Authorization` and the upload is sent again at
   * once. Without it, or when it gives none, the upload fails as `forbidden`.
   */
  renewToken?(): Promise<string | undefined>;
  /**
   * Whether each upload carries `Idempotency-Key: <message id>`, so a retry of an upload the
   * server finished (the answer was lost) gets the first answer instead of storing the file twice.
   * The reference server honours it. Default `true`; turn it off for a cross-origin endpoint whose
   * CORS preflight does not allow the header.
   */
  sendIdempotencyKey?: boolean;
  /**
   * When to try again: default `DEFAULT_RETRY_POLICY` (after 300, 600 and 1200 ms, only for
   * network errors, 5xx and 429, waiting at least as long as `Retry-After` asks). Uppy's own
   * retries are off, so this is the only policy.
   */
  retry?: Partial<RetryPolicy>;
}

interface UploadBody extends Body {
  url?: string;
  mime?: string;
}

/** Uppy and its upload plugin as Chatdrop uses it, loaded on the first upload (so a page that only chats never downloads them). */
const loadUppy = loadOnce(async () => {
  const { Uppy, XHRUpload } = await importUppy();

  /**
   * XHRUpload that puts the picked File itself into the form. Stock XHRUpload appends
   * `file.data.slice(0, size, type)` only to re-type the blob; sending that slice instead of the
   * File was measured at about half the throughput on loopback (~0.45× curl against ~0.8×, see
   * the toolchain notes), and it is a needless second Blob in any case. The type needs no fixing
   * here: the declared type went into Uppy's meta unchanged. `data` is always set (files are
   * added with their bytes; there are no restored "ghost" files).
   */
  class WholeFileXHRUpload extends XHRUpload<Meta, UploadBody> {
    override createFormDataUpload(file: LocalUppyFile<Meta, UploadBody>, options: { fieldName: string }): FormData {
      const form = new FormData();
      form.append(options.fieldName, file.data!, file.meta.name);
      return form;
    }
  }
  return { Uppy, WholeFileXHRUpload };
});

/** One POST of the file through Uppy; fails with an `AttemptFailure` that the retry policy reads. */
async function attemptUpload(file: File, options: UppyUploaderOptions, { id, signal, onProgress }: UploadOptions): Promise<UploadResult> {
  const { Uppy, WholeFileXHRUpload } = await loadUppy();
  if (signal.aborted) throw new TransferError('Upload cancelled.', { code: 'cancelled' });
  const uppy = new Uppy<Meta, UploadBody>({ id: `chatdrop-${id}`, autoProceed: false });
  uppy.use(WholeFileXHRUpload, {
    endpoint: options.endpoint,
    fieldName: options.fieldName ?? 'file',
    headers: { ...(options.sendIdempotencyKey !== false && { 'Idempotency-Key': id }), ...options.headers },
    formData: true,
    allowedMetaFields: [],
    limit: 1,
    // Retries and stall detection are ours (retry-policy.ts, the file sender's stall watch).
    shouldRetry: () => false,
    timeout: 0,
  });
  return runUppyAttempt({
    uppy,
    file,
    name: file.name || 'untitled',
    signal,
    onProgress,
    onSuccess: (response) => {
      const url = response.body?.url;
      if (typeof url !== 'string') return new TransferError('The server stored the file but did not say where.', { code: 'bad-answer' });
      const result: UploadResult = { url: new URL(url, new URL(options.endpoint, location.href)).href };
      const sha256 = hexSha256(response.body?.sha256);
      return { ...result, ...(typeof response.body?.mime === 'string' && { mime: response.body.mime }), ...(sha256 && { sha256 }) };
    },
    toFailure: uploadFailure,
  });
}

/**
 * The default upload handler: Uppy with `@uppy/xhr-upload`, posting the picked File itself to
 * `endpoint` as `multipart/form-data`, retried by an explicit policy (see `UppyUploaderOptions.retry`).
 * Uppy is loaded on the first upload, so a page that only chats never downloads it.
 */
export function createUppyUploader(options: UppyUploaderOptions): UploadHandler {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const settings = { ...options, headers: options.headers ?? {} };
  return (file, uploadOptions) =>
    withRetries(renewingToken(() => attemptUpload(file, settings, uploadOptions), settings.headers, options.renewToken), {
      policy,
      signal: uploadOptions.signal,
      onRetry: (notice) => {
        uploadOptions.onProgress(0, file.size);
        uploadOptions.onRetry?.(notice);
      },
    });
}
