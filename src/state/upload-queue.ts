import type { ChatMessage } from '../model/message.ts';
import { MAX_MESSAGE_BYTES } from '../model/message.ts';
import { messageBytes } from '../model/schema.ts';
import { describeFile } from '../upload/describe-file.ts';
import { TransferError, transferFailure, type UploadHandler, type UploadResult } from '../upload/handler.ts';
import { createDefaultUpload, type DefaultUploadOptions } from './default-upload.ts';
import { createTimeLeft } from './time-left.ts';
import type { UploadState } from './types.ts';

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
}

/** Drops the thumbnail, then the placeholder, rather than let the message outgrow its budget (the URL still to come). */
function fitToBudget(message: ChatMessage): ChatMessage {
  const attachment = message.attachments![0]!;
  for (const field of ['thumbnail', 'placeholder'] as const) {
    if (messageBytes(message) + 200 <= MAX_MESSAGE_BYTES) break;
    delete attachment[field];
  }
  return message;
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
  { id, signal, stallTimeoutMs, onState }: { id: string; signal: AbortSignal; stallTimeoutMs: number; onState(state: UploadState): void },
): Promise<UploadResult> {
  let state: UploadState = { status: 'uploading', sent: 0, total: file.size };
  let isSettled = false;
  const show = (next: UploadState) => isSettled || signal.aborted || onState((state = next));
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
      onProgress: (sent, total) => {
        if (isSettled || signal.aborted) return;
        watchForStall();
        const remainingMs = timeLeft.update(sent, total);
        show({ status: 'uploading', sent, total, ...(remainingMs !== undefined && { remainingMs }) });
      },
      onRetry: ({ attempt, delayMs }) => {
        if (isSettled || signal.aborted) return;
        watchForStall(delayMs);
        show({ status: 'uploading', sent: 0, total: file.size, retry: { attempt, delayMs } });
      },
    });
  } finally {
    isSettled = true;
    clearTimeout(stallTimer);
  }
}

/**
 * The file sender's heavy half, loaded with the first file sent (see file-sender.ts): it
 * describes files into their messages and uploads them (through `upload`, or the default upload),
 * `maxConcurrent` at once in the order asked, the rest waiting. The same bytes are uploaded once: a message of bytes already uploaded,
 * or being uploaded, gets that upload's result.
 */
export function createUploadQueue({ upload, defaultUpload, maxConcurrent, stallTimeoutMs }: UploadQueueOptions) {
  const handler = upload ?? (defaultUpload && createDefaultUpload(defaultUpload));
  /** Uploads waiting for a slot, oldest first: each starts when called. */
  const waiting: Array<() => void> = [];
  /** The signals of the uploads holding a slot. */
  const running = new Set<AbortSignal>();
  /** Uploads by content (`sha256:size`), running or finished; failed ones are forgotten. */
  const byContent = new Map<string, Promise<UploadResult>>();

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

  async function uploadInSlot(message: ChatMessage, file: File, signal: AbortSignal, key: string | undefined, onState: (state: UploadState) => void): Promise<UploadResult> {
    await takeSlot(signal);
    try {
      signal.throwIfAborted(); // cancelled as the slot came free
      if (!handler) throw new TransferError('Sending files is not set up here (no upload endpoint).', { code: 'not-configured' });
      const pending = runUpload(handler, file, { id: message.id, signal, stallTimeoutMs, onState });
      if (key) byContent.set(key, pending);
      return await pending.catch((error: unknown) => {
        if (key && byContent.get(key) === pending) byContent.delete(key);
        throw error;
      });
    } finally {
      free(signal);
    }
  }

  return {
    /** What the state keeps of an error thrown by `describe` or `upload`. */
    failureOf: transferFailure,
    /** The file message `message` with its file described (hash, thumbnail, size, duration), within the message budget. */
    async describe(message: ChatMessage, file: File): Promise<ChatMessage> {
      const description = await describeFile(file);
      return fitToBudget({ ...message, attachments: [{ ...message.attachments![0]!, ...description }] });
    },
    /**
     * Uploads `file`, the bytes of the described `message`, once a slot is free, telling its
     * state while it runs; resolves with where the bytes are. Rejects when it fails or `signal`
     * cancels it.
     */
    async upload(message: ChatMessage, file: File, signal: AbortSignal, onState: (state: UploadState) => void): Promise<UploadResult> {
      const { sha256 } = message.attachments![0]!;
      const key = sha256 && `${sha256}:${file.size}`;
      // The same bytes uploaded for another message, or being uploaded: that result is ours too
      // (if it fails, we upload them ourselves).
      const shared = key ? await byContent.get(key)?.catch(() => undefined) : undefined;
      return shared ?? uploadInSlot(message, file, signal, key, onState);
    },
  };
}
