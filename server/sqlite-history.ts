/**
 * The embedded `History`: every room in one SQLite file (`better-sqlite3`), nothing of it kept in
 * memory beyond SQLite's small page cache and what a query returns.
 *
 * Durability: the file is in WAL mode. An append resolves only after its transaction has committed,
 * that is after its rows were written to the WAL file. With `synchronous: 'normal'` (the default)
 * the WAL is not fsynced at each commit: an acked message survives the server process being killed
 * (`kill -9`, a crash, an out-of-memory kill), because the operating system still holds the write,
 * but the last commits can be lost if the machine itself loses power or the kernel crashes.
 * `synchronous: 'full'` fsyncs the WAL before each commit returns, which survives that too, at the
 * cost of one fsync per batch, during which the event loop waits (`better-sqlite3` is synchronous).
 * Appends arriving in the same turn of the event loop are written as one transaction, so a burst
 * costs one commit, not one per message.
 */
import Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChatMessage } from '../src/model/message.ts';
import { DEFAULT_RETENTION, type AppendResult, type History, type PageQuery, type Retention, type StoredMessage } from './history.ts';

/** How the SQLite history is opened. */
export interface SqliteHistoryOptions {
  /** The database file, made if missing (with `-wal` and `-shm` files beside it while open). */
  file: string;
  /** What is kept. Default `DEFAULT_RETENTION` (no age limit, 10 000 messages a room). */
  retention?: Partial<Retention>;
  /** `'normal'` survives a killed process, `'full'` also a power loss (see the file comment). Default `'normal'`. */
  synchronous?: 'normal' | 'full';
  /** Milliseconds between retention runs (one also runs on open). Default one hour. */
  pruneEveryMs?: number;
  /** The clock that dates stored messages and ages them, in ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

/** Default time between retention runs: one hour. */
export const DEFAULT_PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Rows removed per statement when pruning, so that a large prune never blocks the event loop for long. */
const PRUNE_CHUNK = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS rooms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    last_seq INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS messages (
    room_id INTEGER NOT NULL REFERENCES rooms (id),
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    stored_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (room_id, seq),
    UNIQUE (room_id, id)
  );
  CREATE INDEX IF NOT EXISTS messages_by_age ON messages (stored_at);
`;

interface Pending {
  room: string;
  message: ChatMessage;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface RoomRow {
  id: number;
  lastSeq: number;
}

interface MessageRow {
  seq: number;
  body: string;
}

/** Opens (or makes) the history in `options.file` and starts its retention runs. */
export function openSqliteHistory(options: SqliteHistoryOptions): History {
  const retention = { ...DEFAULT_RETENTION, ...options.retention };
  const now = options.now ?? Date.now;
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw new Error(`${options.file} was written by a newer Chatdrop (history schema ${version}).`);
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);

  const roomByName = db.prepare<[string], RoomRow>('SELECT id, last_seq AS lastSeq FROM rooms WHERE name = ?');
  const insertRoom = db.prepare<[string]>('INSERT INTO rooms (name, last_seq) VALUES (?, 0)');
  const setLastSeq = db.prepare<[number, number]>('UPDATE rooms SET last_seq = ? WHERE id = ?');
  const messageById = db.prepare<[number, string], MessageRow>('SELECT seq, body FROM messages WHERE room_id = ? AND id = ?');
  const insertMessage = db.prepare<[number, number, string, number, string]>('INSERT INTO messages (room_id, seq, id, stored_at, body) VALUES (?, ?, ?, ?, ?)');
  const trimRoom = db.prepare<[number, number]>('DELETE FROM messages WHERE room_id = ? AND seq <= ?');
  const roomsOverLimit = db.prepare<[number], RoomRow>('SELECT id, last_seq AS lastSeq FROM rooms WHERE last_seq > ?');
  const pageAfter = db.prepare<[string, number, number, number], MessageRow>(
    'SELECT seq, body FROM messages WHERE room_id = (SELECT id FROM rooms WHERE name = ?) AND seq > ? AND seq < ? ORDER BY seq LIMIT ?',
  );
  const pageBefore = db.prepare<[string, number, number], MessageRow>(
    'SELECT seq, body FROM messages WHERE room_id = (SELECT id FROM rooms WHERE name = ?) AND seq < ? ORDER BY seq DESC LIMIT ?',
  );
  const pruneOlder = db.prepare<[number, number]>('DELETE FROM messages WHERE rowid IN (SELECT rowid FROM messages WHERE stored_at < ? LIMIT ?)');

  /** Stores one batch in one transaction; each room's `last_seq` and count limit are settled once. */
  const writeBatch = db.transaction((batch: Pending[], storedAt: number): AppendResult[] => {
    const touched = new Map<string, RoomRow>();
    const results = batch.map(({ room, message }): AppendResult => {
      let row = touched.get(room) ?? roomByName.get(room);
      if (row === undefined) row = { id: Number(insertRoom.run(room).lastInsertRowid), lastSeq: 0 };
      touched.set(room, row);
      const existing = messageById.get(row.id, message.id);
      if (existing !== undefined) return { message: toStored(existing), duplicate: true };
      const { seq: _unused, ...fields } = message;
      const stored: StoredMessage = { ...fields, seq: row.lastSeq + 1 };
      insertMessage.run(row.id, stored.seq, stored.id, storedAt, JSON.stringify(fields));
      row.lastSeq = stored.seq;
      return { message: stored, duplicate: false };
    });
    for (const row of touched.values()) {
      setLastSeq.run(row.lastSeq, row.id);
      if (retention.maxPerRoom > 0) trimRoom.run(row.id, row.lastSeq - retention.maxPerRoom);
    }
    return results;
  });

  let queue: Pending[] = [];
  let flushTimer: NodeJS.Immediate | undefined;
  let closed = false;
  let pruning: Promise<number> | undefined;

  function flush(): void {
    flushTimer = undefined;
    const batch = queue;
    queue = [];
    let results: AppendResult[];
    try {
      results = writeBatch(batch, now());
    } catch (error) {
      batch.forEach((entry) => entry.reject(error));
      return;
    }
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }

  async function pruneAll(): Promise<number> {
    let removed = 0;
    if (retention.maxPerRoom > 0) {
      for (const row of roomsOverLimit.all(retention.maxPerRoom)) removed += trimRoom.run(row.id, row.lastSeq - retention.maxPerRoom).changes;
    }
    if (retention.maxAgeDays > 0) {
      const cutoff = now() - retention.maxAgeDays * DAY_MS;
      while (!closed) {
        const { changes } = pruneOlder.run(cutoff, PRUNE_CHUNK);
        removed += changes;
        if (changes < PRUNE_CHUNK) break;
        await nextTurn();
      }
    }
    return removed;
  }

  function prune(): Promise<number> {
    if (closed) return Promise.reject(new Error('the history is closed'));
    pruning ??= pruneAll().finally(() => (pruning = undefined));
    return pruning;
  }

  const pruneTimer = setInterval(() => void prune().catch(logPruneFailure), options.pruneEveryMs ?? DEFAULT_PRUNE_EVERY_MS);
  pruneTimer.unref();
  void prune().catch(logPruneFailure);

  return {
    append(room, message) {
      if (closed) return Promise.reject(new Error('the history is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ room, message, resolve, reject });
        flushTimer ??= setImmediate(flush);
      });
    },
    async page(room, { after, before, limit }: PageQuery) {
      if (closed) throw new Error('the history is closed');
      const count = Math.max(0, Math.floor(limit));
      if (count === 0) return [];
      const below = before ?? Number.MAX_SAFE_INTEGER;
      if (after !== undefined) return pageAfter.all(room, after, below, count).map(toStored);
      return pageBefore.all(room, below, count).reverse().map(toStored);
    },
    prune,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(pruneTimer);
      if (flushTimer !== undefined) {
        clearImmediate(flushTimer);
        flush();
      }
      await pruning?.catch(() => undefined);
      db.close();
    },
  };
}

function toStored(row: MessageRow): StoredMessage {
  return { ...(JSON.parse(row.body) as ChatMessage), seq: row.seq };
}

function logPruneFailure(error: unknown): void {
  console.error(`Pruning the history failed: ${error instanceof Error ? error.message : String(error)}`);
}
