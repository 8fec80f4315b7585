import type { ChatMessage } from '../model/message.ts';
import { identifyFile, type FileIdentity } from '../upload/file-identity.ts';
import { KEPT_FILES_MARK } from './file-send-code.ts';
import { indexedDbStore, roomKey } from './outbox-storage.ts';

/**
 * Files bigger than this are not kept for after a reload (the bubble says so): 100 MB. Browsers
 * give an origin far more, but a chat should not fill a phone's storage with files it has yet to
 * send; the limit also keeps a reload from reading back huge blobs.
 */
export const MAX_KEPT_FILE_BYTES = 100 * 1024 * 1024;

/** A file message not uploaded yet, and its bytes (or, when they could not be kept, what tells the same file picked again). */
export interface KeptFile {
  message: ChatMessage;
  /** The bytes, when the browser could keep them. */
  file?: File;
  /** The file's size and the hash of its start, when the bytes were not kept: the user picks the file again, and it is checked by them. */
  identity?: FileIdentity;
}

/**
 * Where files sent but not uploaded yet (waiting for the connection, uploading or failed) are
 * kept with their message, so that a reload shows them again and their upload resumes: by
 * itself when the bytes were kept, else once the user picks the same file again.
 */
export interface FileKeeper {
  /**
   * Keeps `file` for the message; resolves false when it cannot keep the bytes (too large, no
   * room, no storage). It then keeps the message with the file's identity where it can, so after
   * a reload the message shows again, waiting for the same file to be picked.
   */
  keep(message: ChatMessage, file: File): Promise<boolean>;
  /** The files `userId` left in `room`, oldest first. */
  load(room: string, userId: string): Promise<KeptFile[]>;
  /** Forgets the file of message `id`: uploaded, or removed by the user. */
  remove(id: string): Promise<void>;
}

interface KeptRow extends KeptFile {
  id: string;
  key: string;
  order: number;
}

/** Marks (`true`) or unmarks that files are kept, so the next page start knows whether to look (see `lazyFileKeeper`). */
function mark(isHolding: boolean): void {
  try {
    if (isHolding) localStorage.setItem(KEPT_FILES_MARK, '1');
    else localStorage.removeItem(KEPT_FILES_MARK);
  } catch {
    // No localStorage: every page start looks.
  }
}

/**
 * Keeps files in IndexedDB (which stores a File's bytes), up to `maxBytes` each (of a bigger one,
 * the message and the file's identity); loaded with the file code (file-send-code.ts
 * `lazyFileKeeper`), never with the page.
 */
export function indexedDbFileKeeper(databaseName = 'chatdrop-files', maxBytes = MAX_KEPT_FILE_BYTES): FileKeeper {
  const withStore = indexedDbStore(databaseName, 'files');
  let order = Date.now() * 1000;
  /** The removals asked for, in order: a load waits for them, so a file just forgotten never comes back. */
  let removals = Promise.resolve();
  return {
    async keep(message, file) {
      const row: KeptRow = { id: message.id, key: roomKey(message.room, message.sender.id), order: order++, message };
      const put = (kept: KeptRow) =>
        withStore('readwrite', (store) => store.put(kept)).then(
          () => (mark(true), true),
          () => false, // quota exceeded, a private window without blob storage, storage turned off
        );
      if (file.size <= maxBytes && (await put({ ...row, file }))) return true;
      await put({ ...row, identity: await identifyFile(file) });
      return false;
    },
    async load(room, userId) {
      await removals;
      const rows = await withStore('readonly', (store) => store.index('key').getAll(roomKey(room, userId)) as IDBRequest<KeptRow[]>).catch(() => []);
      if ((await withStore('readonly', (store) => store.count()).catch(() => 1)) === 0) mark(false);
      return rows.sort((a, b) => a.order - b.order).map(({ message, file, identity }) => ({ message, ...(file && { file }), ...(identity && { identity }) }));
    },
    remove(id) {
      removals = removals.then(() => withStore('readwrite', (store) => store.delete(id))).then(
        () => undefined,
        () => undefined,
      );
      return removals;
    },
  };
}

/** Keeps nothing: every file must be attached again after a reload (tests, and where IndexedDB is missing). */
export const noFileKeeper: FileKeeper = { keep: async () => false, load: async () => [], remove: async () => undefined };

/** IndexedDB where the platform has it, else nothing. */
export function defaultFileKeeper(): FileKeeper {
  return typeof indexedDB === 'undefined' ? noFileKeeper : indexedDbFileKeeper();
}
