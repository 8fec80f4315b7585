/**
 * `npm start`: runs the reference server, configured from the environment:
 * `PORT` (default 8080), `HOST` (default 0.0.0.0), `DATA_DIR` (default `<project>/.data`),
 * `MAX_FILE_SIZE` (bytes, default 2 GiB), `CORS_ORIGINS` (comma-separated, `*` for any),
 * `JWT_SECRET` (HS256), `JWT_PUBLIC_KEY` (PEM) or `JWT_JWKS_URL`: with one, relay joins and uploads
 * need a JWT (see `tokens.ts`); `JWT_ISSUER`, `JWT_AUDIENCE` (checked when set), `ALLOWED_ORIGINS`
 * (pages that may open `/ws`, comma-separated); without keys it runs open and says so first, and
 * with `NODE_ENV=production` it refuses to, unless `ALLOW_OPEN=1`.
 * `HISTORY_MAX_AGE_DAYS` (default 0: no age limit), `HISTORY_MAX_PER_ROOM` (default 10 000; 0: no
 * limit), `HISTORY_SYNC` (`normal`, the default, or `full`: see `sqlite-history.ts`), and the
 * rates, buffers, timeouts and upload quotas of `limits.ts` (`LIMIT_VARIABLES`, `RATE_PER_SOCKET`).
 * It prints the demo page's address for Alice and for Bob, to open in two tabs.
 */
import { serve } from './serve.ts';

await serve(process.env);
