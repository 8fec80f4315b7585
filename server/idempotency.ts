/**
 * Idempotent uploads: a client names each upload with an `Idempotency-Key` header (the message id),
 * and a repeated `POST /upload` with a key whose upload completed gets the original answer and
 * stores nothing new (fault X6: the server finished, the client never heard). Keys are kept on
 * disk, one small file each, named by a hash of the key and the caller (the token's user), for a day.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How long a key is remembered, in ms: a day. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** An `Idempotency-Key` value we accept: 1 to 255 visible ASCII characters. */
const KEY_PATTERN = /^[\x21-\x7E]{1,255}$/;

/** What the `Idempotency-Key` header holds: nothing, a usable key, or something malformed. */
export function readIdempotencyKey(header: string | string[] | undefined): string | undefined | 'malformed' {
  if (header === undefined) return undefined;
  return typeof header === 'string' && KEY_PATTERN.test(header) ? header : 'malformed';
}

/** Which stored file a key's completed upload made. */
interface KeyRecord {
  id: string;
  createdAt: number;
}

/** The completed uploads by key. */
export interface IdempotencyStore {
  /** The id of the file a key's upload stored, if it completed within the TTL. */
  find(key: string, scope: string): Promise<string | undefined>;
  /**
   * Remembers that `key` stored file `id`, unless another upload with the key got there first:
   * resolves with the id that won (the earlier one, or `id`).
   */
  remember(key: string, scope: string, id: string): Promise<string>;
}

/**
 * A store of keys in `dir` (made on first use). `scope` separates callers: the token's user
 * id (or the address on an open server), so one user's key never answers another's upload.
 */
export function createIdempotencyStore(dir: string, now: () => number = Date.now): IdempotencyStore {
  const pathOf = (key: string, scope: string) => join(dir, `${createHash('sha256').update(`${scope}\n${key}`, 'utf8').digest('hex')}.json`);
  const read = async (path: string): Promise<KeyRecord | undefined> => {
    try {
      const record = JSON.parse(await readFile(path, 'utf8')) as KeyRecord;
      return typeof record.id === 'string' && typeof record.createdAt === 'number' ? record : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async find(key, scope) {
      const record = await read(pathOf(key, scope));
      return record !== undefined && now() - record.createdAt < IDEMPOTENCY_TTL_MS ? record.id : undefined;
    },
    async remember(key, scope, id) {
      const path = pathOf(key, scope);
      const record: KeyRecord = { id, createdAt: now() };
      await mkdir(dir, { recursive: true });
      const previous = await read(path);
      if (previous !== undefined && now() - previous.createdAt < IDEMPOTENCY_TTL_MS) return previous.id;
      try {
        // `wx` decides a race between two uploads with one key: the first to write wins.
        await writeFile(path, JSON.stringify(record), { flag: previous === undefined ? 'wx' : 'w' });
        return id;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        return (await read(path))?.id ?? id;
      }
    },
  };
}
