import type { MapStore } from 'nanostores';
import type { ChatMessage } from '../model/message.ts';
import { loadOnce } from '../model/load-once.ts';
import type { TransferFailure, UploadHandler } from '../upload/handler.ts';
import type { DefaultUploadOptions } from './default-upload.ts';
import type { StagedFile, UploadState } from './types.ts';
import { draftFileMessage, type FileMessageDraft } from './file-message.ts';

/** Uploads running at once per widget, as Uppy's own default `limit`. */
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 5;

/** No progress for this long marks an upload stalled, as Uppy's default `timeout`. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/**
 * Why a file failed when the code that sends or fetches it could not be loaded (offline): trying
 * again loads it again. A plain failure, not a `TransferError`, so that the class loads with that code.
 */
export const FILE_CODE_UNAVAILABLE: TransferFailure = { code: 'file-code-unavailable', message: 'The file code could not be loaded.' };

/** The code that describes and uploads files, loaded with the first file sent: a page that only chats never loads it. */
const loadUploadQueue = loadOnce(() => import('./upload-queue.ts'));

export interface FileSenderOptions {
  /** Moves a file's bytes to storage. Default: the default upload to `defaultUpload` (see default-upload.ts). */
  upload?: UploadHandler;
  /** Where the default upload sends files, when there is no `upload`; without either, a file fails as `not-configured`. */
  defaultUpload?: DefaultUploadOptions;
  $uploads: MapStore<Record<string, UploadState>>;
  /** The message exists (with its thumbnail, once described): show it, still uploading. */
  onPrepared(message: ChatMessage): void;
  /** The bytes are stored: the message now carries the URL and may travel. */
  onUploaded(message: ChatMessage): void;
  onFailed(message: ChatMessage): void;
  /** Uploads running at once; the rest wait in order (`queued`). Default 5. */
  maxConcurrentUploads?: number;
  /** No progress for this long marks an upload `stalledMs` (it keeps going; the user may cancel). Default 30 000. */
  stallTimeoutMs?: number;
  /** Imports the code that describes and uploads (a seam for tests). Default: `upload-queue.ts`, once for the page. */
  loadCode?: () => Promise<typeof import('./upload-queue.ts')>;
}

interface Job {
  message: ChatMessage;
  file: File;
  controller: AbortController;
  /** Whether `message` carries the file's description (hash, thumbnail…) yet. */
  isDescribed: boolean;
}

/**
 * Turns staged files into file messages and keeps their upload states: a file shows at once
 * (`preparing`), is described (hash, thumbnail, size, duration), waits for one of the widget's
 * upload slots (`queued`), uploads, then is handed over for sending. The code that describes and
 * uploads (`upload-queue.ts`) loads with the first file; when it cannot (offline), the file fails
 * visibly and Retry loads it again. Keeps each file until its upload succeeds, so a failed upload
 * can be retried. The same bytes attached twice are uploaded once: the second message reuses the
 * first one's URL.
 */
export function createFileSender(options: FileSenderOptions) {
  const loadCode = options.loadCode ?? loadUploadQueue;
  const jobs = new Map<string, Job>();
  const setUpload = (id: string, state: UploadState) => options.$uploads.setKey(id, state);
  /** This sender's queue, made once its code loaded; a failed load is tried again with the next file or Retry. */
  const loadQueue = loadOnce(() =>
    loadCode().then(
      ({ createUploadQueue }) =>
        createUploadQueue({
          upload: options.upload,
          defaultUpload: options.defaultUpload,
          maxConcurrent: options.maxConcurrentUploads ?? DEFAULT_MAX_CONCURRENT_UPLOADS,
          stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
        }),
      (error: unknown) => {
        console.error('Chatdrop could not load its file code:', error);
        throw error;
      },
    ),
  );

  /** Describes the file (unless it was), waits for a slot and uploads it; then hands the message over, or fails it. */
  async function transfer(job: Job): Promise<void> {
    const { signal } = job.controller;
    const { id } = job.message;
    const total = job.file.size;
    let queue: Awaited<ReturnType<typeof loadQueue>> | undefined;
    try {
      if (!job.isDescribed) {
        setUpload(id, { status: 'preparing', sent: 0, total });
        options.onPrepared(job.message);
      }
      queue = await loadQueue();
      if (signal.aborted) return;
      if (!job.isDescribed) {
        const described = await queue.describe(job.message, job.file);
        if (signal.aborted) return;
        job.message = described;
        job.isDescribed = true;
      }
      setUpload(id, { status: 'queued', sent: 0, total });
      options.onPrepared(job.message);
      const result = await queue.upload(job.message, job.file, signal, (state) => signal.aborted || setUpload(id, state));
      if (signal.aborted) return;
      const attachment = job.message.attachments![0]!;
      jobs.delete(id);
      setUpload(id, { status: 'done', sent: total, total });
      options.onUploaded({ ...job.message, attachments: [{ ...attachment, url: result.url, mime: result.mime ?? attachment.mime }] });
    } catch (error) {
      if (signal.aborted) return;
      setUpload(id, { status: 'failed', sent: 0, total, error: queue ? queue.failureOf(error) : FILE_CODE_UNAVAILABLE });
      options.onFailed(job.message);
    }
  }

  return {
    send(draft: FileMessageDraft, staged: StagedFile): ChatMessage {
      const job: Job = { message: draftFileMessage(draft, staged), file: staged.file, controller: new AbortController(), isDescribed: false };
      jobs.set(draft.id, job);
      void transfer(job);
      return job.message;
    },
    /** Tries a failed file again (loading its code again, if that failed); false when the message has no upload to retry. */
    retry(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      if (options.$uploads.get()[id]?.status !== 'failed') return true;
      job.controller = new AbortController();
      void transfer(job);
      return true;
    },
    /** Stops a file preparing, waiting, uploading or failed, and forgets it; false when there is none. */
    cancel(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      job.controller.abort();
      jobs.delete(id);
      const uploads = { ...options.$uploads.get() };
      delete uploads[id];
      options.$uploads.set(uploads);
      return true;
    },
    cancelAll() {
      for (const id of [...jobs.keys()]) this.cancel(id);
    },
  };
}
