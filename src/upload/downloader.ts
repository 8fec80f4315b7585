import type { Attachment } from '../model/message.ts';
import { fileKind } from '../model/format.ts';
import { safeUrl } from '../model/safe-url.ts';
import { askBeforeFetching, checkForDisplay, contentLength, tooLargeToShow } from './display-checks.ts';
import { createByteSink, type ByteSink } from './download-sink.ts';
import { TransferError, type DownloadHandler } from './handler.ts';
import { httpError } from './http-errors.ts';
import { abortableSleep, DEFAULT_RETRY_POLICY } from './retry-policy.ts';

/** Options of the default download handler. */
export interface FetchDownloadOptions {
  /** Extra request headers, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** Whether cookies go with the request. Default `same-origin`. */
  credentials?: RequestCredentials;
  /**
   * The wait before each new request after an interruption (a dropped connection, a body cut
   * short), in ms; its length is how many times a download resumes. Default 300, 600, 1200.
   */
  resumeDelaysMs?: readonly number[];
}

/** A download cancelled by the user. */
const cancelled = () => new TransferError('Download cancelled.', { code: 'cancelled' });

/** The connection dropped or the body came short: the download may resume from where it stopped. */
class Interruption extends Error {
  /** Whether the server answered at all (else it could not be reached). */
  constructor(readonly hadAnswer = true) {
    super('interrupted');
  }
}

/** What one download carries from request to request. */
interface Progress {
  sink: ByteSink;
  /** The file's size as the server said it (`Content-Length` of a 200, the total of a `Content-Range`). */
  total?: number;
  /** The strong ETag of the bytes held, sent as `If-Range` so a changed file is sent whole again. */
  etag?: string;
}

/** The type the downloaded Blob gets: the declared one for images, audio and video, else opaque bytes. */
function blobType(mime: string): string {
  return fileKind(mime) === 'document' ? 'application/octet-stream' : mime;
}

/** `start` and `total` of a `Content-Range: bytes start-end/total` header (total `undefined` for `*`). */
function parseContentRange(header: string | null): { start: number; total?: number } | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  return match[2] === '*' ? { start: Number(match[1]) } : { start: Number(match[1]), total: Number(match[2]) };
}

/**
 * One request for the bytes not held yet (all of them, or `Range: bytes=N-` with `If-Range`),
 * read into the sink. Resolves when the file is whole; throws an `Interruption` when the
 * connection drops or the body ends short, a `TransferError` when the server refuses, or, with
 * `maxBytes` (bytes to be shown: see `forDisplay`), when the file is no image or passes it.
 */
async function fetchRest(
  url: string,
  progress: Progress,
  options: FetchDownloadOptions,
  signal: AbortSignal,
  onProgress: (received: number, total: number | undefined) => void,
  maxBytes?: number,
): Promise<void> {
  const { sink } = progress;
  const offset = sink.received;
  const isResume = offset > 0 && progress.etag !== undefined;
  if (offset > 0 && !isResume) sink.reset();
  const headers: Record<string, string> = { ...options.headers, ...(isResume && { Range: `bytes=${offset}-`, 'If-Range': progress.etag! }) };
  let response: Response;
  try {
    // A resumed request skips the HTTP cache, which could answer with its own truncated copy.
    response = await fetch(url, { signal, headers, credentials: options.credentials ?? 'same-origin', referrerPolicy: 'no-referrer', ...(isResume && { cache: 'no-store' as const }) });
  } catch {
    throw new Interruption(false);
  }
  if (isResume && response.status === 416 && progress.total === offset) return; // every byte had arrived before the drop
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('Content-Range'));
    if (range?.start !== sink.received) {
      void response.body?.cancel().catch(() => undefined);
      progress.etag = undefined;
      sink.reset();
      throw new Interruption(); // not the bytes asked for: start over
    }
    if (range.total !== undefined) progress.total = range.total;
  } else if (response.ok) {
    if (sink.received > 0) sink.reset(); // the whole file again (it changed, or the server ignores ranges)
    const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
    progress.total = encoded ? undefined : contentLength(response);
  } else {
    const { status } = response;
    void response.body?.cancel().catch(() => undefined);
    throw httpError(status, 'download', { isRetryable: status === 429 || status >= 500 });
  }
  if (maxBytes !== undefined) {
    try {
      checkForDisplay(response.headers.get('Content-Type'), progress.total, maxBytes);
    } catch (error) {
      void response.body?.cancel().catch(() => undefined);
      throw error;
    }
  }
  const etag = response.headers.get('ETag');
  progress.etag = etag && !etag.startsWith('W/') ? etag : undefined;
  onProgress(sink.received, progress.total);
  const reader = response.body?.getReader();
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array> | undefined;
    try {
      next = await reader?.read();
    } catch {
      throw new Interruption();
    }
    if (!next || next.done) break;
    // The limit holds whatever the server said: not a byte past it is taken.
    if (maxBytes !== undefined && sink.received + next.value.byteLength > maxBytes) {
      void reader!.cancel().catch(() => undefined);
      throw tooLargeToShow(maxBytes);
    }
    sink.push(next.value);
    onProgress(sink.received, progress.total);
  }
  if (progress.total !== undefined && sink.received > progress.total) progress.total = undefined;
  if (progress.total !== undefined && sink.received < progress.total) throw new Interruption(); // cut short
}

