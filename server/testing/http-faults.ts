/**
 * Test-only HTTP faults of the reference server, as a Fastify plugin the tests register
 * (`ServerOptions.plugins`; child processes run `main-with-faults.ts`). Production code knows
 * nothing of them. A test asks for a fault per request in the query string, each under its own
 * `key`; only the first `times` requests with a key (default 1) get it, later ones pass, so a
 * retried or resumed transfer succeeds. Clients: `test/helpers/upload-faults.ts` and
 * `src/upload/downloader.test-helpers.ts`.
 *
 * `POST /upload`:
 * - `?fault=<status>&times=<n>&key=<k>[&retryAfter=<v>]`: reads the body, then answers `<status>`
 *   (with `Retry-After: <v>` when given).
 * - `?fault=stall&key=<k>`: reads none of the body and never answers (every time).
 *
 * `GET /files/:id`:
 * - `?fault=<status>&times=<n>&key=<k>`: answers `<status>`.
 * - `?fault=truncate&times=<n>&key=<k>&at=<bytes>`: the real answer, headers and full
 *   `Content-Length` included, cut after `at` bytes of its body (default half, never all of it),
 *   then the connection is dropped, as a proxy that died mid-body would.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { setTimeout as delay } from 'node:timers/promises';
import { Readable } from 'node:stream';

/** A fault a test asked for in a request's query, and how many times its key has been seen. */
interface AskedFault {
  fault: string;
  /** 1 for the first request with this key, 2 for the second… */
  count: number;
  /** How many requests with the key the fault applies to (`times`, default 1). */
  times: number;
  query: Record<string, string | undefined>;
}

/** How long the bytes sent before a cut get to leave before the connection goes down, in ms. */
const CUT_DELAY_MS = 50;

/**
 * The fault plugin. It is not encapsulated (`skip-override`, as `fastify-plugin` sets), so its
 * hooks reach the routes the app registers after it.
 */
export const httpFaults: FastifyPluginAsync = Object.assign(
  async (app: FastifyInstance) => {
    const askedUploadFault = createFaultQuery();
    const askedDownloadFault = createFaultQuery();
    /** Downloads to cut short, with the `at` they asked for. */
    const cuts = new WeakMap<FastifyRequest, string | undefined>();

    app.addHook('preHandler', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route === '/upload' && request.method === 'POST') return injectUploadFault(askedUploadFault(request), request, reply);
      if (route !== '/files/:id' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const asked = askedDownloadFault(request);
      if (!asked || asked.count > asked.times) return;
      if (asked.fault === 'truncate') cuts.set(request, asked.query.at);
      else await answerStatus(asked.fault, reply);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (!cuts.has(request) || !(payload instanceof Readable)) return payload;
      const length = Number(reply.getHeader('content-length'));
      if (!(length > 0)) return payload;
      const at = cuts.get(request);
      return cutShort(payload, reply, Math.min(length - 1, at === undefined ? Math.floor(length / 2) : Number(at)));
    });
  },
  { [Symbol.for('skip-override')]: true },
);

/** Counts the requests per key of `?fault=…&key=…[&times=n]`; `undefined` when a request asks for no fault. */
function createFaultQuery(): (request: FastifyRequest) => AskedFault | undefined {
  const seen = new Map<string, number>();
  return (request) => {
    const query = request.query as Record<string, string | undefined>;
    if (!query.fault || !query.key) return undefined;
    const count = (seen.get(query.key) ?? 0) + 1;
    seen.set(query.key, count);
    return { fault: query.fault, count, times: Number(query.times ?? 1), query };
  };
}

async function injectUploadFault(asked: AskedFault | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!asked) return;
  if (asked.fault === 'stall') {
    request.raw.pause();
    reply.hijack();
    return;
  }
  if (asked.count > asked.times || !isErrorStatus(asked.fault)) return;
  for await (const _chunk of request.raw) {
    // read and drop the body, so the client sees the answer and not a reset
  }
  if (asked.query.retryAfter) reply.header('Retry-After', asked.query.retryAfter);
  await answerStatus(asked.fault, reply);
}

function isErrorStatus(fault: string): boolean {
  const status = Number(fault);
  return Number.isInteger(status) && status >= 400 && status <= 599;
}

async function answerStatus(fault: string, reply: FastifyReply): Promise<void> {
  if (isErrorStatus(fault)) await reply.code(Number(fault)).send({ error: `Injected fault ${fault}.` });
}

/**
 * The first `keep` bytes of `body`, then an error once they have had a moment to leave: Fastify
 * answers a body stream that fails after the headers went out by dropping the connection.
 */
function cutShort(body: Readable, reply: FastifyReply, keep: number): Readable {
  async function* firstBytes(): AsyncGenerator<Buffer> {
    let sent = 0;
    if (keep > 0) {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        const part = chunk.subarray(0, keep - sent);
        sent += part.length;
        yield part;
        if (sent >= keep) break;
      }
    } else {
      body.destroy();
      reply.raw.flushHeaders();
    }
    await delay(CUT_DELAY_MS);
    throw new Error('Injected fault: the body was cut short.');
  }
  return Readable.from(firstBytes(), { objectMode: false });
}
