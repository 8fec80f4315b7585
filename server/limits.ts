/**
 * The reference server's bounds under load and abuse: every one a setting with a default, read
 * from the environment by `limitsFromEnv` (names in `LIMIT_VARIABLES`, documented in the README).
 * The per-connection frame rate stays `ServerOptions.rateLimit` (`RATE_PER_SOCKET`).
 */
import type { RateLimit } from './rate-limit.ts';

/** Bounds of the relay, of HTTP connections and of uploads. */
export interface Limits {
  /** Frames a second per user id, across all their sockets (pings included). Default 300, bursts of 600. */
  userRate: RateLimit;
  /** Frames a second per client address, across all its sockets (pings included). Default 1 000, bursts of 2 000. */
  addressRate: RateLimit;
  /** Messages stored a second per room, whoever sends them, so one busy room cannot starve the others. Default 100, bursts of 500 (as many as one connection's burst). */
  roomRate: RateLimit;
  /** Output a socket may leave unread before it is dropped, in bytes. Default 1 MiB. */
  socketBufferBytes: number;
  /** Output all sockets together may leave unread; above it the sockets holding the most are dropped. Default 64 MiB. */
  totalBufferBytes: number;
  /** A socket that leaves unanswered, this long, the ping sent after a quarter of its cap of output (it stopped reading) is dropped, in ms. Default 5 000. */
  slowReaderMs: number;
  /** Largest history page (on join or asked for), in bytes of JSON; older messages are left out of a page above it. Default 256 KiB. */
  historyPageBytes: number;
  /** Time a client has to send a request's headers, in ms. Default 10 000. */
  headersTimeoutMs: number;
  /** An HTTP connection with no traffic for this long is closed, in ms. Default 30 000. */
  idleTimeoutMs: number;
  /** A request body must arrive at `bodyMinBytesPerSecond` over each window of this many ms, or its connection is closed. Default 15 000. */
  bodyTimeoutMs: number;
  /** Slowest accepted request body, in bytes a second (averaged over `bodyTimeoutMs`). Default 1 024. */
  bodyMinBytesPerSecond: number;
  /** Bytes each uploader (token user, or address when uploads are open) may store per UTC day; `0`: no quota. Default 4 GiB (two files of the default largest size). */
  uploadQuotaPerDay: number;
  /** Bytes all stored uploads may take together; `0`: no quota. Default 50 GiB. */
  uploadDiskQuota: number;
  /** A resumable (tus) upload not finished this long after it was created is removed with its bytes, in ms; `0`: kept until finished. Default 24 hours. */
  resumableUploadExpiryMs: number;
}

const MIB = 1024 * 1024;

/** The defaults of every limit. */
export const DEFAULT_LIMITS: Limits = {
  userRate: { perSecond: 300, burst: 600 },
  addressRate: { perSecond: 1000, burst: 2000 },
  roomRate: { perSecond: 100, burst: 500 },
  socketBufferBytes: MIB,
  totalBufferBytes: 64 * MIB,
  slowReaderMs: 5000,
  historyPageBytes: 256 * 1024,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  bodyTimeoutMs: 15_000,
  bodyMinBytesPerSecond: 1024,
  uploadQuotaPerDay: 4 * 1024 * MIB,
  uploadDiskQuota: 50 * 1024 * MIB,
  resumableUploadExpiryMs: 24 * 60 * 60 * 1000,
};

/** The environment variable of each limit. Rates are written `perSecond/burst`, e.g. `300/600`. */
export const LIMIT_VARIABLES: Record<keyof Limits, string> = {
  userRate: 'RATE_PER_USER',
  addressRate: 'RATE_PER_ADDRESS',
  roomRate: 'RATE_PER_ROOM',
  socketBufferBytes: 'WS_BUFFER_BYTES',
  totalBufferBytes: 'WS_TOTAL_BUFFER_BYTES',
  slowReaderMs: 'WS_SLOW_READER_MS',
  historyPageBytes: 'HISTORY_PAGE_BYTES',
  headersTimeoutMs: 'HEADERS_TIMEOUT_MS',
  idleTimeoutMs: 'IDLE_TIMEOUT_MS',
  bodyTimeoutMs: 'BODY_TIMEOUT_MS',
  bodyMinBytesPerSecond: 'BODY_MIN_BYTES_PER_SECOND',
  uploadQuotaPerDay: 'UPLOAD_QUOTA_PER_DAY',
  uploadDiskQuota: 'UPLOAD_DISK_QUOTA',
  resumableUploadExpiryMs: 'RESUMABLE_UPLOAD_EXPIRY_MS',
};

/** The limits `env` sets (only those it sets); throws on a malformed value, naming the variable. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): Partial<Limits> {
  const limits: Partial<Record<keyof Limits, number | RateLimit>> = {};
  for (const [key, name] of Object.entries(LIMIT_VARIABLES) as Array<[keyof Limits, string]>) {
    const value = env[name]?.trim();
    if (!value) continue;
    limits[key] = typeof DEFAULT_LIMITS[key] === 'number' ? wholeNumber(value, name) : readRate(value, name);
  }
  return limits as Partial<Limits>;
}

/** A rate written `perSecond/burst` (or just `perSecond`, the burst then twice it). */
export function readRate(value: string, name: string): RateLimit {
  const [perSecond, burst] = value.split('/').map((part) => wholeNumber(part.trim(), name));
  if (perSecond === undefined || perSecond === 0) throw new Error(`${name} must be "perSecond/burst" with a rate above 0, not "${value}".`);
  return { perSecond, burst: burst ?? perSecond * 2 };
}

function wholeNumber(value: string, name: string): number {
  const number = Number(value);
  if (value === '' || !Number.isSafeInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not "${value}".`);
  return number;
}

/**
 * A history frame as JSON bytes, with the messages that fit in `maxBytes`: the newest ones when
 * the page counts back from the newest (`keep: 'newest'`), the oldest ones when it counts up from
 * `after`. At least one message is always kept, so paging moves on. `head` is the frame without
 * its `messages`, which are serialised once each (measured and joined, never serialised again).
 */
export function pageFrame<T>(head: object, messages: T[], maxBytes: number, keep: 'newest' | 'oldest'): { bytes: Buffer; kept: T[] } {
  const texts = messages.map((message) => JSON.stringify(message));
  const ordered = keep === 'newest' ? [...texts].reverse() : texts;
  let size = 0;
  let count = 0;
  for (const text of ordered) {
    size += Buffer.byteLength(text) + 1;
    if (count > 0 && size > maxBytes) break;
    count++;
  }
  const from = keep === 'newest' ? messages.length - count : 0;
  const headJson = JSON.stringify(head);
  const json = `${headJson.slice(0, -1)}${headJson.length > 2 ? ',' : ''}"messages":[${texts.slice(from, from + count).join(',')}]}`;
  return { bytes: Buffer.from(json), kept: messages.slice(from, from + count) };
}
