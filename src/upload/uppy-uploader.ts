import type { Body, Meta, UppyFile } from '@uppy/core';
import { TransferError, type UploadHandler } from './handler.ts';
import { describeHttpFailure } from './http-errors.ts';

export interface UppyUploaderOptions {
  /** The URL that accepts `multipart/form-data` uploads and answers JSON `{ url }`. */
  endpoint: string;
  /** The form field that carries the file. Default `file`. */
  fieldName?: string;
  /** Extra request headers, e.g. `Authorization`. */
  headers?: Record<string, string>;
}

interface UploadBody extends Body {
  url?: string;
  mime?: string;
}

/** Retry only what may pass next time: network errors, 5xx and 429. Never other 4xx. */
function isWorthRetrying(xhr: XMLHttpRequest): boolean {
  return xhr.status === 0 || xhr.status === 429 || xhr.status >= 500;
}

/** Reads the server's own sentence from a JSON error body, when there is one. */
function serverReason(xhr: XMLHttpRequest | undefined): string | undefined {
  try {
    const body = JSON.parse(xhr?.responseText ?? '') as { error?: unknown };
    return typeof body.error === 'string' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The default upload handler: Uppy with `@uppy/xhr-upload`, posting each file to `endpoint`.
 * Uppy is loaded on the first upload, so a page that only chats never downloads it.
 */
export function createUppyUploader(options: UppyUploaderOptions): UploadHandler {
  return async (file, { id, signal, onProgress }) => {
    const [{ default: Uppy }, { default: XHRUpload }] = await Promise.all([import('@uppy/core'), import('@uppy/xhr-upload')]);
    if (signal.aborted) throw new TransferError('Upload cancelled.');
    const uppy = new Uppy<Meta, UploadBody>({ id: `chatdrop-${id}`, autoProceed: false, allowMultipleUploadBatches: true });
    uppy.use(XHRUpload, {
      endpoint: options.endpoint,
      fieldName: options.fieldName ?? 'file',
      headers: options.headers ?? {},
      formData: true,
      allowedMetaFields: [],
      shouldRetry: isWorthRetrying,
    });
    try {
      return await new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => {
          uppy.cancelAll();
          reject(new TransferError('Upload cancelled.'));
        });
        uppy.on('upload-progress', (_file: UppyFile<Meta, UploadBody> | undefined, progress) => {
          onProgress(Math.min(progress.bytesUploaded, file.size), file.size);
        });
        uppy.on('upload-success', (_file, response) => {
          const url = response.body?.url;
          if (typeof url !== 'string') {
            reject(new TransferError('The server stored the file but did not say where.'));
            return;
          }
          onProgress(file.size, file.size);
          const result = { url: new URL(url, new URL(options.endpoint, location.href)).href };
          resolve(typeof response.body?.mime === 'string' ? { ...result, mime: response.body.mime } : result);
        });
        uppy.on('upload-error', (_file, error, response) => {
          const xhr = (error as { request?: XMLHttpRequest }).request;
          const status = response?.status ?? xhr?.status ?? 0;
          reject(new TransferError(serverReason(xhr) ?? describeHttpFailure(status, 'upload'), status || undefined, status === 0 || status === 429 || status >= 500));
        });
        uppy.addFile({ name: file.name || 'untitled', type: file.type || 'application/octet-stream', data: file, source: 'chatdrop' });
        uppy.upload().catch(reject);
      });
    } finally {
      uppy.destroy();
    }
  };
}
