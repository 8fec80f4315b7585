import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import WebSocket from 'ws';
// @ts-expect-error: a plain JavaScript module shared with the test scripts
import { startServerProcess } from '../scripts/server-process.mjs';
import type { RunningServer } from './app.ts';
import { OPEN_NOTICE } from './serve.ts';
import { signToken } from './tokens.ts';
import { connect, makeTempDir, startTestServer, textMessage, type TestClient } from './test-helpers.ts';

const SECRET = 'test secret: long and random in real use';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function joinWith(t: TestContext, server: RunningServer, token: string | undefined, user = 'alice', room = 'room', name?: string): Promise<TestClient> {
  const client = await connect(t, server);
  client.send({ type: 'join', room, user: { id: user, ...(name !== undefined && { name }) }, ...(token !== undefined && { token }) });
  return client;
}

async function uploadAs(server: RunningServer, authorization: string | undefined, bytes: string, key?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'text/plain' }), 'a.txt');
  const headers: Record<string, string> = { ...(authorization !== undefined && { authorization }), ...(key !== undefined && { 'idempotency-key': key }) };
  const response = await fetch(`${server.url}/upload`, { method: 'POST', body: form, headers });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Opens `/ws` with an `Origin` header; resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(t: TestContext, server: RunningServer, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/ws`, { origin });
    t.after(() => socket.terminate());
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
  });
}

describe('a closed relay (JWT)', { timeout: 30_000 }, () => {
  test('accepts HS256 and RS256 tokens for the user and room', async (t) => {
    const hs = await startTestServer(t, { auth: { secret: SECRET } });
    const alice = await joinWith(t, hs, await signToken({ user: 'alice', rooms: ['room'] }, SECRET));
    await alice.take('joined');

    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const rs = await startTestServer(t, { auth: { publicKey: await exportSPKI(publicKey) } });
    const token = await new SignJWT({ rooms: ['*'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('bob').setExpirationTime('1h').sign(privateKey);
    const bob = await joinWith(t, rs, token, 'bob', 'any room');
    await bob.take('joined');
  });

  test('refuses missing, expired, forged, unsigned, wrong-user and wrong-room tokens with a reason, closing with 4001', async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET } });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'alice', rooms: ['*'], exp: 9999999999 })).toString('base64url')}.`;
    const attempts: Array<[string | undefined, RegExp]> = [
      [undefined, /none was given/],
      ['garbage', /not a JWT/],
      [await signToken({ user: 'alice', rooms: ['room'], expiresInSeconds: -5 }, SECRET), /expired/],
      [await signToken({ user: 'alice', rooms: ['room'] }, 'wrong secret'), /signature/],
      [unsigned, /algorithm/],
      [await signToken({ user: 'bob', rooms: ['room'] }, SECRET), /another user/],
      [await signToken({ user: 'alice', rooms: ['other'] }, SECRET), /does not allow this room/],
    ];
    for (const [token, reason] of attempts) {
      const client = await joinWith(t, server, token);
      const error = await client.take('error');
      assert.match(error.reason, reason);
      assert.equal(error.code, /expired/.test(error.reason) ? 'token-expired' : undefined);
      assert.equal(await client.closed, 4001);
      assert.equal(client.pending.filter((frame) => frame.type === 'joined').length, 0);
    }
  });

  test('shows the name from the token, not the one the client claims', async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET } });
    const eve = await joinWith(t, server, await signToken({ user: 'eve', name: 'Eve', rooms: ['room'] }, SECRET), 'eve', 'room', 'Alice (admin)');
    await eve.take('joined');
    const bob = await joinWith(t, server, await signToken({ user: 'bob', rooms: ['room'] }, SECRET), 'bob');
    await bob.take('joined');
    eve.send({ type: 'send', message: { ...textMessage('room', 'eve', 'I am the admin'), sender: { id: 'eve', name: 'Alice (admin)' } } });
    await eve.take('ack');
    assert.deepEqual((await bob.take('message')).message.sender, { id: 'eve', name: 'Eve' });
    const late = await joinWith(t, server, await signToken({ user: 'carol', rooms: ['room'] }, SECRET), 'carol');
    assert.deepEqual((await late.take('joined')).messages[0]?.sender, { id: 'eve', name: 'Eve' }, 'history stores the token name too');
  });

  test('refuses /ws from an origin not in the allow-list with 403, and lets listed ones in', async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET, allowedOrigins: ['https://host.example'] } });
    assert.equal(await upgradeStatus(t, server, 'https://evil.example'), 403);
    assert.equal(await upgradeStatus(t, server, 'https://host.example'), 101);
    const sameSiteOnly = await startTestServer(t, { auth: { secret: SECRET } });
    assert.equal(await upgradeStatus(t, sameSiteOnly, 'https://evil.example'), 403, 'closed without a list: own origin only');
    assert.equal(await upgradeStatus(t, sameSiteOnly, sameSiteOnly.url), 101);
  });
});

