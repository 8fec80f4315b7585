/**
 * Where the relay keeps room history: the one small interface every storage backend implements.
 * The relay talks only to this (no SQL, no files); `sqlite-history.ts` is the embedded default, and
 * a PostgreSQL or Redis backend shared by several relay processes would implement the same four
 * methods. Every method is asynchronous so such a backend can be.
 */
import type { ChatMessage } from '../src/model/message.ts';

/** A message as stored: with its place in the room. */
export type StoredMessage = ChatMessage & { seq: number };

/** What an append resolves with: the stored message, and whether its id was already stored in the room. */
export interface AppendResult {
  message: StoredMessage;
  duplicate: boolean;
}

/**
 * Which messages of a room a page holds, always answered in ascending `seq`:
 * with `after`, the oldest `limit` above it (and below `before` when given); with only `before`,
 * the newest `limit` below it; with neither, the newest `limit`.
 */
export interface PageQuery {
  after?: number;
  before?: number;
  limit: number;
}

/** How long history is kept. A message past either limit may be removed; `seq` never goes back. */
export interface Retention {
  /** Messages stored longer ago than this many days are removed; `0` keeps them. Default 0 (no age limit). */
  maxAgeDays: number;
  /** Each room keeps at most its newest this many messages; `0` keeps all. Default 10 000. */
  maxPerRoom: number;
}

/** Default retention: no age limit, the newest 10 000 messages of each room. */
export const DEFAULT_RETENTION: Retention = { maxAgeDays: 0, maxPerRoom: 10_000 };

/** Every room's history. */
export interface History {
  /**
   * Stores `message` in `room` with the room's next `seq` (1, 2, …, never reused), and resolves
   * only once it is durable, so the relay may ack it. An id already stored in the room stores
   * nothing and resolves with the stored message and `duplicate: true`. Ids are remembered as long
   * as their message is kept (see `Retention`).
   */
  append(room: string, message: ChatMessage): Promise<AppendResult>;
  /** A page of `room`'s messages (see `PageQuery`); an unknown room has none. */
  page(room: string, query: PageQuery): Promise<StoredMessage[]>;
  /** Removes what the retention settings no longer keep; resolves with how many messages went. */
  prune(): Promise<number>;
  /** Waits for pending appends and releases the storage; later calls reject. */
  close(): Promise<void>;
}
