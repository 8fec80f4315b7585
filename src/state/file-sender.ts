import type { MapStore } from 'nanostores';
import type { ChatMessage } from '../model/message.ts';
import { loadOnce } from '../model/load-once.ts';
import type { TransferFailure, UploadHandler } from '../upload/handler.ts';
import type { FileIdentity } from '../upload/file-identity.ts';
import type { DefaultUploadOptions } from './default-upload.ts';
import type { FileKeeper, KeptFile } from './file-keeper.ts';
import { draftFileMessage, type FileMessageDraft } from './file-message.ts';
import { FILE_CODE_UNAVAILABLE, type StagedFile, type UploadState } from './types.ts';

/** Uploads running at once per widget, as Uppy's own default `limit`. */
export const DEFAULT_MAX_CONCURRENT_UPLOADS = 5;

/** No progress for this long marks an upload stalled, as Uppy's default `timeout`. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/** Why a file message shown again after a reload does not upload: its bytes were not kept, the same file must be picked again. */
export const FILE_NEEDED: TransferFailure = { code: 'file-needed', message: 'The file was not kept over the reload: pick the same file again.' };

/** Why a file picked again was not taken: it is not the one the message was sending. */
export const DIFFERENT_FILE: TransferFailure = { code: 'different-file', message: 'The file picked is not the one sent (its size or its first MiB differ).' };

/** The code that describes and uploads files, loaded with the first file sent: a page that only chats never loads it. */
const loadUploadQueue = loadOnce(() => import('./upload-queue.ts'));

/**
 * Set in `localStorage` while the keeper is forgetting files (removed, or uploaded): the ids, so a
 * reload before the keeper's removal is committed does not bring a removed file back.
 */
export const FORGOTTEN_FILES_MARK = 'chatdrop-forgotten-files';

/** The ids of files the keeper was forgetting when the page went away (none, when that cannot be told). */
function forgottenIds(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(FORGOTTEN_FILES_MARK) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

function noteForgetting(id: string, isForgetting: boolean): void {
  try {
    const ids = forgottenIds();
    if (isForgetting) ids.add(id);
    else ids.delete(id);
    if (ids.size > 0) localStorage.setItem(FORGOTTEN_FILES_MARK, JSON.stringify([...ids]));
    else localStorage.removeItem(FORGOTTEN_FILES_MARK);
  } catch {
    // No localStorage: a reload within the removal's few milliseconds may bring the file back.
  }
}

/**
 * Makes `keeper` forget file `id` once `isKept` (its keeping) settled; until that is committed, a
 * note in `localStorage` says so (see `wasBeingForgotten`).
 */
export function forgetKeptFile(keeper: FileKeeper | undefined, id: string, isKept: Promise<unknown> = Promise.resolve()): void {
  if (!keeper) return;
  noteForgetting(id, true);
  isKept
    .then(() => keeper.remove(id))
    .then(() => noteForgetting(id, false))
    .catch(() => undefined);
}

/** Whether the previous page was making the keeper forget file `id` (removed or uploaded) when it went away. */
export function wasBeingForgotten(id: string): boolean {
  return forgottenIds().has(id);
}

/** The files every sender of the page is sending: a second widget of the same room and user does not take them up again from the keeper. */
const pageFiles = new Set<string>();

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
  /** Whether the connection is up: while it is not, a described file waits (`offline`) rather than fail. Default: always. */
  isOnline?(): boolean;
  /** Resolves once the connection is up again (or never, when `signal` aborts first). */
  whenOnline?(signal: AbortSignal): Promise<void>;
  /** Keeps each file until it is uploaded, for after a reload. Default: none (and no bubble says a file is not kept). */
  keeper?: FileKeeper;
  /** Imports the code that describes and uploads (a seam for tests). Default: `upload-queue.ts`, once for the page. */
  loadCode?: () => Promise<typeof import('./upload-queue.ts')>;
}

