import assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { connect as connectTcp, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import type { RunningServer } from './app.ts';
import { createFileId } from './file-store.ts';
import { makeTempDir, startTestServer, upload } from './test-helpers.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BOUNDARY = 'bounds-test';

/** A raw TCP connection to the server, destroyed after the test; `closed` resolves with the ms it stayed open and what it received. */
async function rawConnection(t: TestContext, server: RunningServer): Promise<{ socket: Socket; closed: Promise<{ ms: number; received: string }> }> {
  const socket = connectTcp(server.port, '127.0.0.1');
  t.after(() => socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  const opened = performance.now();
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = new Promise<{ ms: number; received: string }>((resolve) => socket.once('close', () => resolve({ ms: performance.now() - opened, received })));
  return { socket, closed };
}

/** The start of a multipart upload of a file of `size` bytes: headers and the part's head, no file bytes. */
function uploadHead(size: number): string {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  return `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${head.length + size + tail.length}\r\n\r\n${head}`;
}

/** Names in the server's files folder. */
const stored = (server: { dataDir: string }) => readdir(join(server.dataDir, 'files'));

describe('HTTP bounds', { timeout: 30_000 }, () => {
  test('closes an upload whose body comes at 1 byte a second within the body timeout, and keeps no partial file', async (t) => {
    const server = await startTestServer(t, { limits: { bodyTimeoutMs: 1000, bodyMinBytesPerSecond: 100 } });
    const { socket, closed } = await rawConnection(t, server);
    socket.write(uploadHead(1000));
    const dripping = setInterval(() => socket.writable && socket.write('x'), 1000);
    t.after(() => clearInterval(dripping));
    const { ms } = await closed;
    clearInterval(dripping);
    assert.ok(ms < 2500, `closed after ${ms.toFixed(0)} ms`);
    await sleep(100);
    assert.deepEqual(await stored(server), []);
  });

  test('a body at a fair pace is not cut by the body timeout', async (t) => {
    const server = await startTestServer(t, { limits: { bodyTimeoutMs: 300, bodyMinBytesPerSecond: 100 } });
    const { socket, closed } = await rawConnection(t, server);
    socket.write(uploadHead(1000));
    for (let index = 0; index < 10; index++) {
      socket.write('z'.repeat(100));
      await sleep(100);
    }
    socket.write(`\r\n--${BOUNDARY}--\r\n`);
    await sleep(300);
    socket.end();
    const { received } = await closed;
    assert.match(received, /^HTTP\/1.1 201/);
  });

  test('closes a connection whose headers never end within the headers timeout, and an idle one within the idle timeout', async (t) => {
    const server = await startTestServer(t, { limits: { headersTimeoutMs: 1000, idleTimeoutMs: 1500 } });
    const slow = await rawConnection(t, server);
    slow.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const dripping = setInterval(() => slow.socket.writable && slow.socket.write('X-A: b\r\n'), 200);
    t.after(() => clearInterval(dripping));
    // Idle after a whole request (kept alive), so the headers timeout has nothing to wait for: a
    // connection that never sends a byte may be closed by either timeout, whichever is checked first.
    const idle = await rawConnection(t, server);
    idle.socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    const [headers, quiet] = await Promise.all([slow.closed, idle.closed]);
    clearInterval(dripping);
    assert.ok(headers.ms < 2500, `headers: closed after ${headers.ms.toFixed(0)} ms`);
    assert.match(quiet.received, /^HTTP\/1.1 \d{3}/, 'the idle connection had its answer');
    assert.ok(quiet.ms >= 1400 && quiet.ms < 3000, `idle: closed after ${quiet.ms.toFixed(0)} ms`);
  });

  test("answers 429 with a sentence once an uploader's daily quota is used, and 507 once the disk quota is", async (t) => {
    const daily = await startTestServer(t, { limits: { uploadQuotaPerDay: 1000 } });
    assert.equal((await upload(daily, new Uint8Array(600), 'a.bin')).status, 201);
    const refused = await upload(daily, new Uint8Array(600), 'b.bin');
    assert.equal(refused.status, 429);
    assert.match(((await refused.json()) as { error: string }).error, /today's upload allowance of .*try again tomorrow/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 0 && retryAfter <= 86_400, `Retry-After ${retryAfter}`);
    assert.equal((await upload(daily, new Uint8Array(300), 'c.bin')).status, 201, 'what is left of the day can still be used');

    const disk = await startTestServer(t, { limits: { uploadDiskQuota: 1000 } });
    assert.equal((await upload(disk, new Uint8Array(600), 'a.bin')).status, 201);
    const full = await upload(disk, new Uint8Array(600), 'b.bin');
    assert.equal(full.status, 507);
    assert.match(((await full.json()) as { error: string }).error, /no room left for files/);
  });

  test("an uploader's day is remembered across a restart of the server", async (t) => {
    const first = await startTestServer(t, { limits: { uploadQuotaPerDay: 1000 } });
    assert.equal((await upload(first, new Uint8Array(700), 'a.bin')).status, 201);
    await first.close();
    const again = await startTestServer(t, { dataDir: first.dataDir, limits: { uploadQuotaPerDay: 1000 } });
    assert.equal((await upload(again, new Uint8Array(700), 'b.bin')).status, 429, 'the 700 bytes of before the restart still count');
    assert.equal((await upload(again, new Uint8Array(250), 'c.bin')).status, 201, 'what is left of the day can still be used');
  });

  test('an upload of unknown length is cut at the quota and answered 429', async (t) => {
    const server = await startTestServer(t, { limits: { uploadQuotaPerDay: 1000 } });
    const form = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'q'.repeat(1500)}\r\n--${BOUNDARY}--\r\n`;
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(form));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/upload`, { method: 'POST', body, duplex: 'half', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } } as RequestInit);
    assert.equal(response.status, 429);
    await sleep(100);
    assert.deepEqual(await stored(server), []);
  });

  test('an upload streams under a temporary name, and one cut mid-way leaves neither it nor a file under its final name', async (t) => {
    const server = await startTestServer(t);
    const { socket, closed } = await rawConnection(t, server);
    socket.write(uploadHead(100_000));
    socket.write('p'.repeat(50_000));
    await sleep(300);
    const during = await stored(server);
    assert.equal(during.length, 1, `files while streaming: ${during.join(', ')}`);
    assert.match(during[0]!, /^[A-Za-z0-9_-]{32}\.part$/);
    socket.destroy();
    await closed;
    await sleep(200);
    assert.deepEqual(await stored(server), []);
  });

  test('removes what unfinished uploads left when it starts, and keeps whole files', async (t) => {
    const dataDir = await makeTempDir(t);
    const files = join(dataDir, 'files');
    await mkdir(files);
    const whole = createFileId();
    const orphan = createFileId();
    await writeFile(join(files, whole), 'whole');
    await writeFile(join(files, `${whole}.json`), JSON.stringify({ name: 'w.txt', mime: 'text/plain', size: 5, createdAt: 1 }));
    await writeFile(join(files, `${createFileId()}.part`), 'partial');
    await writeFile(join(files, orphan), 'bytes whose metadata was never written');
    await writeFile(join(files, `${orphan}.json.tmp`), '{');
    const server = await startTestServer(t, { dataDir });
    assert.deepEqual((await stored(server)).sort(), [whole, `${whole}.json`].sort());
    assert.equal(await (await fetch(`${server.url}/files/${whole}`)).text(), 'whole');
  });
});
