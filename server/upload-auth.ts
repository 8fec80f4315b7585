/**
 * The optional bearer token for uploads (`UPLOAD_TOKEN`, `ServerOptions.uploadToken`): when set,
 * `POST /upload` needs `Authorization: Bearer <token>`. No token (or another scheme) answers 401
 * with `WWW-Authenticate`; a wrong token answers 403. Checked before any of the body is read.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Why a request may not upload: `401` (no credentials) or `403` (wrong ones); `undefined` when it may. */
export function checkUploadAuthorization(header: string | undefined, token: string): 401 | 403 | undefined {
  const match = /^Bearer +([\x21-\x7E]+) *$/i.exec(header ?? '');
  if (!match) return 401;
  // Digests have equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(match[1]!), digest(token)) ? undefined : 403;
}

/**
 * A preHandler for `POST /upload` that refuses requests without the right token, calling
 * `onRefused` (which lets the unread body drain) before answering.
 */
export function requireUploadToken(token: string, onRefused: (request: FastifyRequest) => void): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const refusal = checkUploadAuthorization(request.headers.authorization, token);
    if (refusal === undefined) return;
    onRefused(request);
    if (refusal === 401) {
      await reply.code(401).header('WWW-Authenticate', 'Bearer realm="chatdrop-upload"').send({ error: 'Uploading needs a token: send Authorization: Bearer <token>.' });
      return;
    }
    await reply.code(403).send({ error: 'The upload token is not valid.' });
  };
}
