import type { MapStore } from 'nanostores';
import type { ChatMessage } from '../model/message.ts';
import { messageBytes } from '../model/schema.ts';
import { MAX_MESSAGE_BYTES } from '../model/message.ts';
import { TransferError, type UploadHandler, type UploadResult } from '../upload/handler.ts';
import type { StagedFile, UploadState } from './types.ts';
import { draftFileMessage, type FileMessageDraft } from './file-message.ts';
import { createTimeLeft } from './time-left.ts';


/** The describing code (hashing, thumbnails), loaded once with the first file; one promise keeps files in send order. */
let describing: Promise<typeof import('../upload/describe-file.ts')> | undefined;

/** Uploads running at once per widget, as Uppy's own default `limit`. */
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 5;

/** No progress for this long marks an upload stalled, as Uppy's default `timeout`. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

export interface FileSenderOptions {
  upload: UploadHandler | undefined;
  $uploads: MapStore<Record<string, UploadState>>;
  /** The message exists (with its thumbnail): show it, still uploading. */
  onPrepared(message: ChatMessage): void;
  /** The bytes are stored: the message now carries the URL and may travel. */
  onUploaded(message: ChatMessage): void;
  onFailed(message: ChatMessage): void;
  /** Uploads running at once; the rest wait in order (`queued`). Default 5. */
  maxConcurrentUploads?: number;
  /** No progress for this long marks an upload `stalledMs` (it keeps going; the user may cancel). Default 30 000. */
  stallTimeoutMs?: number;
}