/** One file the sender holds, from its message shown until it is uploaded, or removed. */
export interface Job {
  message: ChatMessage;
  /** The bytes; none for a message shown again after a reload that waits for its file to be picked again. */
  file?: File;
  /** What the file picked again must match, for a message waiting for it. */
  identity?: FileIdentity;
  controller: AbortController;
  /** Whether `message` carries the file's description (thumbnail, size, duration…) yet. */
  isDescribed: boolean;
  /** Whether the keeper holds the file for after a reload (false: it could not; undefined: there is no keeper). */
  isKept: Promise<boolean | undefined>;
}

/**
 * How the sender's heavy half (`upload-queue.ts`, `transfer`) takes a job through its steps: it
 * changes the job and tells the sender, which keeps every job and upload state.
 */
export interface TransferSteps extends Pick<FileSenderOptions, 'onPrepared' | 'onFailed' | 'whenOnline'> {
  setUpload(id: string, state: UploadState): void;
  isOnline(): boolean;
  /** The job's bytes are stored: `message` (the job's, with the URL, type and hash of the upload) may travel. */
  onUploaded(job: Job, message: ChatMessage): void;
}

/**
 * Turns staged files into file messages and keeps their upload states: a file shows at once
 * (`preparing`), is described (thumbnail, size, duration), waits for one of the widget's
 * upload slots (`queued`), uploads while its sha256 is made beside the upload, then is handed over
 * for sending with its URL and hash. The code that describes and
 * uploads (`upload-queue.ts`) loads with the first file; when it cannot, the file waits for the
 * connection if the chat is offline (the code is fetched again then), else fails visibly and Retry
 * loads it again. Keeps each file until its upload succeeds, so a failed upload
 * can be retried. The same bytes attached twice are uploaded once: the second message reuses the
 * first one's URL.
 */
