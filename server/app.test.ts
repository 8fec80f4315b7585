import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { describe, test } from 'node:test';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import { PROJECT_ROOT } from './app.ts';
import { OPEN_NOTICE } from './serve.ts';
import { makeTempDir, startTestServer } from './test-helpers.ts';

/** The status of a GET whose path is sent exactly as written. */
function statusOf(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ hostname: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('server', { timeout: 30_000 }, () => {
  test('serves index.html at / and dist/ files, and nothing else of the project', async (t) => {
    const root = await makeTempDir(t);
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>demo</title>');
    await writeFile(join(root, 'dist', 'chatdrop.js'), 'export {};');
    await writeFile(join(root, 'dist', '.secret'), 'hidden');
    await writeFile(join(root, 'package.json'), '{}');
    const server = await startTestServer(t, { staticRoot: root });
    const page = await fetch(`${server.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<title>demo<\/title>/);
    const script = await fetch(`${server.url}/dist/chatdrop.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.equal(await script.text(), 'export {};');
    for (const path of ['/package.json', '/index.html/', '/dist/.secret', '/dist/../package.json', '/dist/..%2Fpackage.json', '/server/app.ts', '/.data/']) {
      const status = await statusOf(server.port, path);
      assert.ok(status === 404 || status === 403, `${path}: ${status}`);
    }
  });

  test('npm start prints where it runs, serves, and stops cleanly on SIGTERM', async (t) => {
    const dataDir = await makeTempDir(t);
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MAX_FILE_SIZE: '2048', CORS_ORIGINS: 'https://a.example, https://b.example' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => child.exitCode === null && child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line in 20 s: ${output}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /\n {2}http:\/\/127\.0\.0\.1:(\d+)\/\?room=demo&user=bob\n/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(4096)]), 'big.bin');
    const refused = await fetch(`http://127.0.0.1:${port}/upload`, { method: 'POST', body: form, headers: { origin: 'https://b.example' } });
    assert.equal(refused.status, 413);
    assert.equal(refused.headers.get('access-control-allow-origin'), 'https://b.example');
    assert.deepEqual(await refused.json(), { error: "The file is larger than the server's limit of 2 KB.", maxFileSize: 2048 });
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.deepEqual(output.trim().split('\n'), [
      OPEN_NOTICE,
      'Chatdrop is running. Open each address in its own tab or window, one per person:',
      `  http://127.0.0.1:${port}/?room=demo&user=alice`,
      `  http://127.0.0.1:${port}/?room=demo&user=bob`,
    ]);
  });

  for (const [host, shown] of [['127.0.0.1', '127.0.0.1'], ['0.0.0.0', 'localhost']]) {
    test(`npm start on HOST=${host} prints Alice's and Bob's addresses on ${shown}, and both load the demo page`, async (t) => {
      const server = await startServerProcess({ dataDir: await makeTempDir(t), host });
      t.after(() => server.stop());
      assert.deepEqual(server.addresses, [`http://${shown}:${server.port}/?room=demo&user=alice`, `http://${shown}:${server.port}/?room=demo&user=bob`]);
      for (const address of server.addresses) {
        const page = await fetch(address);
        assert.equal(page.status, 200, address);
        assert.match(await page.text(), /<chat-widget /, address);
      }
    });
  }
});
