import { map, type MapStore } from 'nanostores';
import type { ChatMessage } from '../model/message.ts';
import { TransferError } from '../upload/handler.ts';
import type { DownloadsOptions } from './downloads.ts';
import { draftFileMessage, type FileMessageDraft } from './file-message.ts';
import type { FileSenderOptions } from './file-sender.ts';
import { downloadKey, type DownloadState, type StagedFile } from './types.ts';

type FileTransfers = typeof import('./file-transfers.ts');
type Sender = ReturnType<FileTransfers['createFileSender']>;
type Downloads = ReturnType<FileTransfers['createDownloads']>;

/** Shown on a file when the code that sends or fetches it could not be loaded (offline). */
export const FILE_CODE_UNAVAILABLE = 'Files cannot be sent or fetched right now. Check the connection, then reload the page.';

/** Options of `createLazyFileTransfers`: those of the file sender and of the downloads. */
export interface LazyFileTransfersOptions {
  sender: FileSenderOptions;
  downloads: Omit<DownloadsOptions, '$downloads'>;
}

/**
 * The store's uploads and downloads, with the file sender's and the downloads' API, whose code
 * loads with the first file sent or offered: a page that only chats never downloads it. A file
 * sent meanwhile shows at once and waits; if the code cannot load it fails visibly, and Retry
 * tries again (where the browser fetches a module again after a failed fetch: Chromium does not,
 * until the page is reloaded, so the reason says to reload). Downloads and auto-downloads wait
 * for it the same way, in order.
 */
export function createLazyFileTransfers(
  { sender: senderOptions, downloads: downloadsOptions }: LazyFileTransfersOptions,
  /** Imports the file code (a seam for tests). */
  importCode: () => Promise<FileTransfers> = () => import('./file-transfers.ts'),
) {
  const $downloads: MapStore<Record<string, DownloadState>> = map({});
  const { $uploads } = senderOptions;
  let loaded: { sender: Sender; downloads: Downloads } | undefined;
  let loading: Promise<NonNullable<typeof loaded>> | undefined;
  /** Files sent before the code loaded (or while it could not), by message id. */
  const waiting = new Map<string, { draft: FileMessageDraft; staged: StagedFile }>();

  const load = () =>
    (loading ??= importCode().then(
      ({ createFileSender, createDownloads }) => (loaded ??= { sender: createFileSender(senderOptions), downloads: createDownloads({ ...downloadsOptions, $downloads }) }),
      (error: unknown) => {
        loading = undefined; // offline: the next file or Retry tries again
        throw error;
      },
    ));

  /** Hands the waiting files to the sender once it is there, or marks them failed. */
  const sendWaiting = () =>
    load().then(
      ({ sender }) => {
        for (const [id, { draft, staged }] of waiting) {
          waiting.delete(id);
          sender.send(draft, staged);
        }
      },
      (error: unknown) => {
        console.error('Chatdrop could not load its file code:', error);
        for (const [id, { draft, staged }] of waiting) {
          $uploads.setKey(id, { status: 'failed', sent: 0, total: staged.file.size, error: FILE_CODE_UNAVAILABLE });
          senderOptions.onFailed(draftFileMessage(draft, staged));
        }
      },
    );

  /** Runs `use` on the downloads once loaded; a failed load fails the attachment's download. */
  const withDownloads = <T>(use: (downloads: Downloads) => T | PromiseLike<T>, failed?: { messageId: string; index: number; size: number }): Promise<T> =>
    load().then(
      ({ downloads }) => use(downloads),
      (error: unknown) => {
        if (failed) $downloads.setKey(downloadKey(failed.messageId, failed.index), { status: 'failed', received: 0, total: failed.size, error: FILE_CODE_UNAVAILABLE });
        console.error('Chatdrop could not load its file code:', error);
        throw new TransferError(FILE_CODE_UNAVAILABLE, undefined, true);
      },
    );

  return {
    $downloads,
    /** See `createFileSender().send`. */
    send(draft: FileMessageDraft, staged: StagedFile): ChatMessage {
      if (loaded) return loaded.sender.send(draft, staged);
      const message = draftFileMessage(draft, staged);
      $uploads.setKey(draft.id, { status: 'preparing', sent: 0, total: staged.file.size });
      senderOptions.onPrepared(message);
      waiting.set(draft.id, { draft, staged });
      void sendWaiting();
      return message;
    },
    /** See `createFileSender().retry`. */
    retry(id: string): boolean {
      const waited = waiting.get(id);
      if (!waited) return loaded?.sender.retry(id) ?? false;
      if ($uploads.get()[id]?.status !== 'failed') return true;
      $uploads.setKey(id, { status: 'preparing', sent: 0, total: waited.staged.file.size });
      senderOptions.onPrepared(draftFileMessage(waited.draft, waited.staged));
      void sendWaiting();
      return true;
    },
    /** See `createFileSender().cancel`. */
    cancel(id: string): boolean {
      if (!waiting.delete(id)) return loaded?.sender.cancel(id) ?? false;
      const uploads = { ...$uploads.get() };
      delete uploads[id];
      $uploads.set(uploads);
      return true;
    },
    /** See `createDownloads().offer`: loads the code only for a message the policy may fetch. */
    offer(message: ChatMessage): void {
      if (loaded) return loaded.downloads.offer(message);
      if ((downloadsOptions.autoDownloadImagesUpTo ?? 0) > 0 && message.attachments?.length) void withDownloads((downloads) => downloads.offer(message)).catch(() => undefined);
    },
    /** See `createDownloads().start`. */
    download(messageId: string, index: number, size: number): Promise<Blob> {
      return loaded ? loaded.downloads.start(messageId, index) : withDownloads((downloads) => downloads.start(messageId, index), { messageId, index, size });
    },
    /** See `createDownloads().cancel`. */
    cancelDownload(messageId: string, index: number): void {
      loaded?.downloads.cancel(messageId, index);
    },
    /** Stops every upload and download. */
    cancelAll(): void {
      waiting.clear();
      loaded?.sender.cancelAll();
      loaded?.downloads.cancelAll();
    },
  };
}
