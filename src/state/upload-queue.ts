import type { ChatMessage } from '../model/message.ts';
import { MAX_MESSAGE_BYTES } from '../model/message.ts';
import { messageBytes } from '../model/schema.ts';
import { describeFile, hashFile, warmDescribing } from '../upload/describe-file.ts';
import { TransferError, transferFailure, type UploadHandler, type UploadResult } from '../upload/handler.ts';
import { createDefaultUpload, preloadDefaultUpload, type DefaultUploadOptions } from './default-upload.ts';
import { createProgressPace } from '../upload/progress-pace.ts';
import { createTimeLeft } from './time-left.ts';

export { isSameFile } from '../upload/file-identity.ts';
import type { UploadState } from './types.ts';
import type { Job, TransferSteps } from './file-sender.ts';

/** Options of `createUploadQueue`. */
export interface UploadQueueOptions {
  /** Moves a file's bytes to storage. Default: the default upload to `defaultUpload`. */
  upload?: UploadHandler;
  /** Where the default upload sends files, when there is no `upload`. */
  defaultUpload?: DefaultUploadOptions;
  /** Uploads running at once; the rest wait in order. */
  maxConcurrent: number;
  /** No progress for this long marks an upload `stalledMs`. */
  stallTimeoutMs: number;
  /** Makes a file's hex sha256, `undefined` when it cannot (a seam for tests). Default: `hashFile`, in the thumbnail worker. */
  hash?: (file: File) => Promise<string | undefined>;
}

/** Room the message keeps for what the upload adds: the URL, and the sha256 (64 hex digits and its key). */
const UPLOAD_FIELDS_BYTES = 200 + 80;

/** What is known of a file at once, without reading it: two sends with the same are likely the same bytes (the hash confirms). */
const identityOf = (file: File) => JSON.stringify([file.name, file.size, file.lastModified, file.type]);

/**
 * Files up to this size are hashed before their upload starts (~10 ms by `crypto.subtle`), so the
 * same bytes under another name are found and uploaded once; bigger files are hashed beside their
 * upload, which never waits for the hash.
 */
export const HASH_FIRST_BYTES = 4 * 1024 * 1024;

/** An upload's result and the hash of the bytes it sent. */
interface SentBytes {
  result: UploadResult;
  sha256: string | undefined;
}

/** Drops the thumbnail, then the placeholder, rather than let the message outgrow its budget (the URL and hash still to come). */
function fitToBudget(message: ChatMessage): ChatMessage {
  const attachment = message.attachments![0]!;
  for (const field of ['thumbnail', 'placeholder'] as const) {
    if (messageBytes(message) + UPLOAD_FIELDS_BYTES <= MAX_MESSAGE_BYTES) break;
    delete attachment[field];
  }
  return message;
}

interface RunUploadOptions {
  id: string;
  signal: AbortSignal;
  stallTimeoutMs: number;
  onState(state: UploadState): void;
  /** The server said its answer will carry the bytes' sha256 (`UploadOptions.onServerHashing`). */
  onServerHashing(): void;
  /** The first bytes left (the handler's first progress), or the upload settled without saying so. */
  onBytesFlowing(): void;
}

/**
 * Runs one upload through `upload`, telling its state as it goes: bytes sent and, once the rate
 * is known, time left; stalled after `stallTimeoutMs` without progress (waiting out a retry's
 * backoff is not a stall); the handler's retries. Says nothing once settled or cancelled: a
 * handler's late progress must not turn a done upload back into uploading.
 */
async function runUpload(
  upload: UploadHandler,
  file: File,
  { id, signal, stallTimeoutMs, onState, onServerHashing, onBytesFlowing }: RunUploadOptions,
): Promise<UploadResult> {
  let state: UploadState = { status: 'uploading', sent: 0, total: file.size };
  let isSettled = false;
  const pace = createProgressPace();
  const show = (next: UploadState) => pace.now(() => isSettled || signal.aborted || onState((state = next)));
  /** Plain steps of progress are paced; the first and last, and one clearing a stall or a retry, show at once. */
  const showProgress = (next: UploadState) => {
    const isPlainStep = state.stalledMs === undefined && state.retry === undefined && state.sent > 0 && next.sent < next.total;
    if (!isPlainStep) return show(next);
    state = next;
    pace.paced(() => isSettled || signal.aborted || onState(state));
  };
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const watchForStall = (extraMs = 0) => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => show({ ...state, stalledMs: stallTimeoutMs }), stallTimeoutMs + extraMs);
  };
  const timeLeft = createTimeLeft();
  show(state);
  watchForStall();
  try {
    return await upload(file, {
      id,
      signal,
      onServerHashing,
      onProgress: (sent, total) => {
        onBytesFlowing();
        if (isSettled || signal.aborted) return;
        watchForStall();
        const remainingMs = timeLeft.update(sent, total);
        showProgress({ status: 'uploading', sent, total, ...(remainingMs !== undefined && { remainingMs }) });
      },
      onRetry: ({ attempt, delayMs }) => {
        if (isSettled || signal.aborted) return;
        watchForStall(delayMs);
        // The bytes sent stay as the handler last said: a handler that starts over says 0 first, a resumable one keeps what the server holds.
        show({ status: 'uploading', sent: state.sent, total: file.size, retry: { attempt, delayMs } });
      },
    });
  } finally {
    isSettled = true;
    clearTimeout(stallTimer);
    pace.stop();
    onBytesFlowing();
  }
}

