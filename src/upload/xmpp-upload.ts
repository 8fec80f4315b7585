import type { Body, Meta } from '@uppy/core';
import { formatBytes } from '../model/format.ts';
import { ConnectionLostError } from '../transport/transport.ts';
import { FileTooLargeError, type SlotRequest, type UploadSlot } from '../transport/xmpp/upload-slot.ts';
import { TransferError, type UploadHandler, type UploadOptions, type UploadResult } from './handler.ts';
import { httpError } from './http-errors.ts';
import { importUppy } from './load-uppy.ts';
import { runUppyAttempt } from './uppy-attempt.ts';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, withRetries, type AttemptFailure, type RetryPolicy } from './retry-policy.ts';

/** What the uploader needs of a transport: XEP-0363 slots (the `XmppTransport` has them). */
export interface UploadSlotSource {
  requestUpload(file: SlotRequest): Promise<UploadSlot>;
  /** The service's `max-file-size`, when discovered. */
  readonly maxFileSize?: number;
}

/** Options of `createXmppUploader`. */
export interface XmppUploaderOptions {
  /** When to try again; default `DEFAULT_RETRY_POLICY` (network errors, 5xx, 429). */
  retry?: Partial<RetryPolicy>;
}

/** The message (for logs) of a file over the server's limit: "photo.jpg is 12 MB; the server accepts files up to 10 MB." */
export function tooLargeSentence(file: File, maxFileSize: number | undefined): string {
  return maxFileSize === undefined
    ? `${file.name} is ${formatBytes(file.size)}; the server does not accept a file this large.`
    : `${file.name} is ${formatBytes(file.size)}; the server accepts files up to ${formatBytes(maxFileSize)}.`;
}

/** The error of a file over the server's limit (`too-large`, with the limit when known). */
function tooLarge(file: File, maxFileSize: number | undefined): TransferError {
  return new TransferError(tooLargeSentence(file, maxFileSize), { status: 413, ...(maxFileSize !== undefined && { maxFileSize }) });
}

/** A name the upload service accepts: it refuses names with `/`. */
function slotName(name: string): string {
  return (name || 'untitled').replace(/[/\\]/g, '_');
}

/** Asks the transport for a slot, turning its refusals into `TransferError`s. */
async function requestSlot(source: UploadSlotSource, file: File): Promise<UploadSlot> {
  try {
    return await source.requestUpload({ name: slotName(file.name), size: file.size, type: file.type || 'application/octet-stream' });
  } catch (error) {
    if (error instanceof FileTooLargeError) throw tooLarge(file, error.maxFileSize ?? source.maxFileSize);
    if (error instanceof ConnectionLostError) throw new TransferError('The upload could not start: the chat server is not connected.', { code: 'network', isRetryable: true });
    throw new TransferError(`The server did not give a place to upload to (${(error as Error).message}).`, { code: 'refused' });
  }
}

/** After a 409 (the slot was already used), whether the file is there in full: a cut after the last byte can still complete. */
async function isStored(slot: UploadSlot, size: number): Promise<boolean> {
  const answer = await fetch(slot.getUrl, { method: 'HEAD', cache: 'no-store' }).catch(() => undefined);
  const length = answer?.headers.get('Content-Length');
  return answer?.ok === true && (length === null || Number(length) === size);
}

/** One PUT of the file's bytes to the slot through Uppy (@uppy/xhr-upload). */
async function put(file: File, slot: UploadSlot, { id, signal, onProgress }: UploadOptions): Promise<void> {
  const { Uppy, XHRUpload } = await importUppy();
  if (signal.aborted) throw new TransferError('Upload cancelled.', { code: 'cancelled' });
  const uppy = new Uppy<Meta, Body>({ id: `chatdrop-xmpp-${id}`, autoProceed: false });
  uppy.use(XHRUpload<Meta, Body>, {
    endpoint: slot.putUrl,
    method: 'PUT',
    formData: false,
    headers: slot.headers,
    allowedMetaFields: [],
    limit: 1,
    shouldRetry: () => false,
    timeout: 0,
    // The service answers 201 with no body: the file's address is the slot's GET URL.
    getResponseData: () => ({ url: slot.getUrl }),
  });
  await runUppyAttempt({
    uppy,
    file,
    name: slotName(file.name),
    signal,
    onProgress,
    onSuccess: () => undefined,
    toFailure: (status) => ({
      error: httpError(status, 'upload', { isRetryable: isRetryableStatus(status) || status === 409 || status === 410 }),
    }),
  });
}

/**
 * An upload handler for XMPP (XEP-0363 HTTP File Upload): asks the transport for a slot, then PUTs
 * the file to the slot's URL with Uppy (`@uppy/xhr-upload`, `method: 'PUT'`, the raw bytes, the
 * slot's headers) and answers the slot's GET URL. A file over the server's `max-file-size` fails
 * at once (`too-large`, with the limit). Retries use the same slot while it is valid (a PUT
 * cut mid-body leaves nothing); a 409 on a retry means the first PUT completed, once the file is
 * confirmed there; a 410 (slot expired) asks for a new slot.
 */
export function createXmppUploader(source: UploadSlotSource, options: XmppUploaderOptions = {}): UploadHandler {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  return async (file, uploadOptions): Promise<UploadResult> => {
    if (source.maxFileSize !== undefined && file.size > source.maxFileSize) throw tooLarge(file, source.maxFileSize);
    let slot: UploadSlot | undefined;
    let hasPut = false;
    return withRetries(
      async () => {
        slot ??= await requestSlot(source, file);
        const current = slot;
        try {
          await put(file, current, uploadOptions);
        } catch (caught) {
          const status = (caught as AttemptFailure).error?.status;
          if (status === 409 && hasPut && (await isStored(current, file.size))) return { url: current.getUrl };
          if (status === 410 || status === 409) slot = undefined;
          hasPut = true;
          throw caught;
        }
        uploadOptions.onProgress(file.size, file.size);
        return { url: current.getUrl };
      },
      {
        policy,
        signal: uploadOptions.signal,
        onRetry: (notice) => {
          uploadOptions.onProgress(0, file.size);
          uploadOptions.onRetry?.(notice);
        },
      },
    );
  };
}
