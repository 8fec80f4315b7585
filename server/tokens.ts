/**
 * Join and upload tokens are standard JWTs, verified with `jose`. A host's backend signs one, in
 * any language, once it knows who the user is, and hands it to the widget (`token`). Claims:
 * `sub` the user id, `name` the display name the room shows, `rooms` the rooms it may join (`"*"`:
 * any), `exp` when it stops working (required). Keys: an HS256 secret, a PEM public key (RS256,
 * ES256…) or a JWKS URL; `iss` and `aud` are checked when configured.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';

/** What a verified token grants. */
export interface TokenClaims {
  /** The user id the connection speaks as (`sub`). */
  user: string;
  /** The name shown for the user (`name`); the user id when the token has none. */
  name?: string;
  /** The rooms it may join (`rooms`); `"*"` stands for any room. */
  rooms: string[];
  /** Milliseconds since the epoch after which the token is refused (`exp`). */
  expiresAt: number;
}

/** Where a verifier finds its key: exactly one of `secret`, `publicKey`, `jwksUrl`. */
export interface TokenKeys {
  /** A shared HS256 secret (`JWT_SECRET`). */
  secret?: string;
  /** A PEM public key (`JWT_PUBLIC_KEY`): RS256 for RSA keys, ES256/384/512 for EC keys, EdDSA for Ed25519. */
  publicKey?: string;
  /** A JWKS URL (`JWT_JWKS_URL`) whose keys sign the tokens; fetched and cached by `jose`. */
  jwksUrl?: string;
  /** When set, the token's `iss` must equal it (`JWT_ISSUER`). */
  issuer?: string;
  /** When set, the token's `aud` must hold it (`JWT_AUDIENCE`). */
  audience?: string;
}

/** The outcome of a check: the claims, or a sentence saying why the token was refused. */
export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string; isExpired?: boolean };

/** Checks a token; never throws. */
export type TokenVerifier = (token: unknown) => Promise<TokenCheck>;

/** Longest token read, in characters: anything longer is refused unread. */
export const MAX_TOKEN_LENGTH = 8192;

/** Why an expired token was refused; the widget asks its host for a fresh token when it reads it. */
export const EXPIRED_REASON = 'The token has expired.';

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Whether keys name any way to verify a token. */
export function hasTokenKeys(keys: TokenKeys): boolean {
  return Boolean(keys.secret || keys.publicKey || keys.jwksUrl);
}

/** A verifier for tokens signed with `keys`; throws at once on a key that cannot be read. */
export function createTokenVerifier(keys: TokenKeys): TokenVerifier {
  const given = [keys.secret, keys.publicKey, keys.jwksUrl].filter(Boolean).length;
  if (given !== 1) throw new Error('Set exactly one of JWT_SECRET, JWT_PUBLIC_KEY and JWT_JWKS_URL.');
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if (keys.secret) {
    key = new TextEncoder().encode(keys.secret);
    algorithms = ['HS256'];
  } else if (keys.publicKey) {
    key = readPublicKey(keys.publicKey);
    algorithms = ASYMMETRIC_ALGORITHMS;
  } else {
    key = createRemoteJWKSet(new URL(keys.jwksUrl!));
    algorithms = ASYMMETRIC_ALGORITHMS;
  }
  const options = { algorithms, requiredClaims: ['exp', 'sub'], ...(keys.issuer && { issuer: keys.issuer }), ...(keys.audience && { audience: keys.audience }) };
  return async (token) => {
    if (token === undefined || token === null || token === '') return { ok: false, reason: 'This server needs a signed token (a JWT), and none was given.' };
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'The token is malformed: it is not a JWT.' };
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, options);
      const rooms = Array.isArray(payload.rooms) ? payload.rooms.filter((room): room is string => typeof room === 'string') : [];
      const name = typeof payload.name === 'string' && payload.name.trim() !== '' ? payload.name.slice(0, 256) : undefined;
      return { ok: true, claims: { user: payload.sub!, rooms, expiresAt: payload.exp! * 1000, ...(name !== undefined && { name }) } };
    } catch (error) {
      return refusal(error);
    }
  };
}

/** The readable refusal for an error of `jwtVerify`. */
function refusal(error: unknown): TokenCheck {
  if (error instanceof errors.JWTExpired) return { ok: false, reason: EXPIRED_REASON, isExpired: true };
  if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'The token signature is not valid.' };
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return { ok: false, reason: 'The token is not signed with an algorithm this server accepts.' };
  }
  if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, reason: 'The token is signed with a key this server does not know.' };
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claim = error.claim === 'sub' ? 'user id (sub)' : error.claim === 'exp' ? 'expiry (exp)' : error.claim;
    return { ok: false, reason: `The token's ${claim} claim is missing or not accepted.` };
  }
  if (error instanceof errors.JOSEError && /JWKS|fetch|timed out/i.test(error.message)) {
    return { ok: false, reason: 'The keys that verify tokens could not be fetched; try again later.' };
  }
  return { ok: false, reason: 'The token is malformed: it is not a JWT.' };
}

function readPublicKey(pem: string): KeyObject {
  try {
    return createPublicKey(pem.replace(/\\n/g, '\n'));
  } catch {
    throw new Error('JWT_PUBLIC_KEY is not a PEM public key.');
  }
}

/** What `signToken` puts in a token. */
export interface TokenGrant {
  user: string;
  name?: string;
  rooms: string[];
  /** Seconds from now until it expires (`exp`); may be negative (tests). Default 3600. */
  expiresInSeconds?: number;
  issuer?: string;
  audience?: string;
}

/**
 * Signs an HS256 token: for tests and the demo. A host's backend does the same with its own JWT
 * library (any language), or signs with a private key the server knows the public half of.
 */
export async function signToken(grant: TokenGrant, secret: string): Promise<string> {
  if (secret === '') throw new Error('A token needs a non-empty secret.');
  const jwt = new SignJWT({ rooms: grant.rooms, ...(grant.name !== undefined && { name: grant.name }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(grant.user)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (grant.expiresInSeconds ?? 3600));
  if (grant.issuer) jwt.setIssuer(grant.issuer);
  if (grant.audience) jwt.setAudience(grant.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Whether the claims allow joining `room`. */
export function allowsRoom(claims: TokenClaims, room: string): boolean {
  return claims.rooms.includes('*') || claims.rooms.includes(room);
}
