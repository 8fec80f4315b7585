import type { ChatMessage } from '../model/message.ts';

/** Where the outbox keeps unacknowledged messages, so they survive a page reload. */
export interface OutboxStorage {
  /** The waiting messages of `user` in `room`, oldest first. */
  load(room: string, userId: string): Promise<ChatMessage[]>;
  save(message: ChatMessage): Promise<void>;
  remove(id: string): Promise<void>;
}

const DATABASE = 'chatdrop-outbox';
const STORE = 'messages';

interface StoredMessage {
  id: string;
  key: string;
  order: number;
  message: ChatMessage;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Runs requests on the object store `store` of the IndexedDB database `databaseName` (made on
 * first use, keyed by `id`, indexed by `key`); each resolves once its transaction is committed.
 * Shared by the outbox and the file keeper.
 */
export function indexedDbStore(databaseName: string, store: string) {
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    const opening = indexedDB.open(databaseName, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(store, { keyPath: 'id' }).createIndex('key', 'key');
    return request(opening);
  };
  return async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    database ??= open().catch((error: unknown) => {
      database = undefined;
      throw error;
    });
    const transaction = (await database).transaction(store, mode, { durability: 'strict' });
    const result = request(work(transaction.objectStore(store)));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    return result;
  };
}

/** The index key of what `userId` left in `room`. */
export const roomKey = (room: string, userId: string) => `${room}\u0000${userId}`;

/**
 * Keeps the outbox in IndexedDB (one database per origin, messages keyed by id). Each write is
 * committed before the promise resolves.
 */
export function indexedDbOutboxStorage(databaseName = DATABASE): OutboxStorage {
  const withStore = indexedDbStore(databaseName, STORE);
  let order = Date.now() * 1000;
  return {
    async load(room, userId) {
      const rows = await withStore('readonly', (store) => store.index('key').getAll(roomKey(room, userId)) as IDBRequest<StoredMessage[]>);
      return rows.sort((a, b) => a.order - b.order).map((row) => row.message);
    },
    async save(message) {
      const row: StoredMessage = { id: message.id, key: roomKey(message.room, message.sender.id), order: order++, message };
      await withStore('readwrite', (store) => store.put(row));
    },
    async remove(id) {
      await withStore('readwrite', (store) => store.delete(id));
    },
  };
}

/** An outbox kept only in memory: for tests, and where IndexedDB is missing. */
export function memoryOutboxStorage(): OutboxStorage {
  const rows = new Map<string, ChatMessage>();
  return {
    load: async (room, userId) => [...rows.values()].filter((m) => m.room === room && m.sender.id === userId),
    save: async (message) => void rows.set(message.id, message),
    remove: async (id) => void rows.delete(id),
  };
}

/** IndexedDB where the platform has it, else memory. */
export function defaultOutboxStorage(): OutboxStorage {
  return typeof indexedDB === 'undefined' ? memoryOutboxStorage() : indexedDbOutboxStorage();
}
