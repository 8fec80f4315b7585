import type { ChatMessage, DeliveryState } from '../model/message.ts';

/** One message as the thread shows it. */
export interface ThreadEntry {
  message: ChatMessage;
  /** How far our own message has come; always `sent` for others' messages. */
  delivery: DeliveryState;
  isMine: boolean;
}

/** Upload of one file message of ours, keyed by message id. */
export interface UploadState {
  status: 'preparing' | 'uploading' | 'failed' | 'done';
  sent: number;
  total: number;
  /** A sentence for the user when `failed`. */
  error?: string;
}

/** Download of one attachment, keyed by `downloadKey(messageId, index)`. */
export interface DownloadState {
  status: 'downloading' | 'done' | 'failed';
  received: number;
  total?: number;
  /** A sentence for the user when `failed`. */
  error?: string;
  /** The bytes, once `done`. */
  blob?: Blob;
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
