/**
 * Running the reference server as a program: options from the environment (`env.ts`), the demo's
 * two addresses printed on start, a clean stop on SIGINT and SIGTERM. `main.ts` runs it for
 * `npm start`, `cli.ts` for the packaged `chatdrop-server` (a production start, flags set into the
 * environment); `testing/main-with-faults.ts` runs it with the tests' fault plugin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, startServer, type ServerOptions } from './app.ts';
import { optionsFromEnv } from './env.ts';
import { hasTokenKeys } from './tokens.ts';

/** The users of the demo room, one per browser tab (`index.html` reads `room` and `user` from the query). */
const DEMO_USERS = ['alice', 'bob'];

/**
 * The demo page's address for each demo user, on a server listening on `host` and `port`. A
 * wildcard host (`0.0.0.0`, `::`) is not an address a browser can open: it becomes `localhost`.
 */
export function demoAddresses(host: string, port: number): string[] {
  const name = host === '' || host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return DEMO_USERS.map((user) => `http://${name}:${port}/?${new URLSearchParams({ room: 'demo', user })}`);
}

/** The first line an open server prints. */
export const OPEN_NOTICE =
  'Chatdrop runs OPEN, for trying it locally only: anyone can join any room as anyone and upload. Set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL to require tokens.';

/**
 * Why a server with these options may not start, or `undefined`: a production start
 * (`NODE_ENV=production`, or `isProduction` from the packaged command) refuses to run open
 * unless `ALLOW_OPEN=1` says so.
 */
export function openStartRefusal(env: NodeJS.ProcessEnv, options: ServerOptions, isProduction = env.NODE_ENV === 'production'): string | undefined {
  if (!isProduction || hasTokenKeys(options.auth ?? {}) || /^(1|true|yes)$/i.test(env.ALLOW_OPEN ?? '')) return undefined;
  return 'a production server needs tokens: set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL (see the README, "Auth"), or ALLOW_OPEN=1 (`chatdrop-server --allow-open`) to run open to anyone on purpose.';
}

/**
 * Starts the server with the options `env` gives, overridden by `overrides`, and prints where to
 * open the demo (`banner` `demo`, for `npm start`) or where it runs (`service`, for the packaged
 * command), first saying so when it runs open; exits with 1 when it cannot or may not start
 * (`openStartRefusal`), and with 0 once stopped by a signal.
 */
export async function serve(env: NodeJS.ProcessEnv, overrides: Partial<ServerOptions> = {}, isProduction = env.NODE_ENV === 'production', banner: 'demo' | 'service' = 'demo'): Promise<void> {
  try {
    const options = { ...optionsFromEnv(env), ...overrides };
    const refusal = openStartRefusal(env, options, isProduction);
    if (refusal !== undefined) throw new Error(refusal);
    if (!hasTokenKeys(options.auth ?? {})) console.log(OPEN_NOTICE);
    const server = await startServer(options);
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'chatdrop.js'))) {
      console.warn('dist/chatdrop.js is missing: run `npm run build` to build the widget the demo page loads.');
    }
    const addresses = demoAddresses(options.host ?? '0.0.0.0', server.port);
    if (banner === 'service') console.log(`Chatdrop is running on ${new URL(addresses[0]!).origin} (the chat at /ws, uploads at /upload and, resumable, /tus/).`);
    else console.log(['Chatdrop is running. Open each address in its own tab or window, one per person:', ...addresses.map((address) => `  ${address}`)].join('\n'));
    stopOnSignal(() => server.close());
  } catch (error) {
    console.error(`Chatdrop could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

function stopOnSignal(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    close().then(
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
