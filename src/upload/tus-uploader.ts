import type { Meta } from '@uppy/core';
import type { TusBody } from './tus-client.ts';
import { hexSha256, TransferError, type UploadHandler, type UploadOptions, type UploadResult } from './handler.ts';
import { uploadFailure } from './http-errors.ts';
import { importTus } from './load-uppy.ts';
import { FILE_HASHING_HEADER, FILE_SHA256_HEADER, FILE_TYPE_HEADER, FILE_URL_HEADER } from './tus-headers.ts';
import { createResumePoints, type ResumePoints } from './resume-points.ts';
import { runUppyAttempt } from './uppy-attempt.ts';
import { isRetryableStatus, renewingToken, withRetries, type RetryPolicy } from './retry-policy.ts';

export { FILE_HASHING_HEADER, FILE_SHA256_HEADER, FILE_TYPE_HEADER, FILE_URL_HEADER } from './tus-headers.ts';

/** Options of the resumable upload handler. */
export interface TusUploaderOptions {
  /**
   * The tus endpoint uploads are created at (`/tus/` on the reference server). The answer that
   * completes an upload (its last `PATCH`, or a `HEAD` once it is complete) must say where the
   * file can be fetched: `Chatdrop-File-Url` (relative to the endpoint), and may say the type
   * stored, `Chatdrop-File-Type`; cross-origin, both exposed to the page.
   */
  endpoint: string;
  /** Extra request headers, e.g. `Authorization: Bearer <token>`. Read at each attempt, so a renewed token reaches the next one. */
  headers?: Record<string, string>;
  /**
   * Gives a fresh bearer token when the server refused a request of the upload (`POST`, `HEAD` or
   * `PATCH`) as expired (401 with `code: 'token-expired'`): it goes into `headers.Authorization`
   * and the upload goes on at once from the server's offset. Without it, or when it gives none, the
   * upload fails as `forbidden`.
   */
  renewToken?(): Promise<string | undefined>;
  /**
   * Largest request body in bytes: the file goes in `PATCH`es of at most this much. Default: the
   * rest of the file in one request (a cut loses only what was in flight; the server keeps every
   * byte that reached it). Set it below the body limit of a proxy in front of the server.
   */
  chunkSize?: number;
  /**
   * When to try again: default `TUS_RETRY_POLICY`. Each retry asks the server for its offset and
   * sends only the bytes it lacks.
   */
  retry?: Partial<RetryPolicy>;
  /** Where each upload's URL is kept for going on after a reload, by message id. Default: `localStorage` (`createResumePoints()`). */
  resumePoints?: ResumePoints;
}

/**
 * The resumable uploads' retries: after 0.5, 1, 2, 4, 8 and 15 s, then every 30 s, about two
 * minutes in all (a retry costs a `HEAD` and the bytes the server lacks, never the whole file
 * again); only network errors, 5xx and 429, waiting at least as long as `Retry-After` asks.
 */
export const TUS_RETRY_POLICY: RetryPolicy = Object.freeze({
  delaysMs: Object.freeze([500, 1000, 2000, 4000, 8000, 15_000, 30_000, 30_000, 30_000]),
  maxRetryAfterMs: 120_000,
});

/**
 * Which answers a resumable upload retries: those of `isRetryableStatus`, and 409 (the offset sent
 * is not the server's, e.g. a browser resent a cut request by itself) and 423 (the upload is still
 * locked by a request the server has not yet seen end): the next attempt asks for the offset.
 */
const isRetryableTusStatus = (status: number) => isRetryableStatus(status) || status === 409 || status === 423;

/** One attempt: goes on at the upload's URL when there is one (the server says its offset), else creates the upload. */
async function attemptUpload(file: File, options: TusUploaderOptions, points: ResumePoints, { id, signal, onProgress, onServerHashing }: UploadOptions): Promise<UploadResult> {
  const { Uppy, TusClient } = await importTus();
  if (signal.aborted) throw new TransferError('Upload cancelled.', { code: 'cancelled' });
  const endpoint = new URL(options.endpoint, location.href).href;
  const uppy = new Uppy<Meta, TusBody>({ id: `chatdrop-${id}`, autoProceed: false });
  const uploadUrl = points.get(id, endpoint, file.size);
  uppy.use(TusClient, {
    endpoint,
    ...(uploadUrl && { uploadUrl }),
    headers: { ...options.headers },
    ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
    onAfterResponse: (method, answer) => {
      const created = method === 'POST' && answer.status === 201 ? answer.getResponseHeader('Location') : undefined;
      if (created) points.save(id, { url: new URL(created, endpoint).href, endpoint, size: file.size });
      if (answer.getResponseHeader(FILE_HASHING_HEADER) === 'sha256') onServerHashing?.();
    },
  });
  return runUppyAttempt({
    uppy,
    file,
    name: file.name || 'untitled',
    signal,
    onProgress,
    onSuccess: (response) => {
      const answer = response.body?.xhr;
      const url = answer?.getResponseHeader(FILE_URL_HEADER);
      if (!url) return new TransferError(`The server stored the file but did not say where (no ${FILE_URL_HEADER} header it exposes).`, { code: 'bad-answer' });
      const mime = answer?.getResponseHeader(FILE_TYPE_HEADER);
      const sha256 = hexSha256(answer?.getResponseHeader(FILE_SHA256_HEADER));
      return { url: new URL(url, endpoint).href, ...(mime && { mime }), ...(sha256 && { sha256 }) };
    },
    toFailure: (status, request) => uploadFailure(status, request, isRetryableTusStatus),
  });
}

/**
 * The resumable upload handler: Uppy with our tus 1.0 client (`tus-client.ts`) to `endpoint`. A
 * cut upload (the network dropped, the server restarted) goes on from the offset the server
 * holds, at each retry (`TUS_RETRY_POLICY`), at Retry, and after a page reload: the upload's URL
 * is kept by message id (`UploadOptions.id`) in `localStorage` until it finishes or is cancelled.
 * Cancelling terminates the upload on the server (`DELETE`). Uppy and the tus client load on the
 * first upload.
 */
export function createTusUploader(options: TusUploaderOptions): UploadHandler {
  const policy: RetryPolicy = { ...TUS_RETRY_POLICY, ...options.retry };
  const points = options.resumePoints ?? createResumePoints();
  const settings = { ...options, headers: options.headers ?? {} };
  return async (file, uploadOptions) => {
    try {
      const result = await withRetries(renewingToken(() => attemptUpload(file, settings, points, uploadOptions), settings.headers, options.renewToken), {
        policy,
        signal: uploadOptions.signal,
        onRetry: (notice) => uploadOptions.onRetry?.(notice),
      });
      points.forget(uploadOptions.id);
      return result;
    } catch (error) {
      if (uploadOptions.signal.aborted) points.forget(uploadOptions.id);
      throw error;
    }
  };
}
