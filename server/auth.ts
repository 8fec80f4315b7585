/**
 * Who may use the server: with token keys (`tokens.ts`) a relay join and an upload need a valid
 * JWT, and `/ws` answers only allowed `Origin`s; without keys the server runs open (the demo).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { allowsRoom, createTokenVerifier, hasTokenKeys, type TokenCheck, type TokenClaims, type TokenKeys } from './tokens.ts';

/** The server's access rules, made once at start. */
export interface Auth {
  /** Whether anyone may join any room and upload (no token keys). */
  isOpen: boolean;
  /** Checks a join's token against its user id and room; refusals are readable sentences. */
  checkJoin(token: unknown, user: string, room: string): Promise<TokenCheck>;
  /** Checks an `Authorization: Bearer <JWT>` header (uploads). */
  checkBearer(header: string | undefined): Promise<TokenCheck>;
  /** Whether a WebSocket upgrade from `origin` (its `Origin` header) to `host` (its `Host` header) is allowed. */
  allowsOrigin(origin: string | undefined, host: string | undefined): boolean;
}

/** How `createAuth` is set up. */
export interface AuthOptions extends TokenKeys {
  /**
   * Page origins allowed to open `/ws` (`ALLOWED_ORIGINS`); `*` allows any. Default: any when
   * open, else only the server's own origin. Requests without `Origin` (not from a browser) pass.
   */
  allowedOrigins?: string[];
}

/** The access rules for `options`; throws on a key that cannot be read. */
export function createAuth(options: AuthOptions): Auth {
  const isOpen = !hasTokenKeys(options);
  const verify = isOpen ? undefined : createTokenVerifier(options);
  const origins = options.allowedOrigins ?? [];
  return {
    isOpen,
    async checkJoin(token, user, room) {
      if (verify === undefined) return { ok: true, claims: { user, rooms: [room], expiresAt: Infinity } };
      const check = await verify(token);
      if (!check.ok) return check;
      if (check.claims.user !== user) return { ok: false, reason: 'The token was signed for another user.' };
      if (!allowsRoom(check.claims, room)) return { ok: false, reason: 'The token does not allow this room.' };
      return check;
    },
    async checkBearer(header) {
      if (verify === undefined) return { ok: true, claims: { user: '', rooms: [], expiresAt: Infinity } };
      const match = /^Bearer +([\x21-\x7E]+) *$/i.exec(header ?? '');
      if (!match) return { ok: false, reason: 'Uploading needs a token: send Authorization: Bearer <token>.' };
      return verify(match[1]);
    },
    allowsOrigin(origin, host) {
      if (origin === undefined || origins.includes('*')) return true;
      if (origins.length > 0) return origins.includes(origin);
      if (isOpen) return true;
      try {
        return new URL(origin).host === host;
      } catch {
        return false;
      }
    },
  };
}

/** The verified claims of a request, once `requireToken` let it through (closed servers only). */
export function claimsOf(request: FastifyRequest): TokenClaims | undefined {
  return (request as FastifyRequest & { chatdropClaims?: TokenClaims }).chatdropClaims;
}

/**
 * A preHandler refusing requests without a valid bearer JWT with 401 (`WWW-Authenticate`), after
 * calling `onRefused` (which lets the unread body drain). An expired token says so, with
 * `code: 'token-expired'`, so the widget asks its host for a fresh one.
 */
export function requireToken(auth: Auth, onRefused: (request: FastifyRequest) => void): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    if (auth.isOpen) return;
    const check = await auth.checkBearer(request.headers.authorization);
    if (check.ok) {
      (request as FastifyRequest & { chatdropClaims?: TokenClaims }).chatdropClaims = check.claims;
      return;
    }
    onRefused(request);
    const error = check.isExpired ? 'invalid_token", error_description="expired' : 'invalid_token';
    await reply
      .code(401)
      .header('WWW-Authenticate', `Bearer realm="chatdrop", error="${error}"`)
      .send({ error: check.reason, ...(check.isExpired && { code: 'token-expired' }) });
  };
}
