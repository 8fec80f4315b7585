import { loadOnce } from '../model/load-once.ts';
import type { FileKeeper } from './file-keeper.ts';

/**
 * A store's file sending (store-files.ts, and the file sender), loaded with the first file staged
 * or sent, or at a page start when a previous page left files: a page that only chats never loads
 * it. The drop-in bundles it with the composer's tray, so a file that could be staged can be sent.
 */
export const loadStoreFiles = loadOnce(() =>
  import('./store-files.ts').catch((error: unknown) => {
    console.error('Chatdrop could not load its file code:', error);
    throw error;
  }),
);

/** Set in `localStorage` while the default file keeper may hold files: a page start loads its code only then. */
export const KEPT_FILES_MARK = 'chatdrop-kept-files';

const loadFileKeeper = loadOnce(async () => (await import('./file-keeper.ts')).defaultFileKeeper());

/** Whether a previous page may have left files to the default keeper (yes, when that cannot be told). */
function mayHoldFiles(): boolean {
  try {
    return localStorage.getItem(KEPT_FILES_MARK) !== null;
  } catch {
    return true;
  }
}

/**
 * The default file keeper (IndexedDB, up to 100 MB a file: see file-keeper.ts), its code loaded
 * with the file code; a page start loads it only when a previous page left files to it.
 */
export const lazyFileKeeper: FileKeeper = {
  keep: (message, file) => loadFileKeeper().then((keeper) => keeper.keep(message, file), () => false),
  load: (room, userId) => (mayHoldFiles() ? loadFileKeeper().then((keeper) => keeper.load(room, userId)) : Promise.resolve([])).catch(() => []),
  remove: (id) => loadFileKeeper().then((keeper) => keeper.remove(id)),
};

/**
 * Fetches the code that sending a file needs before it is needed (the sender and its upload
 * queue, the keeper, and the code that describes a file in the page), so a file attached once the
 * connection is gone can still be described and wait for it. Uppy is left for when a file is
 * staged or sent: a page that only chats never loads it.
 */
export function prefetchFileSendCode(): Promise<unknown> {
  return Promise.all([loadStoreFiles(), loadFileKeeper(), import('./upload-queue.ts'), import('../upload/describe-bytes.ts')]);
}
