import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { optionsFromEnv } from './env.ts';
import { createTokenVerifier, signToken } from './tokens.ts';

const SECRET = 'test secret: long and random in real use';
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JWT tokens', () => {
  test('an HS256 token signed with the secret gives its user, name and rooms', async () => {
    const verify = createTokenVerifier({ secret: SECRET });
    const check = await verify(await signToken({ user: 'alice', name: 'Alice', rooms: ['room 1'] }, SECRET));
    assert.ok(check.ok);
    assert.deepEqual({ ...check.claims, expiresAt: undefined }, { user: 'alice', name: 'Alice', rooms: ['room 1'], expiresAt: undefined });
  });

  test('refuses missing, malformed, expired, forged, unsigned and wrongly signed tokens with a reason', async () => {
    const verify = createTokenVerifier({ secret: SECRET, issuer: 'https://host.example' });
    const good = await signToken({ user: 'alice', rooms: ['r'], issuer: 'https://host.example' }, SECRET);
    const [header, , signature] = good.split('.') as [string, string, string];
    const rsa = await generateKeyPair('RS256');
    const cases: Array<[unknown, RegExp]> = [
      [undefined, /none was given/],
      ['', /none was given/],
      [42, /not a JWT/],
      ['no-dots', /not a JWT/],
      ['a'.repeat(9000), /not a JWT/],
      [await signToken({ user: 'alice', rooms: ['r'], issuer: 'https://host.example', expiresInSeconds: -60 }, SECRET), /expired/],
      [await signToken({ user: 'alice', rooms: ['r'], issuer: 'https://host.example' }, 'another secret'), /signature/],
      [`${header}.${part({ sub: 'mallory', rooms: ['*'], exp: inAnHour(), iss: 'https://host.example' })}.${signature}`, /signature/],
      [`${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: 'mallory', rooms: ['*'], exp: inAnHour() })}.`, /algorithm/],
      [await new SignJWT({ rooms: ['r'] }).setProtectedHeader({ alg: 'RS256' }).setSubject('alice').setExpirationTime(inAnHour()).setIssuer('https://host.example').sign(rsa.privateKey), /algorithm/],
      [await signToken({ user: 'alice', rooms: ['r'], issuer: 'https://evil.example' }, SECRET), /iss/],
      [await new SignJWT({ rooms: ['r'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('https://host.example').sign(new TextEncoder().encode(SECRET)), /exp/],
    ];
    for (const [input, reason] of cases) {
      const result = await verify(input);
      assert.equal(result.ok, false, String(input));
      assert.match(result.ok ? '' : result.reason, reason, String(input));
    }
    assert.ok((await verify(good)).ok);
  });

  test('an RS256 token is verified with a PEM public key, and with a JWKS URL', async (t) => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ rooms: ['r'], name: 'Bob' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('bob').setExpirationTime(inAnHour()).sign(privateKey);
    const byPem = await createTokenVerifier({ publicKey: await exportSPKI(publicKey) })(token);
    assert.ok(byPem.ok && byPem.claims.user === 'bob' && byPem.claims.name === 'Bob');
    assert.match(((await createTokenVerifier({ publicKey: await exportSPKI(publicKey) })(await signToken({ user: 'bob', rooms: ['r'] }, SECRET))) as { reason: string }).reason, /algorithm/);

    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
    const keyServer = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify(jwks)));
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => keyServer.close(() => resolve())));
    const byJwks = createTokenVerifier({ jwksUrl: `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/jwks.json` });
    const checked = await byJwks(token);
    assert.ok(checked.ok && checked.claims.user === 'bob');
    const other = await generateKeyPair('RS256');
    const stranger = await new SignJWT({ rooms: ['r'] }).setProtectedHeader({ alg: 'RS256', kid: 'k2' }).setSubject('bob').setExpirationTime(inAnHour()).sign(other.privateKey);
    assert.match(((await byJwks(stranger)) as { reason: string }).reason, /key this server does not know/);
  });

  test('the settings come from JWT_* and ALLOWED_ORIGINS, and a bad key stops the start', () => {
    assert.deepEqual(optionsFromEnv({ JWT_SECRET: 's3cret', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).auth, {
      secret: 's3cret',
      issuer: 'i',
      audience: 'a',
      allowedOrigins: ['https://a.example', 'https://b.example'],
    });
    assert.equal(optionsFromEnv({}).auth, undefined);
    assert.throws(() => createTokenVerifier({ publicKey: 'not a key' }), /JWT_PUBLIC_KEY/);
    assert.throws(() => createTokenVerifier({ secret: 'a', jwksUrl: 'https://keys.example' }), /exactly one/);
  });
});
