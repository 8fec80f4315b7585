import { map, type MapStore } from 'nanostores';
import { fileKind } from '../model/format.ts';
import type { Attachment, ChatMessage } from '../model/message.ts';
import { safeUrl } from '../model/safe-url.ts';
import { fetchDownload } from '../upload/downloader.ts';
import { TransferError, transferFailure, type DownloadHandler } from '../upload/handler.ts';
import { downloadKey, type DownloadState } from './types.ts';

/** Options of `createDownloads`. */
export interface DownloadsOptions {
  /** Fetches an attachment's bytes. Default: `fetchDownload` (a `fetch` with progress, resume and hash check). */
  download?: DownloadHandler;
  attachmentOf(messageId: string, index: number): Attachment | undefined;
  /** Images of at most this many bytes are downloaded as their message arrives. Default 0: never. */
  autoDownloadImagesUpTo?: number;
  /** Where the downloads' states go. Default: a new map. */
  $downloads?: MapStore<Record<string, DownloadState>>;
}

/** Automatic downloads running at once; the rest wait in arrival order. User downloads never wait. */
export const AUTO_DOWNLOADS_AT_ONCE = 2;

/**
 * Downloads of attachments, with progress and cancel, one at a time per attachment; and the
 * auto-download policy: images up to `autoDownloadImagesUpTo` bytes are fetched as they arrive
 * (a few at a time), so the bubble can show the full image. Everything else waits for a click.
 */
export function createDownloads({ download = fetchDownload, attachmentOf, autoDownloadImagesUpTo = 0, $downloads = map({}) }: DownloadsOptions) {
  const running = new Map<string, { controller: AbortController; done: Promise<Blob> }>();
  const waiting: Array<{ messageId: string; index: number }> = [];
  let automaticRunning = 0;

  /** A download started by the policy becomes the user's own once they ask for it. */
  function claim(key: string): void {
    const state = $downloads.get()[key];
    if (state?.isAutomatic) $downloads.setKey(key, { ...state, isAutomatic: false });
  }

  function start(messageId: string, index: number, isAutomatic = false): Promise<Blob> {
    const key = downloadKey(messageId, index);
    const existing = running.get(key);
    if (!isAutomatic) claim(key);
    if (existing) return existing.done;
    const finished = $downloads.get()[key];
    if (finished?.status === 'done' && finished.blob) return Promise.resolve(finished.blob);
    const attachment = attachmentOf(messageId, index);
    if (!attachment) return Promise.reject(new TransferError('This file is not in the thread.'));

    const controller = new AbortController();
    // Read on every update: the user may claim an automatic download while it runs.
    const automatic = () => ($downloads.get()[key]?.isAutomatic ? { isAutomatic: true } : {});
    $downloads.setKey(key, { status: 'downloading', received: 0, total: attachment.size, ...(isAutomatic && { isAutomatic }) });
    const done = download(attachment, {
      signal: controller.signal,
      onProgress: (received, total) => $downloads.setKey(key, { status: 'downloading', received, total, ...automatic() }),
    }).then(
      (blob) => {
        running.delete(key);
        $downloads.setKey(key, { status: 'done', received: blob.size, total: blob.size, blob, ...automatic() });
        return blob;
      },
      (error: unknown) => {
        running.delete(key);
        const failure = controller.signal.aborted ? new TransferError('Download cancelled.', { code: 'cancelled' }) : transferFailure(error);
        $downloads.setKey(key, { status: failure.code === 'not-found' ? 'unavailable' : 'failed', received: 0, total: attachment.size, error: failure });
        throw error;
      },
    );
    running.set(key, { controller, done });
    return done;
  }

  function pump(): void {
    while (automaticRunning < AUTO_DOWNLOADS_AT_ONCE && waiting.length > 0) {
      const { messageId, index } = waiting.shift()!;
      automaticRunning++;
      start(messageId, index, true)
        .catch(() => undefined)
        .finally(() => {
          automaticRunning--;
          pump();
        });
    }
  }

  function isAutoDownloaded(attachment: Attachment): boolean {
    return fileKind(attachment.mime) === 'image' && attachment.size > 0 && attachment.size <= autoDownloadImagesUpTo && safeUrl(attachment.url) !== undefined;
  }

  return {
    $downloads,
    start,
    /** Queues the message's images that the auto-download policy covers and nobody asked for yet. */
    offer(message: ChatMessage) {
      if (autoDownloadImagesUpTo <= 0) return;
      message.attachments?.forEach((attachment, index) => {
        const key = downloadKey(message.id, index);
        if (!isAutoDownloaded(attachment) || $downloads.get()[key] || running.has(key)) return;
        if (waiting.some((item) => item.messageId === message.id && item.index === index)) return;
        waiting.push({ messageId: message.id, index });
      });
      pump();
    },
    cancel(messageId: string, index: number) {
      const queued = waiting.findIndex((item) => item.messageId === messageId && item.index === index);
      if (queued !== -1) waiting.splice(queued, 1);
      running.get(downloadKey(messageId, index))?.controller.abort();
    },
    cancelAll() {
      waiting.length = 0;
      for (const { controller } of running.values()) controller.abort();
    },
  };
}
