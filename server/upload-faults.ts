/**
 * Test-only faults of `POST /upload`, asked for per request in the query string, each under its
 * own `key` (see test/helpers/upload-faults.ts). Offered only when `uploadFaults` is on
 * (`CHATDROP_UPLOAD_FAULTS=1`, set for the browser tests); never in production.
 * - `?fault=<status>&times=<n>&key=<k>[&retryAfter=<v>]`: the first `n` requests with key `k`
 *   read the body and answer `<status>` (with `Retry-After: <v>` when given); later ones pass.
 * - `?fault=stall&key=<k>`: reads none of the body and never answers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createFaultQuery } from './fault-query.ts';

/** A preHandler for `POST /upload` that injects the faults its query asks for. */
export function createUploadFaults(): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const askedFault = createFaultQuery();
  return async (request, reply) => {
    const asked = askedFault(request);
    if (!asked) return;
    const { fault, count, times, query } = asked;
    if (fault === 'stall') {
      request.raw.pause();
      reply.hijack();
      return;
    }
    const status = Number(fault);
    if (!Number.isInteger(status) || count > times) return;
    for await (const _chunk of request.raw) {
      // read and drop the body, so the client sees the answer and not a reset
    }
    if (query.retryAfter) reply.header('Retry-After', query.retryAfter);
    await reply.code(status).send({ error: `Injected fault ${status}.` });
  };
}
