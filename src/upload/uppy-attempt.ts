import type { Body, Meta, Uppy, UppyFile } from '@uppy/core';
import { TransferError } from './handler.ts';
import type { AttemptFailure } from './retry-policy.ts';

type UploadResponse<B extends Body> = { status?: number; body?: B };

export interface UppyAttemptOptions<B extends Body, T> {
  /** An Uppy with one uploader plugin set up, used for this one file and destroyed after. */
  uppy: Uppy<Meta, B>;
  file: File;
  /** The name the upload carries. */
  name: string;
  signal: AbortSignal;
  onProgress(sent: number, total: number): void;
  /** What a success means: a result, or a `TransferError` to fail with. */
  onSuccess(response: UploadResponse<B>): T | TransferError;
  /** What a failed answer means for the retry policy (`status` 0: no answer). */
  toFailure(status: number, request: XMLHttpRequest | undefined): AttemptFailure;
}

/**
 * Runs one upload attempt of `file` through a prepared Uppy: cancel on `signal`, progress in
 * bytes, the answer turned into a result or an `AttemptFailure`, and Uppy destroyed after.
 * Shared by the default (multipart POST), the resumable (tus) and the XMPP (slot PUT) upload handlers.
 */
export async function runUppyAttempt<B extends Body, T>({ uppy, file, name, signal, onProgress, onSuccess, toFailure }: UppyAttemptOptions<B, T>): Promise<T> {
  let onAbort = () => {};
  try {
    return await new Promise<T>((resolve, reject) => {
      onAbort = () => {
        uppy.cancelAll();
        reject(new TransferError('Upload cancelled.', { code: 'cancelled' }));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      uppy.on('upload-progress', (_file: UppyFile<Meta, B> | undefined, progress) => {
        onProgress(Math.min(Math.floor(progress.bytesUploaded || 0), file.size), file.size);
      });
      uppy.on('upload-success', (_file, response) => {
        const outcome = onSuccess(response);
        if (outcome instanceof TransferError) {
          reject(outcome);
          return;
        }
        onProgress(file.size, file.size);
        resolve(outcome);
      });
      uppy.on('upload-error', (_file, error, response) => {
        // XHR uploads carry the request on the error; tus uploads the last answer's in the response body.
        const request = (error as { request?: XMLHttpRequest }).request ?? (response?.body as { xhr?: XMLHttpRequest } | undefined)?.xhr;
        reject(toFailure(response?.status ?? request?.status ?? 0, request));
      });
      // Always with a type: the drop-in build's Uppy has no table to guess one from the name (src/shims/uppy-mime-types.ts).
      uppy.addFile({ name, type: file.type || 'application/octet-stream', data: file, source: 'chatdrop' });
      uppy.upload().then(
        () => reject(new TransferError('The upload ended without an answer from the server.', { code: 'bad-answer' })),
        (error: unknown) => reject(new TransferError(error instanceof Error ? error.message : 'The upload failed.')),
      );
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
    uppy.destroy();
  }
}
