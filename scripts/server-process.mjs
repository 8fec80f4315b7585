// Runs the reference server (`server/main.ts`) as a child process on a free loopback port,
// for tests and benchmarks, and stops exactly that process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ dataDir: string, env?: Record<string, string>, port?: number, host?: string, faults?: boolean }} options
 *   `host` defaults to `127.0.0.1`; `faults` runs `server/testing/main-with-faults.ts`, which
 *   injects the HTTP faults a request asks for (`server/testing/http-faults.ts`).
 * @returns {Promise<{ url: string, port: number, pid: number, addresses: string[], stop(): Promise<void>, restart(): Promise<void> }>}
 *   `addresses`: the demo page's addresses the server printed, Alice's then Bob's.
 */
export async function startServerProcess({ dataDir, env = {}, port = 0, host = '127.0.0.1', faults = false }) {
  let child;
  let addresses;
  const entry = faults ? 'server/testing/main-with-faults.ts' : 'server/main.ts';
  const launch = async (fixedPort) => {
    child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      // NODE_ENV is the test's to set, not the runner's: a Vite build in the same process sets it
      // to production, where an open server refuses to start.
      env: { ...process.env, NODE_ENV: 'development', ...env, PORT: String(fixedPort), HOST: host, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    addresses = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => {
        // A server that never said where it runs is stopped too, or it would keep the test process alive.
        child.kill('SIGKILL');
        reject(new Error(`the server did not start in 20 s: ${output}`));
      }, 20_000);
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const printed = output.match(/http:\/\/\S+\?room=demo&user=\w+/g) ?? [];
        if (printed.length === 2) {
          clearTimeout(timer);
          resolve(printed);
        }
      });
    });
    return Number(new URL(addresses[0]).port);
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const chosenPort = await launch(port);
  return {
    get url() { return new URL(addresses[0]).origin; },
    get port() { return chosenPort; },
    get pid() { return child.pid; },
    get addresses() { return addresses; },
    stop,
    async restart() {
      await stop();
      await launch(chosenPort);
    },
  };
}
