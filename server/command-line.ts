/**
 * The command line of `chatdrop-server`, the packaged server: its options (each one an environment
 * variable and a flag; a flag wins over its variable), `--help`, `--version`, and reading a command
 * line into the environment `serve` takes. The README's table of server options lists the same
 * options with the same defaults (`test/package/server-options.test.ts` checks it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_MAX_FILE_SIZE, PROJECT_ROOT } from './app.ts';
import { DEFAULT_HOST, DEFAULT_PORT, optionsFromEnv } from './env.ts';
import { DEFAULT_RETENTION } from './history.ts';
import { DEFAULT_LIMITS } from './limits.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';

/** One setting of the server. */
export interface ServerOption {
  /** The environment variable that sets it. Its flag is the same name in lower case, `-` for `_` (`MAX_FILE_SIZE`: `--max-file-size`). */
  variable: string;
  /** What the flag takes, as `--help` shows it (`<bytes>`); none for a switch, which sets the variable to `1`. */
  value?: string;
  /** The default, as `--help` and the README show it. */
  byDefault: string;
  /** What it does, in a sentence. */
  about: string;
}

const KIB = 1024;

/** Every option of the server, in the order `--help` lists them. */
export const SERVER_OPTIONS: readonly ServerOption[] = [
  { variable: 'PORT', value: '<port>', byDefault: String(DEFAULT_PORT), about: 'Port to listen on (0: any free port).' },
  { variable: 'HOST', value: '<address>', byDefault: DEFAULT_HOST, about: 'Address to listen on (0.0.0.0: every interface; 127.0.0.1: this machine only).' },
  { variable: 'DATA_DIR', value: '<folder>', byDefault: '.data', about: 'Where uploads and room history are kept, relative to the folder the server starts in.' },
  { variable: 'MAX_FILE_SIZE', value: '<bytes>', byDefault: bytes(DEFAULT_MAX_FILE_SIZE), about: 'Largest upload; bigger ones get 413 with the limit, which the widget shows.' },
  { variable: 'CORS_ORIGINS', value: '<origins>', byDefault: 'none', about: 'Comma-separated origins allowed to upload and download cross-origin (* for any).' },
  { variable: 'JWT_SECRET', value: '<secret>', byDefault: 'none', about: 'HS256 secret tokens are signed with.' },
  { variable: 'JWT_PUBLIC_KEY', value: '<pem>', byDefault: 'none', about: 'PEM public key tokens are signed with (RS256, ES256…), instead of a secret.' },
  { variable: 'JWT_JWKS_URL', value: '<url>', byDefault: 'none', about: 'JWKS URL holding the keys tokens are signed with, instead of a secret or key.' },
  { variable: 'JWT_ISSUER', value: '<issuer>', byDefault: 'none', about: "When set, a token's iss must be this." },
  { variable: 'JWT_AUDIENCE', value: '<audience>', byDefault: 'none', about: "When set, a token's aud must be this." },
  { variable: 'ALLOWED_ORIGINS', value: '<origins>', byDefault: 'own origin', about: 'Comma-separated page origins that may open /ws (* for any); open servers allow any.' },
  { variable: 'ALLOW_OPEN', byDefault: 'off', about: 'Run open, without a JWT key: anyone may join any room as anyone and upload.' },
  { variable: 'HISTORY_MAX_PER_ROOM', value: '<count>', byDefault: String(DEFAULT_RETENTION.maxPerRoom), about: 'Each room keeps its newest this many messages (0: all).' },
  { variable: 'HISTORY_MAX_AGE_DAYS', value: '<days>', byDefault: String(DEFAULT_RETENTION.maxAgeDays), about: 'Messages stored longer ago than this are removed, on start and hourly (0: kept however old).' },
  { variable: 'HISTORY_SYNC', value: '<mode>', byDefault: 'normal', about: 'normal: an acked message survives the server being killed; full: a power loss too, at one fsync per write.' },
  { variable: 'RATE_PER_SOCKET', value: '<rate>', byDefault: rate(DEFAULT_RATE_LIMIT), about: 'Frames a second each relay connection may send, perSecond/burst, pings included.' },
  { variable: 'RATE_PER_USER', value: '<rate>', byDefault: rate(DEFAULT_LIMITS.userRate), about: 'The same across all connections of one user id.' },
  { variable: 'RATE_PER_ADDRESS', value: '<rate>', byDefault: rate(DEFAULT_LIMITS.addressRate), about: 'The same across all connections from one client address.' },
  { variable: 'RATE_PER_ROOM', value: '<rate>', byDefault: rate(DEFAULT_LIMITS.roomRate), about: 'Messages a second a room stores, whoever sends them.' },
  { variable: 'WS_BUFFER_BYTES', value: '<bytes>', byDefault: bytes(DEFAULT_LIMITS.socketBufferBytes), about: 'Output a connection may leave unread before it is dropped.' },
  { variable: 'WS_TOTAL_BUFFER_BYTES', value: '<bytes>', byDefault: bytes(DEFAULT_LIMITS.totalBufferBytes), about: 'Output all connections together may leave unread; over it the ones holding the most are dropped.' },
  { variable: 'WS_SLOW_READER_MS', value: '<ms>', byDefault: String(DEFAULT_LIMITS.slowReaderMs), about: 'A connection that stopped reading is dropped after this long.' },
  { variable: 'HISTORY_PAGE_BYTES', value: '<bytes>', byDefault: bytes(DEFAULT_LIMITS.historyPageBytes), about: 'Largest history page, in bytes of JSON.' },
  { variable: 'HEADERS_TIMEOUT_MS', value: '<ms>', byDefault: String(DEFAULT_LIMITS.headersTimeoutMs), about: "Time a client has to send a request's headers." },
  { variable: 'IDLE_TIMEOUT_MS', value: '<ms>', byDefault: String(DEFAULT_LIMITS.idleTimeoutMs), about: 'An HTTP connection without traffic for this long is closed.' },
  { variable: 'BODY_TIMEOUT_MS', value: '<ms>', byDefault: String(DEFAULT_LIMITS.bodyTimeoutMs), about: 'Window over which a request body must keep the slowest rate (0: no body timeout).' },
  { variable: 'BODY_MIN_BYTES_PER_SECOND', value: '<bytes>', byDefault: String(DEFAULT_LIMITS.bodyMinBytesPerSecond), about: 'Slowest accepted request body.' },
  { variable: 'UPLOAD_QUOTA_PER_DAY', value: '<bytes>', byDefault: bytes(DEFAULT_LIMITS.uploadQuotaPerDay), about: 'Bytes each uploader may store per UTC day (0: no quota).' },
  { variable: 'UPLOAD_DISK_QUOTA', value: '<bytes>', byDefault: bytes(DEFAULT_LIMITS.uploadDiskQuota), about: 'Bytes all stored files may take (0: no quota).' },
  { variable: 'NO_RESUMABLE_UPLOADS', byDefault: 'off', about: 'Turns off the tus endpoint for resumable uploads (/tus/); POST /upload stays.' },
  { variable: 'RESUMABLE_UPLOAD_EXPIRY_MS', value: '<ms>', byDefault: String(DEFAULT_LIMITS.resumableUploadExpiryMs), about: 'A resumable (tus) upload not finished this long after it was created is removed with its bytes (0: kept until finished).' },
];

