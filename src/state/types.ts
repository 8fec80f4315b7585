import type { ChatMessage, DeliveryState } from '../model/message.ts';
import type { TransferFailure } from '../upload/handler.ts';

/** One message as the thread shows it. */
export interface ThreadEntry {
  message: ChatMessage;
  /** How far our own message has come; always `sent` for others' messages. */
  delivery: DeliveryState;
  isMine: boolean;
}

/**
 * Upload of one file message of ours, keyed by message id: `preparing` (hashing, thumbnail),
 * `offline` (described, waiting for the connection to come back), `queued` (waiting for one of the
 * widget's upload slots), `uploading`, then `done` or `failed`.
 */
export interface UploadState {
  status: 'preparing' | 'offline' | 'queued' | 'uploading' | 'failed' | 'done';
  /** Bytes sent so far. */
  sent: number;
  total: number;
  /** Why, when `failed`: a code the elements say in the widget's words (and a message for logs). */
  error?: TransferFailure;
  /** Set while `uploading` once no byte has moved for this many ms (the stall timeout); cleared by progress. */
  stalledMs?: number;
  /** Set while `uploading` when an attempt failed and the next one starts in `delayMs`. */
  retry?: { attempt: number; delayMs: number };
  /** Set while `uploading` once the rate can be told: about how many ms are left. */
  remainingMs?: number;
  /** False when the browser could not keep the file for after a reload (see file-keeper.ts): it must be attached again then. */
  isKept?: boolean;
}

/**
 * Whether a failed upload waits for its file to be picked again: the page reloaded before it
 * finished and the browser could not keep the bytes (`file-needed`), or the file picked was
 * another one (`different-file`). Its Retry button picks a file instead (`ChatStore.pickFile`).
 */
export function isWaitingForFile(upload: UploadState | undefined): boolean {
  return upload?.status === 'failed' && (upload.error?.code === 'file-needed' || upload.error?.code === 'different-file');
}

/**
 * Download of one attachment, keyed by `downloadKey(messageId, index)`: `downloading`, then
 * `done`, `failed` (trying again may help: network, 5xx, damaged bytes) or `unavailable` (the
 * server says the file is gone: 404, 410; trying again will not help).
 */
export interface DownloadState {
  status: 'downloading' | 'done' | 'failed' | 'unavailable';
  received: number;
  total?: number;
  /** Why, when `failed` or `unavailable`: a code the elements say in the widget's words (and a message for logs). */
  error?: TransferFailure;
  /** The bytes, once `done`. */
  blob?: Blob;
  /** Started by the auto-download policy rather than by the user: the bytes were never saved. */
  isAutomatic?: boolean;
  /** The sender's own file, from their device: nothing was downloaded, nothing needs saving. */
  isLocal?: boolean;
  /** Handed to the browser to save (the store's `save`); bytes fetched only to be shown or played are not. */
  isSaved?: boolean;
}

/** A file the user staged in the composer, with what they wrote about it. */
export interface StagedFile {
  file: File;
  caption?: string;
  alt?: string;
}

/** The key of an attachment's download state. */
export function downloadKey(messageId: string, index: number): string {
  return `${messageId}/${index}`;
}

/**
 * Why a file failed when the code that sends or fetches it could not be loaded (offline): trying
 * again loads it again. A plain failure, not a `TransferError`, so that the class loads with that code.
 */
export const FILE_CODE_UNAVAILABLE: TransferFailure = { code: 'file-code-unavailable', message: 'The file code could not be loaded.' };
