/**
 * Running the reference server as a program: options from the environment (`env.ts`), the demo's
 * two addresses printed on start, a clean stop on SIGINT and SIGTERM. `main.ts` runs it for
 * `npm start`; `testing/main-with-faults.ts` runs it with the tests' fault plugin.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, startServer, type ServerOptions } from './app.ts';
import { optionsFromEnv } from './env.ts';

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

/**
 * Starts the server with the options `env` gives, overridden by `overrides`, and prints where to
 * open the demo; exits with 1 when it cannot start, and with 0 once stopped by a signal.
 */
export async function serve(env: NodeJS.ProcessEnv, overrides: Partial<ServerOptions> = {}): Promise<void> {
  try {
    const options = { ...optionsFromEnv(env), ...overrides };
    const server = await startServer(options);
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'chatdrop.js'))) {
      console.warn('dist/chatdrop.js is missing: run `npm run build` to build the widget the demo page loads.');
    }
    const addresses = demoAddresses(options.host ?? '0.0.0.0', server.port);
    console.log(['Chatdrop is running. Open each address in its own tab or window, one per person:', ...addresses.map((address) => `  ${address}`)].join('\n'));
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
