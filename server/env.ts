/** Reading the server's options from environment variables (listed, with their flags, in `command-line.ts`). */
import { resolve } from 'node:path';
import type { ServerOptions } from './app.ts';
import type { AuthOptions } from './auth.ts';
import { limitsFromEnv, readRate } from './limits.ts';

/** Where the server listens unless `PORT` and `HOST` say otherwise: port 8080 on every interface. */
export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '0.0.0.0';

/** Server options read from environment variables; throws on a value that is not a number where one is needed. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {
    port: integer(env.PORT, 'PORT') ?? DEFAULT_PORT,
    host: env.HOST || DEFAULT_HOST,
    dataDir: env.DATA_DIR || resolve('.data'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
  const maxFileSize = integer(env.MAX_FILE_SIZE, 'MAX_FILE_SIZE');
  if (maxFileSize !== undefined) options.maxFileSize = maxFileSize;
  const auth = authFromEnv(env);
  if (Object.keys(auth).length > 0) options.auth = auth;
  const maxAgeDays = integer(env.HISTORY_MAX_AGE_DAYS, 'HISTORY_MAX_AGE_DAYS');
  const maxPerRoom = integer(env.HISTORY_MAX_PER_ROOM, 'HISTORY_MAX_PER_ROOM');
  if (maxAgeDays !== undefined || maxPerRoom !== undefined) {
    options.retention = { ...(maxAgeDays !== undefined && { maxAgeDays }), ...(maxPerRoom !== undefined && { maxPerRoom }) };
  }
  const limits = limitsFromEnv(env);
  if (Object.keys(limits).length > 0) options.limits = limits;
  if (env.RATE_PER_SOCKET?.trim()) options.rateLimit = readRate(env.RATE_PER_SOCKET.trim(), 'RATE_PER_SOCKET');
  if (/^(1|true|yes)$/i.test(env.NO_RESUMABLE_UPLOADS?.trim() ?? '')) options.resumableUploads = false;
  const sync = env.HISTORY_SYNC?.trim().toLowerCase();
  if (sync === 'normal' || sync === 'full') options.historySync = sync;
  else if (sync) throw new Error(`HISTORY_SYNC must be "normal" or "full", not "${env.HISTORY_SYNC}".`);
  return options;
}

/** The JWT keys and allowed origins (`JWT_SECRET`, `JWT_PUBLIC_KEY`, `JWT_JWKS_URL`, `JWT_ISSUER`, `JWT_AUDIENCE`, `ALLOWED_ORIGINS`). */
function authFromEnv(env: NodeJS.ProcessEnv): AuthOptions {
  const auth: AuthOptions = {};
  if (env.JWT_SECRET) auth.secret = env.JWT_SECRET;
  if (env.JWT_PUBLIC_KEY) auth.publicKey = env.JWT_PUBLIC_KEY;
  if (env.JWT_JWKS_URL) auth.jwksUrl = env.JWT_JWKS_URL;
  if (env.JWT_ISSUER) auth.issuer = env.JWT_ISSUER;
  if (env.JWT_AUDIENCE) auth.audience = env.JWT_AUDIENCE;
  const origins = list(env.ALLOWED_ORIGINS);
  if (origins.length > 0) auth.allowedOrigins = origins;
  return auth;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not "${value}".`);
  return number;
}
