/**
 * `npm start`: runs the reference server, configured from the environment:
 * `PORT` (default 8080), `HOST` (default 0.0.0.0), `DATA_DIR` (default `<project>/.data`),
 * `MAX_FILE_SIZE` (bytes, default 100 MiB), `CORS_ORIGINS` (comma-separated, `*` for any),
 * `CHATDROP_SECRET` (when set, relay joins need a token signed with it: see `tokens.ts`),
 * `UPLOAD_TOKEN` (when set, uploads need `Authorization: Bearer <token>`: see `upload-auth.ts`),
 * `CHATDROP_UPLOAD_FAULTS=1` (tests only: injected upload and download faults).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, startServer } from './app.ts';
import { optionsFromEnv } from './env.ts';

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
