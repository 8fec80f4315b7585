/**
 * Durable per-room history: one append-only JSON-lines file per room under `roomsDir`, named by the
 * sha256 of the room name. A room is loaded on first use; appends are serialised per room, written
 * in batches and made durable (`datasync`) before they resolve, so `seq` follows file order.
 */
import type { ChatMessage } from '../src/model/message.ts';
import { createHash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** What an append resolves with: the stored message (with its `seq`), and whether its id was already stored. */
export interface AppendResult {
  message: ChatMessage & { seq: number };
  duplicate: boolean;
}

/** One room's history. Queries answer in ascending `seq`. */
export interface RoomHistory {
  /** Stores a message and gives it the next `seq`; an id already stored returns the stored message and writes nothing. */
  append(message: ChatMessage): Promise<AppendResult>;
  /** The oldest `limit` messages with `seq` above `seq`. */
  after(seq: number, limit: number): ChatMessage[];
  /** The newest `limit` messages with `seq` below `seq`. */
  before(seq: number, limit: number): ChatMessage[];
  /** The newest `limit` messages. */
  latest(limit: number): ChatMessage[];
}

/** Every room's history in one folder. */
export interface HistoryStore {
  /** The history of a room, loaded from disk the first time it is asked for. */
  room(name: string): Promise<RoomHistory>;
  /** Waits for pending writes and closes every file. */
  close(): Promise<void>;
}

type Stored = ChatMessage & { seq: number };

interface Pending {
  message: ChatMessage;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface OpenRoom extends RoomHistory {
  close(): Promise<void>;
}

/** The file of a room's history: the sha256 hex of its name, never the raw name. */
export function roomFileName(room: string): string {
  return `${createHash('sha256').update(room, 'utf8').digest('hex')}.jsonl`;
}

/** A history store over `roomsDir` (which must exist). */
export function createHistoryStore(roomsDir: string): HistoryStore {
  const rooms = new Map<string, Promise<OpenRoom>>();
  let closed = false;
  return {
    room(name) {
      if (closed) return Promise.reject(new Error('the history store is closed'));
      let room = rooms.get(name);
      if (room === undefined) {
        room = openRoom(join(roomsDir, roomFileName(name)));
        room.catch(() => rooms.delete(name));
        rooms.set(name, room);
      }
      return room;
    },
    async close() {
      closed = true;
      const opened = await Promise.allSettled(rooms.values());
      await Promise.all(opened.map((item) => (item.status === 'fulfilled' ? item.value.close() : undefined)));
    },
  };
}

/** Index of the first message with `seq` above `seq` (messages are in ascending `seq`). */
function firstAbove(messages: Stored[], seq: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (messages[middle]!.seq > seq) high = middle;
    else low = middle + 1;
  }
  return low;
}

async function openRoom(path: string): Promise<OpenRoom> {
  const { messages, validBytes } = await loadLines(path);
  const handle = await open(path, 'a');
  if ((await handle.stat()).size > validBytes) await handle.truncate(validBytes);
  const byId = new Map(messages.map((message) => [message.id, message]));
  let fileBytes = validBytes;
  let nextSeq = (messages.at(-1)?.seq ?? 0) + 1;
  let pending: Pending[] = [];
  let flushing: Promise<void> | undefined;
  let closed = false;

  async function writeBatch(batch: Pending[]): Promise<void> {
    const firstSeq = nextSeq;
    const staged = new Map<string, Stored>();
    const results: AppendResult[] = [];
    for (const { message } of batch) {
      const existing = byId.get(message.id) ?? staged.get(message.id);
      if (existing !== undefined) {
        results.push({ message: existing, duplicate: true });
        continue;
      }
      const stored: Stored = { ...message, seq: nextSeq++ };
      staged.set(stored.id, stored);
      results.push({ message: stored, duplicate: false });
    }
    try {
      if (staged.size > 0) {
        const data = Buffer.from([...staged.values()].map((message) => `${JSON.stringify(message)}\n`).join(''), 'utf8');
        await handle.appendFile(data);
        await handle.datasync();
        fileBytes += data.length;
      }
    } catch (error) {
      nextSeq = firstSeq;
      await handle.truncate(fileBytes).catch(() => undefined);
      batch.forEach((entry) => entry.reject(error));
      return;
    }
    for (const message of staged.values()) {
      messages.push(message);
      byId.set(message.id, message);
    }
    batch.forEach((entry, index) => entry.resolve(results[index]!));
  }

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      await writeBatch(batch);
    }
    flushing = undefined;
  }

  return {
    append(message) {
      if (closed) return Promise.reject(new Error('the history store is closed'));
      return new Promise<AppendResult>((resolve, reject) => {
        pending.push({ message, resolve, reject });
        flushing ??= Promise.resolve().then(flush);
      });
    },
    after(seq, limit) {
      const start = firstAbove(messages, seq);
      return messages.slice(start, start + Math.max(0, limit));
    },
    before(seq, limit) {
      const end = firstAbove(messages, seq - 1);
      return messages.slice(Math.max(0, end - Math.max(0, limit)), end);
    },
    latest(limit) {
      return limit > 0 ? messages.slice(-limit) : [];
    },
    async close() {
      closed = true;
      await flushing;
      await handle.close();
    },
  };
}

/** Stored messages of a room file, and how many bytes of the file are whole lines (a torn last line is dropped). */
async function loadLines(path: string): Promise<{ messages: Stored[]; validBytes: number }> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { messages: [], validBytes: 0 };
    throw error;
  }
  const validBytes = content.lastIndexOf(0x0a) + 1;
  const messages: Stored[] = [];
  for (const line of content.subarray(0, validBytes).toString('utf8').split('\n')) {
    const message = parseLine(line);
    if (message !== undefined && message.seq > (messages.at(-1)?.seq ?? 0)) messages.push(message);
  }
  return { messages, validBytes };
}

function parseLine(line: string): Stored | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as Partial<Stored> | null;
    return value !== null && typeof value === 'object' && typeof value.id === 'string' && Number.isSafeInteger(value.seq) ? (value as Stored) : undefined;
  } catch {
    return undefined;
  }
}
