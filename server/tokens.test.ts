import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { optionsFromEnv } from './env.ts';
import { checkJoinToken, signToken, verifyToken } from './tokens.ts';
import { connect, startTestServer, textMessage } from './test-helpers.ts';

const SECRET = 'test secret: long and random in real use';
const inAnHour = () => Date.now() + 3_600_000;

describe('signed tokens', () => {
  test('verify what was signed, and nothing tampered with', () => {
    const token = signToken({ user: 'alice', room: 'room 1', expiresAt: inAnHour() }, SECRET);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const check = verifyToken(token, SECRET);
    assert.ok(check.ok);
    assert.equal(check.claims.user, 'alice');
    assert.equal(check.claims.room, 'room 1');
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ user: 'mallory', room: 'room 1', expiresAt: inAnHour() })).toString('base64url');
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /none was given/],
      ['', /none was given/],
      [42, /malformed/],
      ['no-dot', /malformed/],
      [`${payload}.${signature}.x`, /malformed/],
      [`${forged}.${signature}`, /signature/],
      [`${payload}.${signature.slice(0, -2)}`, /signature/],
      [`${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`, /signature/],
      [signToken({ user: 'alice', room: 'room 1', expiresAt: inAnHour() }, 'another secret'), /signature/],
      [signToken({ user: 'alice', room: 'room 1', expiresAt: Date.now() - 1 }, SECRET), /expired/],
      ['a'.repeat(5000) + '.b', /malformed/],
    ];
    for (const [input, reason] of cases) {
      const result = verifyToken(input, SECRET);
      assert.equal(result.ok, false, String(input));
      assert.match(result.ok ? '' : result.reason, reason, String(input));
    }
  });

  test('bind a join to exactly one user and room', () => {
    const token = signToken({ user: 'alice', room: 'r', expiresAt: inAnHour() }, SECRET);
    assert.equal(checkJoinToken(token, SECRET, 'alice', 'r'), undefined);
    assert.match(checkJoinToken(token, SECRET, 'bob', 'r') ?? '', /another user/);
    assert.match(checkJoinToken(token, SECRET, 'alice', 'r2') ?? '', /another room/);
  });

  test('npm start reads the secret from CHATDROP_SECRET', () => {
    assert.equal(optionsFromEnv({ CHATDROP_SECRET: 's3cret' }).secret, 's3cret');
    assert.equal(optionsFromEnv({ CHATDROP_SECRET: '' }).secret, undefined);
    assert.equal(optionsFromEnv({}).secret, undefined);
  });
});

describe('relay with a secret', { timeout: 30_000 }, () => {
  test('refuses a join without a valid token for its user and room, closing with 4001', async (t) => {
    const server = await startTestServer(t, { secret: SECRET });
    const attempts: Array<[string | undefined, RegExp]> = [
      [undefined, /none was given/],
      ['garbage', /malformed/],
      [signToken({ user: 'bob', room: 'room', expiresAt: inAnHour() }, SECRET), /another user/],
      [signToken({ user: 'alice', room: 'other', expiresAt: inAnHour() }, SECRET), /another room/],
      [signToken({ user: 'alice', room: 'room', expiresAt: Date.now() - 1000 }, SECRET), /expired/],
      [signToken({ user: 'alice', room: 'room', expiresAt: inAnHour() }, 'wrong secret'), /signature/],
    ];
    for (const [token, reason] of attempts) {
      const client = await connect(t, server);
      client.send({ type: 'join', room: 'room', user: { id: 'alice' }, ...(token !== undefined && { token }) });
      assert.match((await client.take('error')).reason, reason);
      assert.equal(await client.closed, 4001);
      assert.equal(client.pending.filter((frame) => frame.type === 'joined').length, 0);
    }
  });

  test('lets a signed user join and send as themselves only', async (t) => {
    const server = await startTestServer(t, { secret: SECRET });
    const client = await connect(t, server);
    client.send({ type: 'join', room: 'room', user: { id: 'alice' }, token: signToken({ user: 'alice', room: 'room', expiresAt: inAnHour() }, SECRET) });
    await client.take('joined');
    const forged = textMessage('room', 'bob', 'I am bob');
    client.send({ type: 'send', message: forged });
    assert.match((await client.take('error')).reason, /sender/);
    const honest = textMessage('room', 'alice', 'hi');
    client.send({ type: 'send', message: honest });
    assert.deepEqual(await client.take('ack'), { type: 'ack', id: honest.id, seq: 1 });
  });
});
