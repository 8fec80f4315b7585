/**
 * `npm start`: runs the reference server, configured from the environment:
 * `PORT` (default 8080), `HOST` (default 0.0.0.0), `DATA_DIR` (default `<project>/.data`),
 * `MAX_FILE_SIZE` (bytes, default 100 MiB), `CORS_ORIGINS` (comma-separated, `*` for any).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, startServer, type ServerOptions } from './app.ts';

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
  return options;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${name} must be a whole number, not "${value}".`);
  return number;
}

async function main(): Promise<void> {
  const server = await startServer(optionsFromEnv(process.env));
  if (!existsSync(join(PROJECT_ROOT, 'dist', 'chatdrop.js'))) {
    console.warn('dist/chatdrop.js is missing: run `npm run build` to build the widget the demo page loads.');
  }
  console.log(`Chatdrop is running at http://localhost:${server.port}/?room=demo&user=alice`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Chatdrop could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
