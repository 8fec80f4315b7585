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

function openDatabase(name: string): Promise<IDBDatabase> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => {
    const store = opening.result.createObjectStore(STORE, { keyPath: 'id' });
    store.createIndex('key', 'key');
  };
  return request(opening);
}

/**
 * Keeps the outbox in IndexedDB (one database per origin, messages keyed by id). Each write is
 * committed before the promise resolves.
 */
export function indexedDbOutboxStorage(databaseName = DATABASE): OutboxStorage {
  let database: Promise<IDBDatabase> | undefined;
  let order = Date.now() * 1000;
  const withStore = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    database ??= openDatabase(databaseName);
    const transaction = (await database).transaction(STORE, mode, { durability: 'strict' });
    const result = request(work(transaction.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
    return result;
  };
  return {
    async load(room, userId) {
      const rows = await withStore('readonly', (store) => store.index('key').getAll(`${room}\u0000${userId}`) as IDBRequest<StoredMessage[]>);
      return rows.sort((a, b) => a.order - b.order).map((row) => row.message);
    },
    async save(message) {
      const row: StoredMessage = { id: message.id, key: `${message.room}\u0000${message.sender.id}`, order: order++, message };
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
