import { map, type MapStore } from 'nanostores';
import type { ChatMessage } from '../model/message.ts';
import { loadOnce } from '../model/load-once.ts';
import type { DownloadsOptions } from './downloads.ts';
import { FILE_CODE_UNAVAILABLE, downloadKey, type DownloadState } from './types.ts';

type DownloadsCode = typeof import('./downloads.ts');

/**
 * The store's downloads (see `createDownloads`), whose code loads with the first download, or
 * the first file the auto-download policy fetches: a page that only chats never loads it. A
 * download asked for meanwhile waits for it; when it cannot load (offline), the download fails
 * visibly and the next one loads it again.
 */
export function createLazyDownloads(
  options: Omit<DownloadsOptions, '$downloads'>,
  /** Imports the downloads' code (a seam for tests). */
  importCode: () => Promise<DownloadsCode> = () => import('./downloads.ts'),
) {
  const $downloads: MapStore<Record<string, DownloadState>> = map({});
  let downloads: ReturnType<DownloadsCode['createDownloads']> | undefined;
  const load = loadOnce(() =>
    importCode().then(
      ({ createDownloads }) => (downloads = createDownloads({ ...options, $downloads })),
      (error: unknown) => {
        console.error('Chatdrop could not load its file code:', error);
        throw error;
      },
    ),
  );
  return {
    $downloads,
    /** See `createDownloads().offer`: loads the code only for a message with an image the policy may fetch (its size within the limit, or unknown). */
    offer(message: ChatMessage): void {
      const limit = options.autoDownloadImagesUpTo ?? 0;
      if (message.attachments?.some(({ mime, size }) => mime.startsWith('image/') && (size ?? 0) <= limit)) load().then((loaded) => loaded.offer(message), () => undefined);
    },
    /** See `createDownloads().start`; `size`, the attachment's (when known), is shown when the code cannot load. */
    start(messageId: string, index: number, size: number | undefined): Promise<Blob> {
      return load().then(
        (loaded) => loaded.start(messageId, index),
        (error: unknown) => {
          $downloads.setKey(downloadKey(messageId, index), { status: 'failed', received: 0, total: size, error: FILE_CODE_UNAVAILABLE });
          throw error;
        },
      );
    },
    /** Holds the sender's own `file` as the attachment's bytes (`done`, `isLocal`): it shows at full quality at once, and saving needs no download. */
    keep(messageId: string, index: number, file: Blob): void {
      $downloads.setKey(downloadKey(messageId, index), { status: 'done', received: file.size, total: file.size, blob: file, isLocal: true });
    },
    /** Notes that the attachment's bytes were handed to the browser to save (the bubble then offers to save again). */
    saved(messageId: string, index: number): void {
      const key = downloadKey(messageId, index);
      const state = $downloads.get()[key];
      if (state) $downloads.setKey(key, { ...state, isSaved: true });
    },
    /** See `createDownloads().cancel`. */
    cancel(messageId: string, index: number): void {
      downloads?.cancel(messageId, index);
    },
    /** See `createDownloads().cancelAll`. */
    cancelAll(): void {
      downloads?.cancelAll();
    },
  };
}