/**
 * Makes the default download handler: `fetch` of the attachment's URL with progress and cancel.
 * When the connection drops or the body ends before its `Content-Length`, it asks for the rest
 * (`Range: bytes=N-` with `If-Range` on the ETag) a few times and stitches the parts; a file
 * whose ETag changed is fetched whole again. A file cut short is never returned. When the
 * attachment carries `sha256`, the bytes are hashed as they arrive and a mismatch fails with
 * `integrity`. HTTP refusals are final: 404/410 `not-found` (the file is gone), 5xx and 429
 * marked retryable. With `forDisplay`, a file of unknown size is asked about first (HEAD), and
 * every answer is held to `checkForDisplay` and the byte limit.
 */
export function createFetchDownload(options: FetchDownloadOptions = {}): DownloadHandler {
  const delays = options.resumeDelaysMs ?? DEFAULT_RETRY_POLICY.delaysMs;
  return async (attachment: Attachment, { signal, onProgress, forDisplay }) => {
    const url = safeUrl(attachment.url);
    if (!url) throw new TransferError('This file has an unsupported link and cannot be downloaded.', { code: 'unsupported-link' });
    const maxBytes = forDisplay?.maxBytes;
    if (maxBytes !== undefined && attachment.size === undefined) {
      await askBeforeFetching(url, { signal, headers: options.headers, credentials: options.credentials ?? 'same-origin', referrerPolicy: 'no-referrer' }, maxBytes);
    }
    // A file that carries a hash is checked: a big one hashed as its bytes arrive, by the
    // incremental hasher (a lazy chunk); a small one, or where WebAssembly may not be compiled (a
    // page's CSP without 'wasm-unsafe-eval'), in one go at the end by crypto.subtle.
    const hashing = attachment.sha256 ? await import('./hash.ts') : undefined;
    const hashAsBytesArrive = hashing && (attachment.size ?? Infinity) > hashing.WHOLE_FILE_HASH_BYTES;
    const hasher = hashAsBytesArrive ? await hashing.createSha256Hasher().catch(() => undefined) : undefined;
    const progress: Progress = { sink: createByteSink(hasher) };
    for (let interruptions = 0; ; ) {
      try {
        if (signal.aborted) throw cancelled();
        await fetchRest(url, progress, options, signal, onProgress, maxBytes);
        break;
      } catch (error) {
        if (signal.aborted) throw cancelled();
        if (!(error instanceof Interruption)) throw error;
        if (interruptions >= delays.length) {
          if (!error.hadAnswer) throw httpError(0, 'download', { isRetryable: true });
          throw new TransferError('The download was cut off before the whole file arrived.', { code: 'interrupted', isRetryable: true });
        }
        await abortableSleep(delays[interruptions++]!, signal).catch(() => undefined);
      }
    }
    const blob = progress.sink.blob(blobType(attachment.mime));
    const digest = progress.sink.digest() ?? (hashing && (await hashing.sha256Hex(blob, undefined, Infinity)));
    if (attachment.sha256 && digest !== attachment.sha256.toLowerCase()) {
      throw new TransferError(`The file is damaged: its sha256 is ${digest}, not ${attachment.sha256}.`, { code: 'integrity', isRetryable: true });
    }
    return blob;
  };
}

/** The default download handler (see `createFetchDownload`). */
export const fetchDownload: DownloadHandler = createFetchDownload();
