/**
 * `GET` and `HEAD /files/:id`: stored files with headers that keep them from running as pages
 * (disposition by declared type against an allow-list, `nosniff`, a sandboxing CSP), and single
 * byte ranges for resuming.
 */
import { create as contentDisposition } from 'content-disposition';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { filePath, readMetadata, type FileMetadata } from './file-store.ts';
import { parseRange } from './range.ts';

/** Options of the download route. */
export interface DownloadOptions {
  /** Folder holding the stored files. */
  filesDir: string;
}

/** Raster image types a browser may show inline. SVG and anything that can script are not among them. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** Whether a declared type may be shown inline rather than downloaded. */
export function isInlineType(mime: string): boolean {
  return INLINE_IMAGES.has(mime) || /^(audio|video)\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(mime);
}

/** Headers every file response carries, apart from those that depend on the range. */
export function fileHeaders(id: string, metadata: FileMetadata): Record<string, string> {
  return {
    'Content-Type': metadata.mime,
    'Content-Disposition': contentDisposition(metadata.name, { type: isInlineType(metadata.mime) ? 'inline' : 'attachment' }),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Accept-Ranges': 'bytes',
    ETag: `"${id}"`,
  };
}

/** Registers `GET` and `HEAD /files/:id`. */
export async function downloadRoutes(app: FastifyInstance, options: DownloadOptions): Promise<void> {
  app.route<{ Params: { id: string } }>({
    method: ['GET', 'HEAD'],
    url: '/files/:id',
    handler: (request, reply) => sendFile(request, reply, options.filesDir),
  });
}

async function sendFile(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, filesDir: string): Promise<FastifyReply> {
  const { id } = request.params;
  const metadata = await readMetadata(filesDir, id);
  if (metadata === undefined) {
    return reply.code(404).send({ error: 'No such file.' });
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === `"${id}"` ? parseRange(request.headers.range, metadata.size) : 'full';
  if (range === 'unsatisfiable') {
    reply.header('Accept-Ranges', 'bytes').header('Content-Range', `bytes */${metadata.size}`);
    return reply.code(416).send({ error: 'The requested range is outside the file.' });
  }
  reply.headers(fileHeaders(id, metadata));
  const { start, end } = range === 'full' ? { start: 0, end: metadata.size - 1 } : range;
  if (range !== 'full') {
    reply.code(206).header('Content-Range', `bytes ${start}-${end}/${metadata.size}`);
  }
  reply.header('Content-Length', String(end - start + 1));
  if (request.method === 'HEAD' || metadata.size === 0) {
    return reply.send();
  }
  return reply.send(createReadStream(filePath(filesDir, id), { start, end }));
}