export function createFileSender(options: FileSenderOptions) {
  const loadCode = options.loadCode ?? loadUploadQueue;
  const jobs = new Map<string, Job>();
  const { keeper } = options;
  const isOnline = options.isOnline ?? (() => true);
  /** Files the keeper could not keep: their waiting and failed states say so. */
  const unkept = new Set<string>();
  const setUpload = (id: string, state: UploadState) =>
    options.$uploads.setKey(id, unkept.has(id) && (state.status === 'offline' || state.status === 'failed') ? { ...state, isKept: false } : state);
  /** Forgets what the keeper holds of a file (its bytes, or its message and identity), once it has it: uploaded, or removed. */
  const unkeep = (job: Job) => forgetKeptFile(keeper, job.message.id, job.isKept);
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

  const steps: TransferSteps = {
    setUpload,
    isOnline,
    onPrepared: options.onPrepared,
    onFailed: options.onFailed,
    whenOnline: options.whenOnline,
    onUploaded(job, message) {
      jobs.delete(message.id);
      pageFiles.delete(message.id);
      unkeep(job);
      setUpload(message.id, { status: 'done', sent: job.file!.size, total: job.file!.size });
      options.onUploaded(message);
    },
  };

  /** Shows the file preparing and loads the code that takes it through its steps (see `TransferSteps`); fails it when that code cannot load. */
  async function transfer(job: Job): Promise<void> {
    const { file } = job;
    if (!file) return;
    const { id } = job.message;
    if (!job.isDescribed) {
      setUpload(id, { status: 'preparing', sent: 0, total: file.size });
      options.onPrepared(job.message);
    }
    let queue: Awaited<ReturnType<typeof loadQueue>>;
    try {
      queue = await loadQueue();
    } catch {
      const { signal } = job.controller;
      if (signal.aborted) return;
      if (!isOnline() && options.whenOnline) {
        // Offline before the code came (it is fetched when the page is first idle): the file waits for the connection, as any file sent offline does, and its code is fetched again then.
        setUpload(id, { status: 'offline', sent: 0, total: file.size });
        await options.whenOnline(signal);
        if (!signal.aborted) await transfer(job);
        return;
      }
      setUpload(id, { status: 'failed', sent: 0, total: file.size, error: FILE_CODE_UNAVAILABLE });
      options.onFailed(job.message);
      return;
    }
    await queue.transfer(job, steps);
  }

  /** Starts the job of `message`, keeping its file first unless it is `kept` already. */
  function start(message: ChatMessage, file: File, kept?: boolean): ChatMessage {
    pageFiles.add(message.id);
    const isKept = kept === undefined ? keeper?.keep(message, file) : kept;
    const job: Job = { message, file, controller: new AbortController(), isDescribed: false, isKept: Promise.resolve(isKept) };
    jobs.set(message.id, job);
    void job.isKept.then((isKept) => {
      const state = options.$uploads.get()[message.id];
      if (isKept !== false || !jobs.has(message.id)) return;
      unkept.add(message.id);
      if (state) setUpload(message.id, state);
    });
    void transfer(job);
    return job.message;
  }

  /** Shows a file message a previous page left without its bytes: failed as `file-needed`, until the same file is picked again (`pickFile`). */
  function waitForFile({ message, identity }: KeptFile): ChatMessage {
    pageFiles.add(message.id);
    jobs.set(message.id, { message, ...(identity && { identity }), controller: new AbortController(), isDescribed: false, isKept: Promise.resolve(false) });
    setUpload(message.id, { status: 'failed', sent: 0, total: message.attachments?.[0]?.size ?? 0, error: FILE_NEEDED });
    options.onPrepared(message);
    options.onFailed(message);
    return message;
  }

  return {
    send: (draft: FileMessageDraft, staged: StagedFile): ChatMessage => start(draftFileMessage(draft, staged), staged.file),
    /** Loads, ahead of a send, the code that describes and uploads files (the queue, then what it needs); a failure is left for the send to meet. */
    prepare(): void {
      loadQueue().then((queue) => queue.prepare(), () => undefined);
    },
    /**
     * Takes up a file message a previous page left: with its bytes, it shows again and uploads once
     * online; without them, it shows waiting for the same file to be picked again (`pickFile`).
     * Undefined when this page is sending it already.
     */
    resume: (kept: KeptFile): ChatMessage | undefined => {
      if (pageFiles.has(kept.message.id)) return undefined;
      return kept.file ? start(kept.message, kept.file, true) : waitForFile(kept);
    },
    /**
     * Gives a message waiting for its file (see `resume`) the file the user picked again: when it
     * is the same file (size, and sha256 of its first MiB), its upload goes on (from where it
     * stopped, with a resumable handler); else it fails as `different-file`, still waiting. Resolves
     * whether the file was taken.
     */
    async pickFile(id: string, file: File): Promise<boolean> {
      const job = jobs.get(id);
      if (!job || job.file) return false;
      // The check loads with the file code; without it (offline) the message keeps waiting for its file.
      const code = await loadCode().catch(() => undefined);
      const isSame = code && (job.identity ? await code.isSameFile(file, job.identity) : file.size === job.message.attachments?.[0]?.size);
      if (isSame === undefined || jobs.get(id) !== job || job.file) return false;
      if (!isSame) {
        setUpload(id, { status: 'failed', sent: 0, total: job.identity?.size ?? file.size, error: DIFFERENT_FILE });
        return false;
      }
      job.file = file;
      unkept.add(id);
      job.controller = new AbortController();
      void transfer(job);
      return true;
    },
    /** Tries a failed file again (loading its code again, if that failed); false when the message has no upload to retry. */
    retry(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      if (options.$uploads.get()[id]?.status !== 'failed' || !job.file) return true;
      job.controller = new AbortController();
      void transfer(job);
      return true;
    },
    /** Stops a file preparing, waiting, uploading or failed, and forgets it (the keeper too); false when there is none. */
    cancel(id: string): boolean {
      const job = jobs.get(id);
      if (!job) return false;
      job.controller.abort();
      jobs.delete(id);
      pageFiles.delete(id);
      unkept.delete(id);
      unkeep(job);
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

/** A widget's file sender: see `createFileSender`. */
export type FileSender = ReturnType<typeof createFileSender>;
