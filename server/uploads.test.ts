import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { UploadResponse } from './uploads.ts';
import { makeTempDir, startTestServer, upload } from './test-helpers.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Posts a hand-written multipart body (for names a browser's FormData would escape). */
function postRaw(url: string, filenameBytes: Buffer, content: string): Promise<{ status: number; body: string }> {
  const boundary = 'chatdrop-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="`),
    filenameBytes,
    Buffer.from(`"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`),
  ]);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/upload`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /upload', { timeout: 30_000 }, () => {
  test('stores a 1 MB file that downloads byte for byte', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(1024 * 1024 + 17);
    const response = await upload(server, bytes, 'random.bin');
    assert.equal(response.status, 201);
    const body = (await response.json()) as UploadResponse;
    assert.match(body.id, /^[A-Za-z0-9_-]{32,}$/);
    assert.equal(body.url, `/files/${body.id}`);
    assert.equal(body.size, bytes.length);
    assert.equal(body.name, 'random.bin');
    assert.equal(body.mime, 'application/octet-stream');
    const download = await fetch(new URL(body.url, `${server.url}/upload`));
    assert.equal(download.status, 200);
    assert.equal(sha256(new Uint8Array(await download.arrayBuffer())), sha256(bytes));
  });

  test('gives every upload its own long random id', async (t) => {
    const server = await startTestServer(t);
    const first = (await (await upload(server, Buffer.from('same'), 'same.txt')).json()) as UploadResponse;
    const second = (await (await upload(server, Buffer.from('same'), 'same.txt')).json()) as UploadResponse;
    assert.notEqual(first.id, second.id);
  });

  test('accepts an empty file', async (t) => {
    const server = await startTestServer(t);
    const response = await upload(server, new Uint8Array(0), 'empty.txt', 'text/plain');
    assert.equal(response.status, 201);
    const body = (await response.json()) as UploadResponse;
    assert.equal(body.size, 0);
    const download = await fetch(`${server.url}${body.url}`);
    assert.equal(download.status, 200);
    assert.equal((await download.arrayBuffer()).byteLength, 0);
  });

  test('normalises the declared type to type/subtype', async (t) => {
    const server = await startTestServer(t);
    const typed = (await (await upload(server, Buffer.from('x'), 'a.txt', 'Text/Plain; charset=UTF-8')).json()) as UploadResponse;
    assert.equal(typed.mime, 'text/plain');
    const odd = (await (await upload(server, Buffer.from('x'), 'b.bin', 'not a type')).json()) as UploadResponse;
    assert.equal(odd.mime, 'application/octet-stream');
  });

  test('accepts a file of exactly the limit and refuses one byte more with a readable 413', async (t) => {
    const server = await startTestServer(t, { maxFileSize: 1000 });
    assert.equal((await upload(server, randomBytes(1000), 'exact.bin')).status, 201);
    const response = await upload(server, randomBytes(1001), 'over.bin');
    assert.equal(response.status, 413);
    assert.deepEqual(await response.json(), { error: "The file is larger than the server's limit of 1000 bytes.", maxFileSize: 1000 });
    assert.equal((await readdir(join(server.dataDir, 'files'))).length, 2, 'only the accepted file and its metadata remain');
  });

  test('refuses a file far over the limit while streaming and leaves no partial file', async (t) => {
    const server = await startTestServer(t, { maxFileSize: 1000 });
    const response = await upload(server, randomBytes(3 * 1024 * 1024), 'huge.bin');
    assert.equal(response.status, 413);
    assert.match(((await response.json()) as { error: string }).error, /larger than the server's limit/);
    assert.deepEqual(await readdir(join(server.dataDir, 'files')), []);
    assert.equal((await upload(server, Buffer.from('still works'), 'ok.txt')).status, 201);
  });

  test('deletes the partial file when the client goes away mid-upload', async (t) => {
    const server = await startTestServer(t);
    const filesDir = join(server.dataDir, 'files');
    const req = httpRequest(`${server.url}/upload`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': '10000000' } });
    req.on('error', () => undefined);
    req.write(`--b\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\nContent-Type: application/octet-stream\r\n\r\n${'x'.repeat(256 * 1024)}`);
    const deadline = Date.now() + 5000;
    while ((await readdir(filesDir)).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await readdir(filesDir)).length, 1, 'the upload has started writing');
    req.destroy();
    while ((await readdir(filesDir)).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(await readdir(filesDir), []);
  });

  test('answers 400 to a malformed multipart body', async (t) => {
    const server = await startTestServer(t);
    for (const contentType of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      const response = await fetch(`${server.url}/upload`, { method: 'POST', headers: { 'content-type': contentType }, body: 'garbage' });
      assert.equal(response.status, 400, contentType);
    }
  });

  test('stores hostile names only as metadata, under the generated id', async (t) => {
    const sandbox = await makeTempDir(t);
    const dataDir = join(sandbox, 'data');
    const server = await startTestServer(t, { dataDir });
    const names = ['../../etc/passwd', 'a\r\nX: y.txt', '<img src=x onerror=alert(1)>.png', '..\\..\\win.ini', '..'];
    for (const name of names) {
      const response = await upload(server, Buffer.from(name), name, 'image/png');
      assert.equal(response.status, 201, name);
      const body = (await response.json()) as UploadResponse;
      assert.ok(!/[\r\n/\\]/.test(body.name), `stored name ${JSON.stringify(body.name)} has no line break or slash`);
      assert.notEqual(body.name, '');
      assert.equal(await readFile(join(dataDir, 'files', body.id), 'utf8'), name);
    }
    assert.deepEqual(await readdir(sandbox), ['data']);
    // The server's own entries only (the daily usage file with its WAL files, the resumable uploads' folder): no name became a path.
    assert.deepEqual((await readdir(dataDir)).filter((entry) => !entry.startsWith('upload-usage.sqlite')).sort(), ['files', 'rooms', 'tus']);
    const stored = await readdir(join(dataDir, 'files'));
    assert.equal(stored.length, names.length * 2);
    for (const entry of stored) assert.match(entry, /^[A-Za-z0-9_-]{32,}(\.json)?$/);
  });

  test('strips control characters from names and falls back to untitled', async (t) => {
    const server = await startTestServer(t);
    const tabbed = await postRaw(server.url, Buffer.from('a\t\u0000.php.jpg'), 'x');
    assert.equal(tabbed.status, 201);
    assert.equal((JSON.parse(tabbed.body) as UploadResponse).name, 'a.php.jpg');
    const blank = await postRaw(server.url, Buffer.from('\u0001\u0002'), 'x');
    assert.equal((JSON.parse(blank.body) as UploadResponse).name, 'untitled');
    const raw = await postRaw(server.url, Buffer.from('a\rX: y.txt'), 'x');
    assert.ok(raw.status === 201 || raw.status === 400, `status ${raw.status}`);
    if (raw.status === 201) assert.ok(!/[\r\n]/.test((JSON.parse(raw.body) as UploadResponse).name));
  });

  test('clamps a long name to 255 UTF-8 bytes, keeping the extension', async (t) => {
    const server = await startTestServer(t);
    const name = `${'学'.repeat(200)}.pdf`;
    const body = (await (await upload(server, Buffer.from('x'), name)).json()) as UploadResponse;
    assert.ok(Buffer.byteLength(body.name) <= 255);
    assert.ok(body.name.endsWith('.pdf'));
    assert.ok(body.name.startsWith('学'.repeat(80)));
  });

  test('answers 415 to a body that is not multipart and 400 to a form without a file', async (t) => {
    const server = await startTestServer(t);
    const json = await fetch(`${server.url}/upload`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(json.status, 415);
    const form = new FormData();
    form.append('note', 'no file here');
    const empty = await fetch(`${server.url}/upload`, { method: 'POST', body: form });
    assert.equal(empty.status, 400);
  });
});