/** What a command line asks for: the help, the version, or to serve with `env` (the environment with the flags' values set in it). */
export type Command = { action: 'help' } | { action: 'version' } | { action: 'serve'; env: NodeJS.ProcessEnv };

/** A command line that cannot run: an unknown flag, a missing or malformed value. The command exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The flag of an option, without its dashes (`max-file-size`). */
export function flagOf(option: ServerOption): string {
  return option.variable.toLowerCase().replaceAll('_', '-');
}

/** Reads `args` (the arguments after the command's name); each flag given overrides its variable in `env`. Throws a `UsageError`. */
export function readCommandLine(args: string[], env: NodeJS.ProcessEnv): Command {
  const flags: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean' }, version: { type: 'boolean' } };
  for (const option of SERVER_OPTIONS) flags[flagOf(option)] = { type: option.value === undefined ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    ({ values } = parseArgs({ args, options: flags, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { action: 'help' };
  if (values.version === true) return { action: 'version' };
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const option of SERVER_OPTIONS) {
    const value = values[flagOf(option)];
    if (value !== undefined) merged[option.variable] = value === true ? '1' : String(value);
  }
  try {
    optionsFromEnv(merged);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return { action: 'serve', env: merged };
}

/** What `--help` prints: every option with its flag, variable and default. */
export function helpText(): string {
  const options = SERVER_OPTIONS.map((option) => {
    const flag = `--${flagOf(option)}${option.value === undefined ? '' : ` ${option.value}`}`;
    const variable = option.value === undefined ? `${option.variable}=1` : option.variable;
    return `  ${flag}  ${variable}, default ${option.byDefault}\n      ${option.about}`;
  });
  return [
    'Usage: chatdrop-server [options]',
    '',
    'Runs the Chatdrop reference server: the demo page, the widget (/dist/), uploads, downloads and',
    'the WebSocket relay (/ws). Each option can be set by its environment variable too; a flag wins',
    'over its variable. Without a JWT key (--jwt-secret, --jwt-public-key or --jwt-jwks-url) the',
    'server refuses to start, unless --allow-open.',
    '',
    'Options:',
    ...options,
    '  --help',
    '      Print this help and exit.',
    '  --version',
    '      Print the version and exit.',
  ].join('\n');
}

/** The version in the package's `package.json`. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A byte count with its size in KiB, MiB or GiB when it is a whole number of one: `1048576 (1 MiB)`. */
function bytes(count: number): string {
  for (const [unit, size] of [['GiB', KIB ** 3], ['MiB', KIB ** 2], ['KiB', KIB]] as const) {
    if (count >= size && count % size === 0) return `${count} (${count / size} ${unit})`;
  }
  return String(count);
}

function rate({ perSecond, burst }: RateLimit): string {
  return `${perSecond}/${burst}`;
}
