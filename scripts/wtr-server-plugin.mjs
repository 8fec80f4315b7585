// Starts the reference server for the browser tests on a free loopback port, with a temporary
// data folder and the HTTP faults a request can ask for (server/testing/http-faults.ts), and
// serves its URL to the tests as the module `@chatdrop/test-server`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from './server-process.mjs';

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function referenceServer() {
  let server;
  let dataDir;
  return {
    name: 'chatdrop-reference-server',
    async serverStart() {
      dataDir = await mkdtemp(join(tmpdir(), 'chatdrop-wtr-'));
      server = await startServerProcess({ dataDir, faults: true, env: { CORS_ORIGINS: '*', MAX_FILE_SIZE: String(5 * 1024 * 1024) } });
    },
    async serverStop() {
      await server?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
    resolveImport({ source }) {
      return source === '@chatdrop/test-server' ? '/__chatdrop__/server.js' : undefined;
    },
    serve(context) {
      if (context.path === '/__chatdrop__/server.js') {
        return { body: `export const serverUrl = ${JSON.stringify(server.url)};\n`, type: 'js' };
      }
      return undefined;
    },
  };
}
