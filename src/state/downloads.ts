import { map } from 'nanostores';
import type { Attachment } from '../model/message.ts';
import { TransferError, type DownloadHandler } from '../upload/handler.ts';
import { downloadKey, type DownloadState } from './types.ts';

export interface DownloadsOptions {
  download: DownloadHandler;
  attachmentOf(messageId: string, index: number): Attachment | undefined;
}

/** Downloads of attachments, with progress and cancel, one at a time per attachment. */
export function createDownloads({ download, attachmentOf }: DownloadsOptions) {
  const $downloads = map<Record<string, DownloadState>>({});
  const running = new Map<string, { controller: AbortController; done: Promise<Blob> }>();

  function start(messageId: string, index: number): Promise<Blob> {
    const key = downloadKey(messageId, index);
    const existing = running.get(key);
    if (existing) return existing.done;
    const finished = $downloads.get()[key];
    if (finished?.status === 'done' && finished.blob) return Promise.resolve(finished.blob);
    const attachment = attachmentOf(messageId, index);
    if (!attachment) return Promise.reject(new TransferError('This file is not in the thread.'));

    const controller = new AbortController();
    $downloads.setKey(key, { status: 'downloading', received: 0, total: attachment.size });
    const done = download(attachment, {
      signal: controller.signal,
      onProgress: (received, total) => $downloads.setKey(key, { status: 'downloading', received, total }),
    }).then(
      (blob) => {
        running.delete(key);
        $downloads.setKey(key, { status: 'done', received: blob.size, total: blob.size, blob });
        return blob;
      },
      (error: unknown) => {
        running.delete(key);
        const reason = controller.signal.aborted
          ? 'Download cancelled.'
          : error instanceof TransferError
            ? error.message
            : 'The download failed. Check the connection and try again.';
        $downloads.setKey(key, { status: 'failed', received: 0, total: attachment.size, error: reason });
        throw error;
      },
    );
    running.set(key, { controller, done });
    return done;
  }

  return {
    $downloads,
    start,
    cancel(messageId: string, index: number) {
      running.get(downloadKey(messageId, index))?.controller.abort();
    },
    cancelAll() {
      for (const { controller } of running.values()) controller.abort();
    },
  };
}
