// CASES.md "Server endpoints" rows S1–S7 against the real reference server. Parts already covered
// in server/uploads.test.ts and server/downloads.test.ts are not repeated here (see the report's
// row map); this file adds what they lacked.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { optionsFromEnv } from '../../server/env.ts';
import { signToken } from '../../server/tokens.ts';
import { assertSafeFileHeaders, eventually, multipart, send, sha256, startTestServer, stored, storedEntries, uploadFile } from './case-helpers.ts';

/** Writes raw bytes to the server and reads until it closes or goes quiet; answers the text. */
function rawExchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let text = '';
    const timer = setTimeout(() => socket.destroy(), 2000);
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on('error', reject);
    socket.end(bytes);
  });
}

describe('CASES Server endpoints S1–S7 against the reference server', { timeout: 30_000 }, () => {
  test('S1: on a closed server, no credentials or a bad token get 401, and nothing is stored', async (t) => {
    assert.equal(optionsFromEnv({ JWT_SECRET: 's3cret' }).auth?.secret, 's3cret', 'npm start reads JWT_SECRET');
    const server = await startTestServer(t, { auth: { secret: 's3cret' } });
    const bytes = randomBytes(2 * 1024 * 1024);
    const missing = await uploadFile(server.url, 'a.bin', 'application/octet-stream', bytes);
    assert.equal(missing.status, 401);
    assert.match(missing.json.error ?? '', /needs a token/);
    const basic = await send(server.url, { method: 'POST', path: '/upload', headers: { authorization: 'Basic czNjcmV0' } });
    assert.equal(basic.status, 401);
    assert.match(String(basic.headers['www-authenticate']), /^Bearer/);
    const forged = await signToken({ user: 'alice', rooms: ['*'] }, 'not the secret');
    for (const wrong of ['Bearer s3cret', `Bearer ${forged}`, `Bearer ${await signToken({ user: 'alice', rooms: ['*'], expiresInSeconds: -1 }, 's3cret')}`]) {
      assert.equal((await uploadFile(server.url, 'a.bin', 'application/octet-stream', bytes, { authorization: wrong })).status, 401, wrong);
    }
    assert.deepEqual(await storedEntries(server.dataDir), [], 'refused uploads store nothing');
    const allowed = await uploadFile(server.url, 'a.bin', 'application/octet-stream', bytes, { authorization: `Bearer ${await signToken({ user: 'alice', rooms: ['*'] }, 's3cret')}` });
    assert.equal(allowed.status, 201);
    assert.equal((await send(server.url, { path: allowed.json.url })).status, 200, 'downloads are capability URLs: no token needed');
  });

  test('S2: a Content-Length shorter than the body (a lying length) ends in 400 and stores nothing', async (t) => {
    const server = await startTestServer(t, { maxFileSize: 64 * 1024 });
    const { body, contentType } = multipart('liar.bin', 'application/octet-stream', randomBytes(200 * 1024));
    const head = `POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n`;
    const answer = await rawExchange(server.port, Buffer.concat([Buffer.from(head), body]));
    assert.match(answer, /^HTTP\/1\.1 400 /);
    // The cut multipart fails its save, which deletes the partial file before answering.
    await eventually(async () => (await storedEntries(server.dataDir)).length === 0, 2000, 'the partial file to go');
    assert.equal((await uploadFile(server.url, 'ok.txt', 'text/plain', Buffer.from('still up'))).status, 201);
  });

  test('S3: ids are 192-bit random strings with no shared prefix, and enumerating /files/1..N finds nothing', async (t) => {
    const server = await startTestServer(t);
    const ids: string[] = [];
    for (let index = 0; index < 40; index++) ids.push((await stored(server.url, 'same.txt', 'text/plain', Buffer.from('same'))).id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{32}$/);
    const prefixes = new Set(ids.map((id) => id.slice(0, 4)));
    assert.ok(prefixes.size >= 38, `ids share no long prefix (${prefixes.size} distinct 4-char prefixes of 40)`);
    for (let n = 1; n <= 200; n++) assert.equal((await send(server.url, { path: `/files/${n}` })).status, 404, `/files/${n}`);
    const neighbour = ids[0]!.slice(0, -1) + (ids[0]!.endsWith('A') ? 'B' : 'A');
    assert.equal((await send(server.url, { path: `/files/${neighbour}` })).status, 404, 'a neighbouring id');
  });

  test('S4: a stored file is immutable: PUT, POST, DELETE and PATCH answer 405 with Allow: GET, HEAD', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(4096);
    const file = await stored(server.url, 'keep.bin', 'application/octet-stream', bytes);
    const bodies: Array<[string, Buffer]> = [['application/octet-stream', randomBytes(100)], ['application/json', Buffer.from('{"name":"x"}')], ['text/plain', Buffer.from('x')]];
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      for (const [type, body] of bodies) {
        const answer = await send(server.url, { method, path: file.url, headers: { 'content-type': type, 'content-length': body.length }, body });
        assert.equal(answer.status, 405, `${method} ${type}`);
        assert.equal(answer.headers.allow, 'GET, HEAD');
        assertSafeFileHeaders(answer.headers, `${method} ${type}`);
      }
    }
    assert.equal(sha256((await send(server.url, { path: file.url })).body), sha256(bytes), 'the bytes are unchanged');
    assert.equal((await storedEntries(server.dataDir)).length, 2);
  });

  test('S4/X6: a repeated upload with a completed Idempotency-Key answers the original 201 and stores nothing new', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(300_000);
    const key = { 'idempotency-key': crypto.randomUUID() };
    const first = await uploadFile(server.url, 'once.bin', 'application/octet-stream', bytes, key);
    assert.equal(first.status, 201);
    const again = await uploadFile(server.url, 'once.bin', 'application/octet-stream', bytes, key);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.equal((await storedEntries(server.dataDir)).length, 2, 'one file and its metadata');
    const other = await uploadFile(server.url, 'other.bin', 'application/octet-stream', randomBytes(1000), key);
    assert.equal(other.status, 409, 'the key was used for another file');
    assert.equal((await storedEntries(server.dataDir)).length, 2);
    const scoped = await uploadFile(server.url, 'once.bin', 'application/octet-stream', bytes, { ...key, authorization: 'Bearer someone-else' });
    assert.notEqual(scoped.json.id, first.json.id, 'keys are scoped by credentials');
    assert.equal((await uploadFile(server.url, 'x.bin', 'application/octet-stream', bytes, { 'idempotency-key': 'bad key' })).status, 400);
  });

  test('S5: Range bytes=0-, If-Range with the ETag or another, bytes=-0 and junk are answered correctly', async (t) => {
    const server = await startTestServer(t);
    const bytes = randomBytes(1000);
    const file = await stored(server.url, 'r.bin', 'application/octet-stream', bytes);
    const get = (headers: Record<string, string>) => send(server.url, { path: file.url, headers });
    const whole = await get({ range: 'bytes=0-' });
    assert.equal(whole.status, 206);
    assert.equal(whole.headers['content-range'], 'bytes 0-999/1000');
    assert.equal(sha256(whole.body), sha256(bytes));
    const resumed = await get({ range: 'bytes=600-', 'if-range': `"${file.id}"` });
    assert.equal(resumed.status, 206);
    assert.deepEqual(resumed.body, bytes.subarray(600));
    const changed = await get({ range: 'bytes=600-', 'if-range': '"another-version"' });
    assert.equal(changed.status, 200, 'a stale validator gets the whole file');
    assert.equal(changed.body.length, 1000);
    assert.equal((await get({ range: 'bytes=-0' })).status, 416);
    assert.equal((await get({ range: 'bytes=abc' })).status, 200);
    const empty = await stored(server.url, 'e.bin', 'application/octet-stream', new Uint8Array(0));
    assert.equal((await send(server.url, { path: empty.url, headers: { range: 'bytes=0-' } })).status, 200);
  });

  test('S6: a preflight with Authorization is answered only for configured origins, exposing ETag and Content-Range', async (t) => {
    const origin = 'https://host.example';
    const server = await startTestServer(t, { corsOrigins: [origin] });
    const preflight = (from: string, path: string, method: string) =>
      send(server.url, { method: 'OPTIONS', path, headers: { origin: from, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,idempotency-key' } });
    const allowed = await preflight(origin, '/upload', 'POST');
    assert.equal(allowed.headers['access-control-allow-origin'], origin);
    assert.match(String(allowed.headers['access-control-allow-headers']).toLowerCase(), /authorization.*idempotency-key/);
    assert.equal(allowed.headers['access-control-allow-methods'], 'POST');
    for (const stranger of ['https://evil.example', 'null', 'https://host.example.evil.example']) {
      assert.equal((await preflight(stranger, '/upload', 'POST')).headers['access-control-allow-origin'], undefined, stranger);
    }
    const file = await stored(server.url, 'c.txt', 'text/plain', Buffer.from('cors'));
    assert.equal((await preflight(origin, file.url, 'GET')).headers['access-control-allow-methods'], 'GET, HEAD');
    const real = await send(server.url, { path: file.url, headers: { origin } });
    assert.equal(real.headers['access-control-allow-origin'], origin);
    const exposed = String(real.headers['access-control-expose-headers']).toLowerCase().split(/\s*,\s*/);
    for (const name of ['etag', 'content-range', 'content-length', 'content-disposition', 'retry-after']) assert.ok(exposed.includes(name), name);
  });

  test('S7: every answer under /files carries nosniff, the sandboxing CSP, no-referrer and CORP, whatever its status', async (t) => {
    const server = await startTestServer(t);
    const file = await stored(server.url, 'p.png', 'image/png', randomBytes(100));
    const answers: Array<[string, Parameters<typeof send>[1], number]> = [
      ['200', { path: file.url }, 200],
      ['HEAD', { method: 'HEAD', path: file.url }, 200],
      ['206', { path: file.url, headers: { range: 'bytes=10-' } }, 206],
      ['304', { path: file.url, headers: { 'if-none-match': `"${file.id}"` } }, 304],
      ['416', { path: file.url, headers: { range: 'bytes=999-' } }, 416],
      ['404 unknown id', { path: `/files/${'A'.repeat(32)}` }, 404],
      ['404 deeper path', { path: `/files/${file.id}/x` }, 404],
      ['404 bare folder', { path: '/files' }, 404],
      ['405', { method: 'DELETE', path: file.url }, 405],
    ];
    for (const [what, options, status] of answers) {
      const answer = await send(server.url, options);
      assert.equal(answer.status, status, what);
      assertSafeFileHeaders(answer.headers, what);
    }
    const cached = await send(server.url, { path: file.url, headers: { 'if-none-match': `"${file.id}"` } });
    assert.equal(cached.headers.etag, `"${file.id}"`);
    assert.equal(cached.body.length, 0);
  });
});
