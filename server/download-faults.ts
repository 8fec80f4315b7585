/**
 * Test-only faults of `GET /files/:id`, asked for per request in the query string, each under its
 * own `key`, like the upload faults (`upload-faults.ts`). Offered only when the server's test
 * fault switch is on (`CHATDROP_UPLOAD_FAULTS=1`, set for the browser tests); never in production.
 * - `?fault=<status>&times=<n>&key=<k>`: the first `n` requests with key `k` answer `<status>`.
 * - `?fault=truncate&times=<n>&key=<k>&at=<bytes>`: the first `n` requests with key `k` get the
 *   file's headers with its full `Content-Length`, then only its first `at` bytes (default half),
 *   then the connection is dropped, as a proxy that died mid-body would.
 * Later requests with the key are served as usual, so a resumed or repeated download succeeds.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { createFaultQuery } from './fault-query.ts';
import { fileHeaders } from './downloads.ts';
import { filePath, readMetadata } from './file-store.ts';

/** A preHandler for `GET /files/:id` that injects the faults its query asks for. */
export function createDownloadFaults(filesDir: string): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const askedFault = createFaultQuery();
  return async (request, reply) => {
    const asked = askedFault(request);
    if (!asked || asked.count > asked.times) return;
    if (asked.fault === 'truncate') return truncate(request, reply, filesDir, asked.query.at);
    const status = Number(asked.fault);
    if (Number.isInteger(status) && status >= 400 && status <= 599) {
      await reply.code(status).send({ error: `Injected fault ${status}.` });
    }
  };
}

async function truncate(request: FastifyRequest, reply: FastifyReply, filesDir: string, at: string | undefined): Promise<void> {
  const id = (request.params as { id: string }).id;
  const metadata = await readMetadata(filesDir, id);
  if (metadata === undefined || metadata.size === 0) return;
  const sent = Math.min(metadata.size - 1, at === undefined ? Math.floor(metadata.size / 2) : Number(at));
  reply.hijack();
  const response = reply.raw;
  // The headers set so far (CORS among them) go out too: the reply is written by hand from here.
  const headers = reply.getHeaders() as Record<string, string>;
  response.writeHead(200, { ...headers, ...fileHeaders(id, metadata), 'Content-Length': String(metadata.size) });
  if (sent <= 0) {
    response.flushHeaders();
    setTimeout(() => response.socket?.destroy(), 50);
    return;
  }
  const stream = createReadStream(filePath(filesDir, id), { start: 0, end: sent - 1 });
  stream.on('data', (chunk) => response.write(chunk));
  // Give the bytes a moment to leave before the connection goes down.
  stream.once('end', () => setTimeout(() => response.socket?.destroy(), 50));
  stream.once('error', () => response.socket?.destroy());
}
