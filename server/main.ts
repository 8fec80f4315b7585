/**
 * `npm start`: runs the reference server, configured from the environment:
 * `PORT` (default 8080), `HOST` (default 0.0.0.0), `DATA_DIR` (default `<project>/.data`),
 * `MAX_FILE_SIZE` (bytes, default 100 MiB), `CORS_ORIGINS` (comma-separated, `*` for any),
 * `CHATDROP_SECRET` (when set, relay joins need a token signed with it: see `tokens.ts`),
 * `UPLOAD_TOKEN` (when set, uploads need `Authorization: Bearer <token>`: see `upload-auth.ts`),
 * `HISTORY_MAX_AGE_DAYS` (default 0: no age limit), `HISTORY_MAX_PER_ROOM` (default 10 000; 0: no
 * limit), `HISTORY_SYNC` (`normal`, the default, or `full`: see `sqlite-history.ts`).
 * It prints the demo page's address for Alice and for Bob, to open in two tabs.
 */
import { serve } from './serve.ts';

await serve(process.env);
