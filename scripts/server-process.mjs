// Runs the reference server (`server/main.ts`) as a child process on a free loopback port,
// for tests and benchmarks, and stops exactly that process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ dataDir: string, env?: Record<string, string>, port?: number }} options
 * @returns {Promise<{ url: string, port: number, pid: number, stop(): Promise<void>, restart(): Promise<void> }>}
 */
export async function startServerProcess({ dataDir, env = {}, port = 0 }) {
  let child;
  let url;
  const launch = async (fixedPort) => {
    child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(fixedPort), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const started = await new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`the server did not start in 20 s: ${output}`)), 20_000);
      child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /running at (http:\/\/localhost:(\d+))/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve({ port: Number(match[2]) });
        }
      });
    });
    url = `http://127.0.0.1:${started.port}`;
    return started.port;
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
    get url() { return url; },
    get port() { return chosenPort; },
    get pid() { return child.pid; },
    stop,
    async restart() {
      await stop();
      await launch(chosenPort);
    },
  };
}
