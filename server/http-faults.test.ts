import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { get as httpGet } from 'node:http';
import { describe, test } from 'node:test';
import type { RunningServer } from './app.ts';
import { startTestServer } from './test-helpers.ts';
import { httpFaults } from './testing/http-faults.ts';

/** Uploads `bytes` to `/upload` with `query`. */
function uploadWith(server: RunningServer, query: Record<string, string>, bytes: Uint8Array = randomBytes(1000), signal?: AbortSignal): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([Uint8Array.from(bytes)]), 'file.bin');
  return fetch(`${server.url}/upload?${new URLSearchParams(query)}`, { method: 'POST', body: form, ...(signal && { signal }) });
}

/** A stored file's URL path. */
async function stored(server: RunningServer, bytes: Uint8Array): Promise<string> {
  const response = await uploadWith(server, {}, bytes);
  assert.equal(response.status, 201);
  return ((await response.json()) as { url: string }).url;
}

/** GETs `path` and reads the body until it ends or the connection drops. */
function download(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; length: number; received: Buffer; complete: boolean }> {
  return new Promise((resolve, reject) => {
    httpGet(`${server.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      const done = (complete: boolean) => resolve({ status: response.statusCode ?? 0, length: Number(response.headers['content-length']), received: Buffer.concat(chunks), complete });
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => done(response.complete));
      response.once('error', () => done(false));
    }).once('error', reject);
  });
}

describe('HTTP faults (test-only plugin)', { timeout: 30_000 }, () => {
  test('a server without the plugin ignores fault queries', async (t) => {
    const server = await startTestServer(t);
    assert.equal((await uploadWith(server, { fault: '503', key: 'k' })).status, 201);
    const path = await stored(server, randomBytes(1000));
    assert.equal((await download(server, `${path}?fault=truncate&key=k`)).received.length, 1000);
  });

  test('an upload fault answers its status, with Retry-After, to the first `times` requests of its key', async (t) => {
    const server = await startTestServer(t, { plugins: [httpFaults] });
    const query = { fault: '429', times: '2', key: 'busy', retryAfter: '3' };
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await uploadWith(server, query);
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '3');
      assert.deepEqual(await refused.json(), { error: 'Injected fault 429.' });
    }
    assert.equal((await uploadWith(server, query)).status, 201);
    assert.equal((await uploadWith(server, { ...query, key: 'other' })).status, 429, 'each key counts alone');
  });

  test('a stalled upload is never answered, and the server goes on answering others', async (t) => {
    const server = await startTestServer(t, { plugins: [httpFaults] });
    await assert.rejects(uploadWith(server, { fault: 'stall', key: 'stuck' }, randomBytes(1000), AbortSignal.timeout(500)), { name: 'TimeoutError' });
    assert.equal((await uploadWith(server, {})).status, 201);
  });

  test('a download fault answers its status to the first `times` requests of its key', async (t) => {
    const server = await startTestServer(t, { plugins: [httpFaults] });
    const bytes = randomBytes(1000);
    const path = await stored(server, bytes);
    for (let attempt = 0; attempt < 2; attempt++) assert.equal((await fetch(`${server.url}${path}?fault=410&times=2&key=gone`)).status, 410);
    const served = await fetch(`${server.url}${path}?fault=410&times=2&key=gone`);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
  });

  test('a truncated download sends the full headers and only `at` bytes, then drops the connection; the next one is whole', async (t) => {
    const server = await startTestServer(t, { plugins: [httpFaults] });
    const bytes = randomBytes(300_000);
    const path = await stored(server, bytes);
    const cut = await download(server, `${path}?fault=truncate&at=120000&key=cut`);
    assert.deepEqual({ status: cut.status, length: cut.length, complete: cut.complete }, { status: 200, length: 300_000, complete: false });
    assert.deepEqual(cut.received, bytes.subarray(0, 120_000));
    const whole = await download(server, `${path}?fault=truncate&at=120000&key=cut`);
    assert.equal(whole.complete, true);
    assert.deepEqual(whole.received, bytes);
  });

  test('a truncated range sends part of the range, and never all of it', async (t) => {
    const server = await startTestServer(t, { plugins: [httpFaults] });
    const bytes = randomBytes(10_000);
    const path = await stored(server, bytes);
    const half = await download(server, `${path}?fault=truncate&key=half`, { range: 'bytes=4000-' });
    assert.deepEqual({ status: half.status, length: half.length, complete: half.complete }, { status: 206, length: 6000, complete: false });
    assert.deepEqual(half.received, bytes.subarray(4000, 7000), 'half the range by default');
    const tail = await download(server, `${path}?fault=truncate&at=99999&key=tail`, { range: 'bytes=9000-' });
    assert.deepEqual(tail.received, bytes.subarray(9000, 9999), 'one byte short at most');
    const none = await download(server, `${path}?fault=truncate&at=0&key=none`);
    assert.deepEqual({ status: none.status, received: none.received.length, complete: none.complete }, { status: 200, received: 0, complete: false });
  });
});