/**
 * The file sender's heavy half, loaded with the first file sent (see file-sender.ts): it takes
 * the sender's files through their steps (`transfer`), the sender keeping them and their states.
 * It describes files into their messages (quickly: no read of every byte), and uploads them
 * (through `upload`, or the default upload), `maxConcurrent` at once in the order asked, the rest
 * waiting, while the file's sha256 is made beside the upload from its own reads. A file sent
 * again (same name, size, last-modified and type) reuses the upload running or done for it, once
 * its hash confirms the bytes are the same.
 */
export function createUploadQueue({ upload, defaultUpload, maxConcurrent, stallTimeoutMs, hash = hashFile }: UploadQueueOptions) {
  const handler = upload ?? (defaultUpload && createDefaultUpload(defaultUpload));
  /** Uploads waiting for a slot, oldest first: each starts when called. */
  const waiting: Array<() => void> = [];
  /** The signals of the uploads holding a slot. */
  const running = new Set<AbortSignal>();
  /**
   * Uploads running or finished, by what is known of their file at once (`identityOf`) and, once
   * hashed, by content (`sha256:size`); failed ones are forgotten.
   */
  const sent = new Map<string, Promise<SentBytes>>();
  /** Each file's hash, made once however often it is sent or retried. */
  const hashes = new WeakMap<File, Promise<string | undefined>>();
  /**
   * Whether the handler's last result carried the server's sha256: then the next big uploads are
   * not hashed beside (the hash, reading every byte, competes with the upload for the CPU) and the
   * message takes the server's. Until one has (or the server says so first: `onServerHashing`),
   * and whenever one does not, files are hashed beside.
   */
  let serverHashes = false;

  const hashOf = (file: File) => {
    let sha256 = hashes.get(file);
    if (!sha256) hashes.set(file, (sha256 = hash(file).catch(() => undefined)));
    return sha256;
  };

  const pump = () => {
    while (running.size < maxConcurrent && waiting.length > 0) waiting.shift()!();
  };
  /** Frees the slot of the upload of `signal`: when it settles, or at once when it is cancelled. */
  const free = (signal: AbortSignal) => {
    if (running.delete(signal)) pump();
  };

  /** Resolves once the upload of `signal` holds a slot, after those asked before; rejects when it is cancelled first. */
  const takeSlot = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const start = () => {
        signal.removeEventListener('abort', drop);
        running.add(signal);
        signal.addEventListener('abort', () => free(signal), { once: true });
        resolve();
      };
      const drop = () => {
        waiting.splice(waiting.indexOf(start), 1);
        reject(signal.reason);
      };
      if (signal.aborted) return reject(signal.reason);
      signal.addEventListener('abort', drop, { once: true });
      waiting.push(start);
      pump();
    });

  async function uploadInSlot(message: ChatMessage, file: File, signal: AbortSignal, hooks: Omit<RunUploadOptions, 'id' | 'signal' | 'stallTimeoutMs'>): Promise<UploadResult> {
    await takeSlot(signal);
    try {
      signal.throwIfAborted(); // cancelled as the slot came free
      if (!handler) throw new TransferError('Sending files is not set up here (no upload endpoint).', { code: 'not-configured' });
      return await runUpload(handler, file, { id: message.id, signal, stallTimeoutMs, ...hooks });
    } finally {
      free(signal);
    }
  }

  /** Remembers `sending` under `key` until it fails. */
  const remember = (key: string, sending: Promise<SentBytes>) => {
    sent.set(key, sending);
    sending.catch(() => sent.get(key) === sending && sent.delete(key));
  };

  /**
   * Uploads `file` and hashes it side by side, remembered by identity at once and by content once
   * hashed. A file over `HASH_FIRST_BYTES` is hashed once its bytes flow, unless the server said
   * before that its answer will carry the hash (`onServerHashing`), or a handler's last result
   * carried one; then the message takes the server's. A hash made here that differs from the
   * server's means the server stored other bytes: the upload fails as damaged, to be retried.
   */
  function uploadAndHash(message: ChatMessage, file: File, signal: AbortSignal, onState: (state: UploadState) => void): Promise<SentBytes> {
    const isBig = file.size > HASH_FIRST_BYTES;
    let isServerHashing = serverHashes && isBig;
    let startHash!: () => void;
    const flowing = new Promise<void>((resolve) => (startHash = resolve));
    const ownHash = isServerHashing ? undefined : isBig ? flowing.then(() => (isServerHashing ? undefined : hashOf(file))) : hashOf(file);
    const uploaded = uploadInSlot(message, file, signal, { onState, onServerHashing: () => (isServerHashing = true), onBytesFlowing: startHash });
    const sending = Promise.all([uploaded, ownHash]).then(async ([result, own]) => {
      serverHashes = result.sha256 !== undefined;
      if (own && result.sha256 && own !== result.sha256) {
        throw new TransferError('The server stored other bytes than the file: send it again.', { code: 'integrity', isRetryable: true });
      }
      const sha256 = result.sha256 ?? own ?? (await hashOf(file));
      if (sha256 && !hashes.has(file)) hashes.set(file, Promise.resolve(sha256));
      return { result, sha256 };
    });
    remember(identityOf(file), sending);
    // Found by content as soon as its hash is known: a hash made here, before the upload ends.
    void Promise.resolve(ownHash)
      .then((own) => own ?? sending.then(({ sha256 }) => sha256))
      .then((sha256) => sha256 && remember(`${sha256}:${file.size}`, sending), () => undefined);
    return sending;
  }

  const queue = {
    /** Gets ready for files about to be sent: starts the worker that describes them, and loads the default upload's code. */
    prepare(): void {
      warmDescribing();
      if (!upload && defaultUpload) preloadDefaultUpload(defaultUpload);
    },
    /** The file message `message` with its file described (thumbnail, size, duration), within the message budget; the hash comes with the upload. */
    async describe(message: ChatMessage, file: File): Promise<ChatMessage> {
      const description = await describeFile(file);
      return fitToBudget({ ...message, attachments: [{ ...message.attachments![0]!, ...description }] });
    },
    /**
     * Uploads `file`, the bytes of the described `message`, once a slot is free, telling its
     * state while it runs, and hashes it meanwhile; resolves once both are done with where the
     * bytes are and their `sha256` (where the hash could be made). Rejects when the upload fails
     * or `signal` cancels it.
     */
    async upload(message: ChatMessage, file: File, signal: AbortSignal, onState: (state: UploadState) => void): Promise<UploadResult & { sha256?: string }> {
      // The same file sent before (or, for a small file, the same bytes), its upload running or
      // done: ours too once the hashes agree (if it fails, or the bytes differ, we upload them ourselves).
      const known = file.size <= HASH_FIRST_BYTES ? await hashOf(file) : undefined;
      const earlier = sent.get(identityOf(file)) ?? (known ? sent.get(`${known}:${file.size}`) : undefined);
      const [shared, sha256] = earlier ? await Promise.all([earlier.catch(() => undefined), hashOf(file)]) : [];
      const { result, sha256: hex } = shared && shared.sha256 === sha256 ? shared : await uploadAndHash(message, file, signal, onState);
      return hex ? { ...result, sha256: hex } : result;
    },
    /**
     * Takes a job of the file sender on from its file shown preparing: describes the file
     * (unless it was), waits for the connection and a slot, and uploads it; then hands the
     * message over with its URL and hash (`onUploaded`), or fails it with the reason. A job
     * cancelled meanwhile (its signal aborted) is left as it is.
     */
    async transfer(job: Job, steps: TransferSteps): Promise<void> {
      const { signal } = job.controller;
      const { id } = job.message;
      const file = job.file!;
      const total = file.size;
      try {
        if (signal.aborted) return;
        if (!job.isDescribed) {
          const described = await queue.describe(job.message, file);
          if (signal.aborted) return;
          job.message = described;
          job.isDescribed = true;
        }
        steps.onPrepared(job.message);
        if (!steps.isOnline() && steps.whenOnline) {
          steps.setUpload(id, { status: 'offline', sent: 0, total });
          await steps.whenOnline(signal);
          if (signal.aborted) return;
        }
        steps.setUpload(id, { status: 'queued', sent: 0, total });
        const result = await queue.upload(job.message, file, signal, (state) => signal.aborted || steps.setUpload(id, state));
        if (signal.aborted) return;
        const attachment = job.message.attachments![0]!;
        steps.onUploaded(job, { ...job.message, attachments: [{ ...attachment, url: result.url, mime: result.mime ?? attachment.mime, ...(result.sha256 && { sha256: result.sha256 }) }] });
      } catch (error) {
        if (signal.aborted) return;
        steps.setUpload(id, { status: 'failed', sent: 0, total, error: transferFailure(error) });
        steps.onFailed(job.message);
      }
    },
  };
  return queue;
}
