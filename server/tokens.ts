/**
 * Signed join tokens: when the relay has a secret (`CHATDROP_SECRET`), a `join` must carry a token
 * the host's backend signed for exactly that user id and room, not yet expired. A token is
 * `base64url(JSON claims) + "." + base64url(HMAC-SHA256(secret, first part))`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token grants: joining `room` as user id `user` until `expiresAt`. */
export interface TokenClaims {
  /** The user id the connection may speak as. */
  user: string;
  /** The room the connection may join. */
  room: string;
  /** Milliseconds since the epoch after which the token is refused. */
  expiresAt: number;
}

/** The outcome of `verifyToken`: the claims, or a sentence saying why the token was refused. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

/** Longest token read, in characters: anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 4096;

function signature(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(payload, 'utf8').digest();
}

/**
 * Signs claims with the secret. A host's backend calls this (or does the same in its own language)
 * once it knows who the user is, and hands the token to the widget.
 */
export function signToken(claims: TokenClaims, secret: string): string {
  if (secret === '') throw new Error('A token needs a non-empty secret.');
  const payload = Buffer.from(JSON.stringify({ user: claims.user, room: claims.room, expiresAt: claims.expiresAt }), 'utf8').toString('base64url');
  return `${payload}.${signature(payload, secret).toString('base64url')}`;
}

/**
 * Checks a token's shape, its signature (compared in constant time) and its expiry, and returns
 * its claims. It does not compare them with a join: the caller does.
 */
export function verifyToken(token: unknown, secret: string, now: number = Date.now()): TokenCheck {
  if (token === undefined || token === null || token === '') return { ok: false, reason: 'This relay needs a signed token to join, and none was given.' };
  if (typeof token !== 'string') return { ok: false, reason: 'The token is malformed.' };
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [payload, signed] = parts;
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (parts.length !== 2 || !base64url.test(payload!) || !base64url.test(signed!)) return { ok: false, reason: 'The token is malformed.' };
  const expected = signature(payload!, secret);
  const given = Buffer.from(signed!, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'The token signature is not valid.' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'The token is malformed.' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'The token is malformed.' };
  if (claims.expiresAt <= now) return { ok: false, reason: 'The token has expired.' };
  return { ok: true, claims: { user: claims.user, room: claims.room, expiresAt: claims.expiresAt } };
}

/**
 * Whether a verified token allows joining `room` as `user`; a sentence saying why not otherwise.
 * Used by the relay on every `join` when it has a secret.
 */
export function checkJoinToken(token: unknown, secret: string, user: string, room: string, now: number = Date.now()): string | undefined {
  const check = verifyToken(token, secret, now);
  if (!check.ok) return check.reason;
  if (check.claims.user !== user) return 'The token was signed for another user.';
  if (check.claims.room !== room) return 'The token was signed for another room.';
  return undefined;
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.user === 'string' && typeof record.room === 'string' && typeof record.expiresAt === 'number' && Number.isFinite(record.expiresAt);
}
