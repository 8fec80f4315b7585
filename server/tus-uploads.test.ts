// Resumable uploads (tus) against the real server: a real client (tus-js-client) cut off by a TCP
// proxy at ~60 %, and a server process killed mid-upload and started again on the same data
// folder; each time the upload continues from the server's offset and the stored bytes are those
// sent. Then the server's rules around the protocol: tokens, owners, limits, names, expiry, CORS,
// and how it reads bodies: too many bytes, bytes with the creating POST, a PATCH stopped by a newer request.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, readdir, readFile, stat } from 'node:fs/promises';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import * as tus from 'tus-js-client';
import { startHttpFaultProxy } from '../test/cases/http-fault-proxy.ts';
import { makeTempDir, startTestServer } from './test-helpers.ts';
import { signToken } from './tokens.ts';
import { FILE_HASHING_HEADER, FILE_SHA256_HEADER, FILE_TYPE_HEADER, FILE_URL_HEADER } from '../src/upload/tus-headers.ts';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** One request the client made: its method and, for a PATCH, the offset it started at. */
interface Sent {
  method: string;
  offset?: number;
}

/** Uploads `bytes` with tus-js-client to `endpoint`, retrying through faults; resolves with where the file is and every request made. */
function tusUpload(endpoint: string, bytes: Buffer, options: { name?: string; type?: string; headers?: Record<string, string>; onProgress?(sent: number): void } = {}) {
  const requests: Sent[] = [];
  const done = new Promise<{ url: string; type: string | null; requests: Sent[] }>((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint,
      metadata: { filename: options.name ?? 'random.bin', filetype: options.type ?? 'application/octet-stream' },
      headers: options.headers ?? {},
      retryDelays: [100, 200, 400, 800, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
      storeFingerprintForResuming: false,
      onBeforeRequest: (request) => {
        const offset = request.getHeader('Upload-Offset');
        requests.push({ method: request.getMethod(), ...(offset !== undefined && { offset: Number(offset) }) });
      },
      onProgress: (sent) => options.onProgress?.(sent),
      onError: reject,
      onSuccess: ({ lastResponse }) => {
        const url = lastResponse.getHeader(FILE_URL_HEADER);
        if (!url) return reject(new Error('the last answer did not say where the file is'));
        resolve({ url: new URL(url, endpoint).href, type: lastResponse.getHeader(FILE_TYPE_HEADER) ?? null, requests });
      },
    });
    upload.start();
  });
  return { requests, done };
}

async function downloaded(url: string): Promise<Buffer> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return Buffer.from(await response.arrayBuffer());
}

/** A tus request to the server, by hand. */
function tusRequest(url: string, method: string, headers: Record<string, string> = {}, body?: string | Blob): Promise<Response> {
  return fetch(url, { method, headers: { 'Tus-Resumable': '1.0.0', ...headers }, ...(body && { body }) });
}