describe('uploads on a closed server', { timeout: 30_000 }, () => {
  test('need the same JWT: none or a bad one is 401, an expired one says so, a valid one 201', async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET } });
    const missing = await uploadAs(server, undefined, 'x');
    assert.equal(missing.status, 401);
    assert.match(String(missing.json.error), /needs a token/);
    assert.equal((await uploadAs(server, 'Bearer garbage', 'x')).status, 401);
    assert.equal((await uploadAs(server, `Bearer ${await signToken({ user: 'alice', rooms: ['room'] }, 'wrong secret')}`, 'x')).status, 401);
    const expired = await uploadAs(server, `Bearer ${await signToken({ user: 'alice', rooms: ['room'], expiresInSeconds: -5 }, SECRET)}`, 'x');
    assert.deepEqual([expired.status, expired.json.code], [401, 'token-expired']);
    assert.equal((await uploadAs(server, `Bearer ${await signToken({ user: 'alice', rooms: ['room'] }, SECRET)}`, 'x')).status, 201);
  });

  test('a HEAD of an upload refused for an expired token says so in a header a page of another origin can read (it has no body)', async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET }, corsOrigins: ['http://page.example'] });
    const expired = `Bearer ${await signToken({ user: 'alice', rooms: ['room'], expiresInSeconds: -5 }, SECRET)}`;
    const answer = await fetch(`${server.url}/tus/${'a'.repeat(32)}`, { method: 'HEAD', headers: { authorization: expired, 'tus-resumable': '1.0.0', origin: 'http://page.example' } });
    assert.equal(answer.status, 401);
    assert.match(answer.headers.get('www-authenticate') ?? '', /error_description="expired"/);
    const exposed = (answer.headers.get('access-control-expose-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    assert.ok(exposed.includes('www-authenticate'), `exposed: ${exposed.join(', ')}`);
  });

  test("an Idempotency-Key reused by another user never returns the first user's file", async (t) => {
    const server = await startTestServer(t, { auth: { secret: SECRET } });
    const alice = `Bearer ${await signToken({ user: 'alice', rooms: ['room'] }, SECRET)}`;
    const mallory = `Bearer ${await signToken({ user: 'mallory', rooms: ['room'] }, SECRET)}`;
    const first = await uploadAs(server, alice, 'alice secret', 'key-1');
    const again = await uploadAs(server, `Bearer ${await signToken({ user: 'alice', rooms: ['room'], expiresInSeconds: 7200 }, SECRET)}`, 'alice secret', 'key-1');
    assert.equal(again.json.id, first.json.id, 'the same user with a fresh token gets the original answer');
    const other = await uploadAs(server, mallory, 'mallory file', 'key-1');
    assert.equal(other.status, 201);
    assert.notEqual(other.json.id, first.json.id);
  });
});

describe('URLs in messages', { timeout: 30_000 }, () => {
  test('refuses non-http(s) attachment URLs and non-raster thumbnails with an error frame', async (t) => {
    const server = await startTestServer(t);
    const alice = await connect(t, server);
    alice.send({ type: 'join', room: 'room', user: { id: 'alice' } });
    await alice.take('joined');
    const file = { name: 'a.png', size: 10, mime: 'image/png' };
    const refused: Array<[object, RegExp]> = [
      [{ ...file, url: 'javascript:alert(1)' }, /http or https/],
      [{ ...file, url: ' \tJaVaScRiPt:alert(1)' }, /http or https/],
      [{ ...file, url: 'data:text/html,<script>alert(1)</script>' }, /http or https/],
      [{ ...file, url: 'file:///etc/passwd' }, /http or https/],
      [{ ...file, url: 'https://files.example/a.png', thumbnail: 'data:image/svg+xml;base64,PHN2Zz4=' }, /thumbnail/],
      [{ ...file, url: 'https://files.example/a.png', thumbnail: 'data:text/html;base64,PGI+' }, /thumbnail/],
      [{ ...file, url: 'https://files.example/a.png', thumbnail: 'https://files.example/t.png' }, /thumbnail/],
    ];
    for (const [attachment, reason] of refused) {
      const message = { ...textMessage('room', 'alice', 'look'), attachments: [attachment] };
      alice.send({ type: 'send', message });
      const error = await alice.take('error', (frame) => frame.id === message.id);
      assert.match(error.reason, reason, JSON.stringify(attachment));
    }
    const fine = { ...textMessage('room', 'alice', 'look'), attachments: [{ ...file, url: '/files/abc', thumbnail: 'data:image/webp;base64,UklGRg==' }] };
    alice.send({ type: 'send', message: fine });
    assert.equal((await alice.take('ack')).id, fine.id);
    assert.equal((await alice.take('ack', () => true, 300).catch(() => undefined)), undefined, 'nothing refused was stored');
  });
});

describe('starting the server', { timeout: 60_000 }, () => {
  const run = (env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (/user=bob/.test(stdout)) child.kill('SIGTERM');
      });
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  test('a production start without token keys refuses to run open, with a clear message', async (t) => {
    const { code, stdout, stderr } = await run({ NODE_ENV: 'production', DATA_DIR: await makeTempDir(t), ALLOW_OPEN: '' });
    assert.notEqual(code, 0);
    assert.match(stderr, /production server needs tokens: set JWT_SECRET/);
    assert.doesNotMatch(stdout, /user=alice/);
  });

  test('a production start with ALLOW_OPEN=1, or with a key, starts', async (t) => {
    const open = await startServerProcess({ dataDir: await makeTempDir(t), env: { NODE_ENV: 'production', ALLOW_OPEN: '1' } });
    t.after(() => open.stop());
    assert.equal((await fetch(open.url)).status < 500, true);
    const closed = await startServerProcess({ dataDir: await makeTempDir(t), env: { NODE_ENV: 'production', JWT_SECRET: SECRET } });
    t.after(() => closed.stop());
    assert.equal(closed.addresses.length, 2);
  });

  test("the demo start's first line says it runs open, and the two addresses follow", async (t) => {
    const { stdout } = await run({ NODE_ENV: '', DATA_DIR: await makeTempDir(t) });
    const lines = stdout.split('\n');
    assert.equal(lines[0], OPEN_NOTICE);
    assert.match(lines[0]!, /OPEN, for trying it locally only/);
    assert.equal(stdout.match(/http:\/\/\S+\?room=demo&user=\w+/g)?.length, 2);
  });
});