interface Job {
  message: ChatMessage;
  file: File;
  controller: AbortController;
  /** `sha256:size` once described: the key under which its upload is shared. */
  contentKey?: string;
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
 * Turns staged files into file messages: describe (hash, thumbnail, size, duration), wait for one
 * of the widget's upload slots, upload, then hand over for sending. Keeps each file until its
 * upload succeeds, so a failed upload can be retried. The same bytes attached twice are uploaded
 * once: the second message reuses the first upload's URL.
 */
export function createFileSender(options: FileSenderOptions) {
  const maxConcurrent = options.maxConcurrentUploads ?? DEFAULT_MAX_CONCURRENT_UPLOADS;
  const stallTimeoutMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const jobs = new Map<string, Job>();
  const waiting: Job[] = [];
  const running = new Set<Job>();
  /** Uploads by content, running or finished (failed ones are forgotten). */
  const uploadsByContent = new Map<string, Promise<UploadResult>>();
  const setUpload = (id: string, state: UploadState) => options.$uploads.setKey(id, state);

  function finish({ message, file }: Job, result: UploadResult): void {
    const attachment = message.attachments![0]!;
    const uploaded: ChatMessage = { ...message, attachments: [{ ...attachment, url: result.url, mime: result.mime ?? attachment.mime }] };
    jobs.delete(message.id);
    setUpload(message.id, { status: 'done', sent: file.size, total: file.size });
    options.onUploaded(uploaded);
  }

  function fail({ message, file }: Job, error: unknown): void {
    const reason = error instanceof TransferError ? error.message : 'The upload failed. Check the connection and try again.';
    setUpload(message.id, { status: 'failed', sent: 0, total: file.size, error: reason });
    options.onFailed(message);
  }

  /** Starts waiting uploads while there are free slots, oldest first. */
  function pump(): void {
    while (running.size < maxConcurrent && waiting.length > 0) void upload(waiting.shift()!);
  }

  /** Waits for the same content's upload if there is one, else for a slot of its own. */
  function schedule(job: Job): void {
    const { signal } = job.controller;
    setUpload(job.message.id, { status: 'queued', sent: 0, total: job.file.size });
    const shared = job.contentKey === undefined ? undefined : uploadsByContent.get(job.contentKey);
    const queue = () => {
      waiting.push(job);
      pump();
    };
    if (!shared) return queue();
    shared.then(
      (result) => signal.aborted || finish(job, result),
      () => signal.aborted || queue(), // the first one failed or was cancelled: upload it ourselves
    );
  }

  async function upload(job: Job): Promise<void> {
    const { message, file } = job;
    const { signal } = job.controller;
    const id = message.id;
    running.add(job);
    let stallTimer: ReturnType<typeof setTimeout> | undefined;
    const watchForStall = (extraMs = 0) => {
      clearTimeout(stallTimer);
      stallTimer = setTimeout(() => {
        const state = options.$uploads.get()[id];
        if (state?.status === 'uploading' && !signal.aborted) setUpload(id, { ...state, stalledMs: stallTimeoutMs });
      }, stallTimeoutMs + extraMs);
    };
    let pending: Promise<UploadResult> | undefined;
    let isSettled = false; // a handler's late progress must not turn a done upload back into uploading
    const timeLeft = createTimeLeft();
    setUpload(id, { status: 'uploading', sent: 0, total: file.size });
    watchForStall();
    try {
      if (!options.upload) throw new TransferError('Sending files is not set up here (no upload endpoint).');
      pending = options.upload(file, {
        id,
        signal,
        onProgress: (sent, total) => {
          if (isSettled || signal.aborted) return;
          watchForStall();
          const remainingMs = timeLeft.update(sent, total);
          setUpload(id, { status: 'uploading', sent, total, ...(remainingMs !== undefined && { remainingMs }) });
        },
        onRetry: ({ attempt, delayMs }) => {
          if (isSettled || signal.aborted) return;
          watchForStall(delayMs); // waiting out a backoff is not a stall
          setUpload(id, { status: 'uploading', sent: 0, total: file.size, retry: { attempt, delayMs } });
        },
      });
      if (job.contentKey !== undefined) uploadsByContent.set(job.contentKey, pending);
      const result = await pending;
      if (!signal.aborted) finish(job, result);
    } catch (error) {
      if (job.contentKey !== undefined && uploadsByContent.get(job.contentKey) === pending) uploadsByContent.delete(job.contentKey);
      if (!signal.aborted) fail(job, error);
    } finally {
      isSettled = true;
      clearTimeout(stallTimer);
      running.delete(job);
      pump();
    }
  }

  return {
    send(draft: FileMessageDraft, staged: StagedFile): ChatMessage {
      const { file } = staged;
      const job: Job = { message: draftFileMessage(draft, staged), file, controller: new AbortController() };
      const attachment = job.message.attachments![0]!;
      jobs.set(draft.id, job);
      setUpload(draft.id, { status: 'preparing', sent: 0, total: file.size });
      options.onPrepared(job.message);
      // The describing code (hashing, thumbnails) loads with the first file; if it cannot, the
      // upload fails visibly and Retry sends the file undescribed.
      (describing ??= import('../upload/describe-file.ts')).then(({ describeFile }) => describeFile(file)).then(
        (description) => {
          if (job.controller.signal.aborted) return;
          job.message = fitToBudget({ ...job.message, attachments: [{ ...attachment, ...description }] });
          if (description.sha256) job.contentKey = `${description.sha256}:${file.size}`;
          options.onPrepared(job.message);
          schedule(job);
        },
        (error: unknown) => {
          describing = undefined; // the next file tries to load it again
          if (!job.controller.signal.aborted) fail(job, error);
        },
      );
      return job.message;
    },
    /** Restarts a failed upload; false when the message has no upload to retry. */
    retry(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      if (running.has(job) || waiting.includes(job) || options.$uploads.get()[id]?.status !== 'failed') return true;
      job.controller = new AbortController();
      options.onPrepared(job.message);
      schedule(job);
      return true;
    },
    /** Aborts an upload waiting, running or failed; false when there is none. */
    cancel(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      job.controller.abort();
      jobs.delete(id);
      const place = waiting.indexOf(job);
      if (place >= 0) waiting.splice(place, 1);
      running.delete(job);
      pump();
      const uploads = { ...options.$uploads.get() };
      delete uploads[id];
      options.$uploads.set(uploads);
      return true;
    },
    cancelAll() {
      waiting.length = 0; // so no cancel below starts the next one
      for (const id of [...jobs.keys()]) this.cancel(id);
    },
  };
}