async function create(serverUrl: string, size: number, headers: Record<string, string> = {}, metadata = 'filename cmFuZG9tLmJpbg=='): Promise<Response> {
  return tusRequest(`${serverUrl}/tus/`, 'POST', { 'Upload-Length': String(size), 'Upload-Metadata': metadata, ...headers });
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The sha256 the server stored beside a file (`files/<id>.json`), `url` being the file's. */
async function storedSha256(dataDir: string, url: string): Promise<string> {
  const id = new URL(url).pathname.split('/').pop()!;
  return (JSON.parse(await readFile(join(dataDir, 'files', `${id}.json`), 'utf8')) as { sha256: string }).sha256;
}

/** The entries of the server's tus folder. */
const tusEntries = (dataDir: string) => readdir(join(dataDir, 'tus')).catch(() => [] as string[]);

describe('resumable uploads (tus)', { timeout: 60_000 }, () => {
  test('a connection cut at ~60 % goes on from the offset the server holds, and the stored bytes are those sent', async (t) => {
    const server = await startTestServer(t);
    const proxy = await startHttpFaultProxy(server.port);
    t.after(() => proxy.close());
    const bytes = randomBytes(8 * 1024 * 1024);
    // Throttled, so the proxy holds no megabytes of its own that the cut would throw away.
    proxy.setRate(16 * 1024 * 1024);
    proxy.cutAfter('up', Math.round(bytes.length * 0.6));
    const { url, type, requests } = await tusUpload(proxy.url('/tus/'), bytes).done;

    assert.equal(proxy.cuts, 1, 'the connection was cut once');
    const patches = requests.filter((request) => request.method === 'PATCH');
    assert.equal(patches.length, 2, `two PATCHes: ${JSON.stringify(requests)}`);
    assert.equal(patches[0]!.offset, 0);
    const resumedAt = patches[1]!.offset!;
    assert.ok(resumedAt > bytes.length * 0.5 && resumedAt <= bytes.length * 0.6, `the second PATCH starts where the cut left off (${resumedAt} of ${bytes.length})`);
    assert.ok(requests.some((request) => request.method === 'HEAD'), 'the client asked the server for its offset');
    assert.equal(type, 'application/octet-stream');
    assert.match(new URL(url).pathname, /^\/files\/[A-Za-z0-9_-]{32}$/);
    assert.equal(sha256(await downloaded(new URL(new URL(url).pathname, server.url).href)), sha256(bytes), 'the stored file is byte for byte the one sent');
    assert.equal(await storedSha256(server.dataDir, url), sha256(bytes), 'and its recorded sha256 (made as the bytes came, across the cut) is theirs');
  });

  test('a server killed mid-upload and started again on the same data folder resumes the upload from its offset', async (t) => {
    const dataDir = await makeTempDir(t);
    const first = await startServerProcess({ dataDir });
    let second: { stop(): Promise<void> } | undefined;
    let killed = false;
    t.after(async () => {
      if (!killed) await first.stop();
      await second?.stop();
    });
    const proxy = await startHttpFaultProxy(first.port);
    t.after(() => proxy.close());
    proxy.setRate(4 * 1024 * 1024);
    const bytes = randomBytes(8 * 1024 * 1024);
    const upload = tusUpload(proxy.url('/tus/'), bytes);
    upload.done.catch(() => undefined);

    // Once most of the bytes are on the server's disk, the server dies at once (SIGKILL: no clean stop).
    let partial = '';
    await eventually(async () => {
      partial = (await tusEntries(dataDir)).find((name) => !name.endsWith('.json')) ?? '';
      return partial !== '' && (await stat(join(dataDir, 'tus', partial))).size >= bytes.length * 0.5;
    }, 'half of the upload on the server');
    process.kill(first.pid, 'SIGKILL');
    killed = true;
    await eventually(() => upload.requests.filter((request) => request.method === 'HEAD').length > 0 || upload.requests.length > 2, 'the client to notice');
    const kept = (await stat(join(dataDir, 'tus', partial))).size;
    second = await startServerProcess({ dataDir, port: first.port });
    proxy.setRate(0);

    const { url, requests } = await upload.done;
    const patches = requests.filter((request) => request.method === 'PATCH');
    assert.equal(patches[0]!.offset, 0);
    const resumedAt = patches.at(-1)!.offset!;
    assert.ok(resumedAt >= kept && resumedAt > 0, `the PATCH after the restart starts past 0, at the offset kept (${resumedAt}, ${kept} on disk at the kill)`);
    assert.equal(sha256(await downloaded(url)), sha256(bytes), 'the stored file is byte for byte the one sent');
    assert.equal(await storedSha256(dataDir, url), sha256(bytes), 'and its recorded sha256 (read again after the restart) is theirs');
    assert.deepEqual(await tusEntries(dataDir), [`${partial}.json`], 'the bytes left the tus folder; only the record stays until it expires');
  });

  test('bytes a restarted server takes in for uploads begun before a kill count against the disk quota at once', async (t) => {
    const dataDir = await makeTempDir(t);
    const env = { UPLOAD_DISK_QUOTA: '1000000' };
    const first = await startServerProcess({ dataDir, env });
    let second: { url: string; stop(): Promise<void> } | undefined;
    let killed = false;
    t.after(async () => {
      if (!killed) await first.stop();
      await second?.stop();
    });
    const whole = randomBytes(400_000);
    const partial = randomBytes(400_000);
    const begin = async (bytes: Buffer) => {
      const created = await create(first.url, bytes.length);
      assert.equal(created.status, 201);
      const path = new URL(created.headers.get('location')!, `${first.url}/tus/`).pathname;
      const patched = await tusRequest(`${first.url}${path}`, 'PATCH', { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, new Blob([Uint8Array.from(bytes.subarray(0, 100_000))]));
      assert.equal(patched.headers.get('upload-offset'), '100000');
      return path;
    };
    const wholePath = await begin(whole);
    const partialPath = await begin(partial);
    process.kill(first.pid, 'SIGKILL');
    killed = true;
    // The last bytes of one upload reached the disk and the process died before handing it over to the files
    // folder: a window of microseconds that no kill can aim at, so its bytes are written here while the server is down.
    await appendFile(join(dataDir, 'tus', wholePath.split('/').pop()!), whole.subarray(100_000));
    const restarted: { url: string; stop(): Promise<void> } = await startServerProcess({ dataDir, env });
    second = restarted;
    const url = restarted.url;

    const head = await tusRequest(`${url}${wholePath}`, 'HEAD');
    assert.equal(head.headers.get('upload-offset'), String(whole.length), 'the upload whole at the kill is complete');
    assert.equal(sha256(await downloaded(new URL(head.headers.get(FILE_URL_HEADER)!, `${url}/tus/`).href)), sha256(whole), 'and handed over by the HEAD');
    const rest = await tusRequest(`${url}${partialPath}`, 'PATCH', { 'Upload-Offset': '100000', 'Content-Type': 'application/offset+octet-stream' }, new Blob([Uint8Array.from(partial.subarray(100_000))]));
    assert.equal(rest.status, 204);
    assert.equal(sha256(await downloaded(new URL(rest.headers.get(FILE_URL_HEADER)!, `${url}/tus/`).href)), sha256(partial), 'the other one finished by a PATCH after the restart');

    assert.equal((await create(url, 300_000)).status, 507, 'both files count against the quota of 1 000 000 bytes: 200 000 are left');
    assert.equal((await create(url, 150_000)).status, 201, 'and no more than their bytes count');
  });

  test('on a closed server, needs the token, and only its creator reaches an upload', async (t) => {
    const secret = 'tus-test-secret-of-at-least-32-characters!';
    const server = await startTestServer(t, { auth: { secret } });
    const alice = { Authorization: `Bearer ${await signToken({ user: 'alice', rooms: ['*'] }, secret)}` };
    const mallory = { Authorization: `Bearer ${await signToken({ user: 'mallory', rooms: ['*'] }, secret)}` };

    const refused = await create(server.url, 10);
    assert.equal(refused.status, 401);
    assert.match(((await refused.json()) as { error: string }).error, /token/);
    assert.deepEqual(await tusEntries(server.dataDir), [], 'nothing was created');

    const created = await create(server.url, 10, alice);
    assert.equal(created.status, 201);
    const location = new URL(created.headers.get('location')!, `${server.url}/tus/`).href;
    assert.equal((await tusRequest(location, 'HEAD')).status, 401, 'HEAD without a token');
    assert.equal((await tusRequest(location, 'HEAD', mallory)).status, 404, "another user's token");
    const stolen = await tusRequest(location, 'PATCH', { ...mallory, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, '0123456789');
    assert.equal(stolen.status, 404);
    const head = await tusRequest(location, 'HEAD', alice);
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('upload-offset'), '0', 'nothing was written by the other user');
    const finished = await tusRequest(location, 'PATCH', { ...alice, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, '0123456789');
    assert.equal(finished.status, 204);
    assert.equal((await downloaded(new URL(finished.headers.get(FILE_URL_HEADER)!, `${server.url}/tus/`).href)).toString(), '0123456789');
  });

  test("refuses a length over the server's limit with 413 and the limit, as POST /upload does", async (t) => {
    const server = await startTestServer(t, { maxFileSize: 1000 });
    const answer = await create(server.url, 1001);
    assert.equal(answer.status, 413);
    assert.deepEqual(await answer.json(), { error: "The file is larger than the server's limit of 1000 bytes.", maxFileSize: 1000 });
    assert.equal((await create(server.url, 1000)).status, 201);
  });

  test('holds the disk quota for an unfinished upload, and gives it back when the upload expires', async (t) => {
    const server = await startTestServer(t, { limits: { uploadDiskQuota: 1_000_000, resumableUploadExpiryMs: 400 } });
    const first = await create(server.url, 800_000);
    assert.equal(first.status, 201);
    const location = new URL(first.headers.get('location')!, `${server.url}/tus/`).href;
    const patch = await tusRequest(location, 'PATCH', { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, 'x'.repeat(1000));
    assert.equal(patch.status, 204);
    assert.ok(patch.headers.get('upload-expires'), 'the answer says when the unfinished upload expires');
    const second = await create(server.url, 800_000);
    assert.equal(second.status, 507, 'no room while the first holds it');

    await eventually(async () => (await tusEntries(server.dataDir)).length === 0, 'the expired upload to be removed');
    assert.equal((await tusRequest(location, 'HEAD')).status, 404, 'it is gone');
    assert.equal((await create(server.url, 800_000)).status, 201, 'its room is free again');
  });

  test('stores the name and type as POST /upload would: control characters out, type/subtype only, served as an attachment', async (t) => {
    const server = await startTestServer(t);
    const created = await create(server.url, 5, {}, `filename ${b64('invoice\u202Etxt.exe')},filetype ${b64('TEXT/HTML; charset=utf-8')}`);
    const location = new URL(created.headers.get('location')!, `${server.url}/tus/`).href;
    const part = await tusRequest(location, 'PATCH', { 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, '<b>x');
    assert.equal(part.status, 204);
    assert.equal(part.headers.get(FILE_URL_HEADER), null, 'no file yet');
    const whole = await tusRequest(location, 'PATCH', { 'Upload-Offset': '4', 'Content-Type': 'application/offset+octet-stream' }, '!');
    assert.equal(whole.status, 204);
    assert.equal(whole.headers.get(FILE_TYPE_HEADER), 'text/html');
    assert.equal(whole.headers.get(FILE_SHA256_HEADER), createHash('sha256').update('<b>x!').digest('hex'), 'the sha256 of the bytes written, across both PATCHes');
    const file = await fetch(new URL(whole.headers.get(FILE_URL_HEADER)!, `${server.url}/tus/`));
    assert.equal(file.headers.get('content-type'), 'text/html');
    assert.match(file.headers.get('content-disposition')!, /^attachment; filename="invoicetxt.exe"/);
    assert.equal(file.headers.get('x-content-type-options'), 'nosniff');

    const again = await tusRequest(location, 'HEAD');
    assert.equal(again.status, 200, 'a finished upload still answers HEAD, for a client that missed the last answer');
    assert.equal(again.headers.get('upload-offset'), '5');
    assert.equal(again.headers.get(FILE_URL_HEADER), whole.headers.get(FILE_URL_HEADER));
    assert.equal((await tusRequest(location, 'DELETE')).status, 400, 'a finished upload cannot be terminated');
  });

  test('refuses a PATCH carrying more bytes than the upload lacks (413), keeps none past its length, and the upload goes on', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(1000);
    const location = new URL((await create(server.url, 1000)).headers.get('location')!, `${server.url}/tus/`).href;
    const octets = { 'Content-Type': 'application/offset+octet-stream' };
    const tooMuch = await tusRequest(location, 'PATCH', { ...octets, 'Upload-Offset': '0' }, new Blob([bytes, randomBytes(500)]));
    assert.equal(tooMuch.status, 413);
    const held = Number((await tusRequest(location, 'HEAD')).headers.get('upload-offset'));
    assert.ok(held <= 1000, `the server holds ${held} bytes of 1000`);
    const rest = await tusRequest(location, 'PATCH', { ...octets, 'Upload-Offset': String(held) }, new Blob([bytes.subarray(held)]));
    assert.equal(rest.status, 204);
    assert.equal(sha256(await downloaded(new URL(rest.headers.get(FILE_URL_HEADER)!, `${server.url}/tus/`).href)), sha256(bytes));
  });

  test('takes the first bytes with the POST that creates an upload (creation-with-upload)', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(300_000);
    const created = await tusRequest(`${server.url}/tus/`, 'POST', { 'Upload-Length': String(bytes.length), 'Content-Type': 'application/offset+octet-stream' }, new Blob([bytes.subarray(0, 100_000)]));
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('upload-offset'), '100000');
    const location = new URL(created.headers.get('location')!, `${server.url}/tus/`).href;
    const rest = await tusRequest(location, 'PATCH', { 'Upload-Offset': '100000', 'Content-Type': 'application/offset+octet-stream' }, new Blob([bytes.subarray(100_000)]));
    assert.equal(rest.status, 204);
    assert.equal(sha256(await downloaded(new URL(rest.headers.get(FILE_URL_HEADER)!, `${server.url}/tus/`).href)), sha256(bytes));
  });

  test('a request for an upload still receiving a PATCH ends that PATCH where it got to: its bytes are kept, and the upload goes on from there', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(400_000);
    const location = new URL((await create(server.url, bytes.length)).headers.get('location')!, `${server.url}/tus/`).href;
    // A PATCH that says the whole length but sends only its first 150 000 bytes, then waits (a client whose link went quiet).
    let stalled: ClientRequest | undefined;
    let sent!: () => void;
    const firstSent = new Promise<void>((resolve) => (sent = resolve));
    const firstAnswer = new Promise<number>((resolve, reject) => {
      stalled = httpRequest(location, { method: 'PATCH', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(bytes.length) } }, (answer) => {
        answer.resume();
        resolve(answer.statusCode!);
      });
      stalled.on('error', reject);
      stalled.write(bytes.subarray(0, 150_000), () => sent());
    });
    firstAnswer.catch(() => undefined); // awaited below; a failure before that is the test's, not an unhandled rejection
    t.after(() => stalled?.destroy());
    await firstSent;
    await sleep(300); // on loopback, the server has read them by then (it writes them to disk only in larger batches)
    // The client, seeing no progress, asks where the upload stands: it need not wait for the quiet PATCH to time out.
    const asked = Date.now();
    const head = await tusRequest(location, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('upload-offset'), '150000', 'the bytes the quiet PATCH brought are kept');
    // tus lets a request it stops finish for up to 3 s (its lock drain); far from the 15 s body timeout and the 30 s lock timeout.
    assert.ok(Date.now() - asked < 10_000, `answered in ${Date.now() - asked} ms`);
    assert.equal(await firstAnswer, 204, 'the quiet PATCH was answered with where it got to');
    stalled!.destroy();
    const rest = await tusRequest(location, 'PATCH', { 'Upload-Offset': '150000', 'Content-Type': 'application/offset+octet-stream' }, new Blob([bytes.subarray(150_000)]));
    assert.equal(rest.status, 204);
    assert.equal(sha256(await downloaded(new URL(rest.headers.get(FILE_URL_HEADER)!, `${server.url}/tus/`).href)), sha256(bytes));
  });

  test('answers a cross-origin client of an allowed origin, and lets it read the offset and where the file went', async (t: TestContext) => {
    const origin = 'https://page.example';
    const server = await startTestServer(t, { corsOrigins: [origin] });
    const preflight = await fetch(`${server.url}/tus/`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'tus-resumable, upload-offset, content-type' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    assert.match(preflight.headers.get('access-control-allow-methods')!, /PATCH/);
    const created = await create(server.url, 3, { Origin: origin });
    assert.equal(created.headers.get('access-control-allow-origin'), origin);
    assert.equal(created.headers.get(FILE_HASHING_HEADER), 'sha256', 'says before any byte that the finishing answer will carry the sha256');
    assert.ok(created.headers.get('access-control-expose-headers')!.includes(FILE_HASHING_HEADER), 'and lets the page read it');
    const location = new URL(created.headers.get('location')!, `${server.url}/tus/`).href;
    const finished = await tusRequest(location, 'PATCH', { Origin: origin, 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' }, 'abc');
    assert.equal(finished.headers.get('access-control-allow-origin'), origin);
    const exposed = finished.headers.get('access-control-expose-headers')!;
    for (const header of ['Upload-Offset', 'Location', FILE_URL_HEADER, FILE_TYPE_HEADER, FILE_SHA256_HEADER, FILE_HASHING_HEADER]) assert.ok(exposed.includes(header), `${header} is exposed: ${exposed}`);
    const stranger = await create(server.url, 3, { Origin: 'https://elsewhere.example' });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null, 'another origin is not let in');
  });
});
