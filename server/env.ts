/** Reading the server's options from environment variables (see `main.ts` for the list). */
import { join } from 'node:path';
import { PROJECT_ROOT, type ServerOptions } from './app.ts';

/** Server options read from environment variables; throws on a value that is not a number where one is needed. */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ServerOptions {
  const options: ServerOptions = {
    port: integer(env.PORT, 'PORT') ?? 8080,
    host: env.HOST || '0.0.0.0',
    dataDir: env.DATA_DIR || join(PROJECT_ROOT, '.data'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
  const maxFileSize = integer(env.MAX_FILE_SIZE, 'MAX_FILE_SIZE');
  if (maxFileSize !== undefined) options.maxFileSize = maxFileSize;
  if (env.CHATDROP_SECRET) options.secret = env.CHATDROP_SECRET;
  if (env.UPLOAD_TOKEN) options.uploadToken = env.UPLOAD_TOKEN;
  const maxAgeDays = integer(env.HISTORY_MAX_AGE_DAYS, 'HISTORY_MAX_AGE_DAYS');
  const maxPerRoom = integer(env.HISTORY_MAX_PER_ROOM, 'HISTORY_MAX_PER_ROOM');
  if (maxAgeDays !== undefined || maxPerRoom !== undefined) {
    options.retention = { ...(maxAgeDays !== undefined && { maxAgeDays }), ...(maxPerRoom !== undefined && { maxPerRoom }) };
  }
  const sync = env.HISTORY_SYNC?.trim().toLowerCase();
  if (sync === 'normal' || sync === 'full') options.historySync = sync;
  else if (sync) throw new Error(`HISTORY_SYNC must be "normal" or "full", not "${env.HISTORY_SYNC}".`);
  return options;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not "${value}".`);
  return number;
}
