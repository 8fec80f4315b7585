/**
 * Upload quotas: bytes each uploader may store per UTC day (`UPLOAD_QUOTA_PER_DAY`) and bytes all
 * stored uploads may take (`UPLOAD_DISK_QUOTA`). An upload reserves its room when it starts (its
 * `Content-Length`, or all that is left) and settles at its real size when it ends, so concurrent
 * uploads cannot pass a quota together. The bytes each uploader stored today are kept in a small
 * SQLite file beside the files folder (`upload-usage.sqlite`), so a restart does not give everyone a
 * fresh day; the disk's use is counted from the files folder at start.
 */
import Database from 'better-sqlite3';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Limits } from './limits.ts';

/** Room held for an upload while it streams. */
export interface Reservation {
  /** Most bytes the upload may store. */
  bytes: number;
  /** Which bound `bytes` is: the file size limit, the uploader's day, or the disk. */
  limitedBy: 'file' | 'day' | 'disk';
  /** Ends the reservation: counts `stored` bytes (0 when nothing was kept). */
  settle(stored: number): void;
}

/** Upload quotas over one files folder. */
export interface UploadQuota {
  /** Room for an upload of up to `wanted` bytes by `uploader`, or which quota is used up. */
  reserve(uploader: string, wanted: number): Reservation | { refused: 'day' | 'disk' };
  /** Counts a stored file's bytes as gone (a repeat upload removed after it was stored). */
  release(bytes: number): void;
  /** Ms until the uploader's day ends (a UTC midnight). */
  msToNextDay(): number;
  /** Closes the usage file. */
  close(): void;
}

/** Where each uploader's bytes of the day are kept (written once per finished upload). */
interface DayUsage {
  /** Bytes stored by each uploader on `day` (days since the epoch, UTC). */
  load(day: number): Map<string, number>;
  /** Adds `bytes` (may be negative) to what `uploader` stored on `day`; forgets earlier days. */
  add(day: number, uploader: string, bytes: number): void;
  close(): void;
}

function openDayUsage(file: string): DayUsage {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE IF NOT EXISTS upload_usage (day INTEGER NOT NULL, uploader TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (day, uploader))');
  const select = db.prepare<[number], { uploader: string; bytes: number }>('SELECT uploader, bytes FROM upload_usage WHERE day = ?');
  const upsert = db.prepare('INSERT INTO upload_usage (day, uploader, bytes) VALUES (?, ?, ?) ON CONFLICT (day, uploader) DO UPDATE SET bytes = bytes + excluded.bytes');
  const forget = db.prepare('DELETE FROM upload_usage WHERE day < ?');
  return {
    load: (day) => new Map(select.all(day).map((row) => [row.uploader, row.bytes])),
    add(day, uploader, bytes) {
      forget.run(day);
      upsert.run(day, uploader, bytes);
    },
    close: () => db.close(),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** What a multipart body may carry besides the file (boundaries, part headers, a few fields). */
const ENVELOPE_BYTES = 4096;

/**
 * The quotas, with the bytes already in `filesDir` counted against the disk quota, and each
 * uploader's bytes of today read from `usageFile` (default `upload-usage.sqlite` beside `filesDir`).
 */
export async function openUploadQuota(
  filesDir: string,
  limits: Pick<Limits, 'uploadQuotaPerDay' | 'uploadDiskQuota'>,
  maxFileSize: number,
  now: () => number = Date.now,
  usageFile = join(dirname(filesDir), 'upload-usage.sqlite'),
): Promise<UploadQuota> {
  let diskUsed = await folderBytes(filesDir);
  const usage = openDayUsage(usageFile);
  let day = Math.floor(now() / DAY_MS);
  // Stored bytes of today, plus what uploads still streaming hold.
  let usedToday = usage.load(day);
  const perDay = limits.uploadQuotaPerDay > 0 ? limits.uploadQuotaPerDay : Number.POSITIVE_INFINITY;
  const disk = limits.uploadDiskQuota > 0 ? limits.uploadDiskQuota : Number.POSITIVE_INFINITY;

  return {
    reserve(uploader, wanted) {
      const today = Math.floor(now() / DAY_MS);
      if (today !== day) {
        day = today;
        usedToday = new Map();
      }
      const dayLeft = perDay - (usedToday.get(uploader) ?? 0);
      const diskLeft = disk - diskUsed;
      // A known size must fit whole (less a multipart envelope's worth); an unknown one gets what is left, and is cut at it.
      const needed = Number.isFinite(wanted) ? Math.max(1, Math.min(wanted - ENVELOPE_BYTES, maxFileSize)) : 1;
      if (dayLeft < needed) return { refused: 'day' };
      if (diskLeft < needed) return { refused: 'disk' };
      const bytes = Math.min(maxFileSize, dayLeft, diskLeft);
      const limitedBy = bytes === maxFileSize ? 'file' : bytes === dayLeft ? 'day' : 'disk';
      const held = Math.min(bytes, wanted);
      usedToday.set(uploader, (usedToday.get(uploader) ?? 0) + held);
      diskUsed += held;
      let settled = false;
      return {
        bytes,
        limitedBy,
        settle(stored) {
          if (settled) return;
          settled = true;
          diskUsed += stored - held;
          if (today === day) usedToday.set(uploader, (usedToday.get(uploader) ?? 0) + stored - held);
          if (stored > 0) usage.add(today, uploader, stored);
        },
      };
    },
    release(bytes) {
      diskUsed -= bytes;
    },
    msToNextDay: () => (day + 1) * DAY_MS - now(),
    close: () => usage.close(),
  };
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += await stat(join(folder, name)).then((info) => (info.isFile() ? info.size : 0), () => 0);
  return total;
}
