/**
 * `GET` and `HEAD /files/:id`: stored files with headers that keep them from running as pages
 * (disposition by declared type against an allow-list, `nosniff`, a sandboxing CSP), single byte
 * ranges for resuming, and `304` for a cached copy. A stored file never changes: every other
 * method answers `405` (`404` when there is no such file).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { contentDisposition } from './file-names.ts';
import { filePath, readMetadata, type FileMetadata } from './file-store.ts';
import { parseRange } from './range.ts';

/** Options of the download routes. */
export interface DownloadOptions {
  /** Folder holding the stored files. */
  filesDir: string;
}

/**
 * Declared types a browser may show inline: raster images, and audio and video a media element
 * plays. SVG, HTML, XML, PDF and everything unknown are downloaded as attachments.
 */
const INLINE_TYPES = new Set([
  ...['png', 'jpeg', 'gif', 'webp', 'avif', 'bmp'].map((subtype) => `image/${subtype}`),
  ...['mpeg', 'mp4', 'aac', 'ogg', 'opus', 'wav', 'x-wav', 'webm', 'flac'].map((subtype) => `audio/${subtype}`),
  ...['mp4', 'webm', 'ogg', 'quicktime'].map((subtype) => `video/${subtype}`),
]);

/** Whether a declared type may be shown inline rather than downloaded. */
export function isInlineType(mime: string): boolean {
  return INLINE_TYPES.has(mime);
}

/**
 * Headers on every response under `/files/`, whatever its status (200, 206, 304, 404, 405, 416):
 * even an error page there can never run script, be sniffed into HTML, or leak the file URL.
 */
export const SAFE_FILE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'cross-origin',
});

/** Whether a request URL is under `/files`. */
export function isFilesPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/files' || path.startsWith('/files/');
}

/** An `onSend` hook for the whole app: adds `SAFE_FILE_HEADERS` to every answer under `/files`. */
export async function secureFileResponses(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (isFilesPath(request.url)) reply.headers(SAFE_FILE_HEADERS);
}

/** The strong validator of a stored file: its id, since a stored file never changes. */
export function etagOf(id: string): string {
  return `"${id}"`;
}

/** Headers of a stored file's `200`/`206` answer, apart from those that depend on the range. */
function fileHeaders(id: string, metadata: FileMetadata): Record<string, string> {
  return {
    ...SAFE_FILE_HEADERS,
    'Content-Type': metadata.mime,
    'Content-Disposition': contentDisposition(isInlineType(metadata.mime) ? 'inline' : 'attachment', metadata.name),
    'Cache-Control': 'private, max-age=31536000, immutable',
    'Accept-Ranges': 'bytes',
    ETag: etagOf(id),
  };
}

/** Registers `GET` and `HEAD /files/:id`, and `405` for the methods that would change a file. */
export async function downloadRoutes(app: FastifyInstance, options: DownloadOptions): Promise<void> {
  app.route<{ Params: { id: string } }>({
    method: ['GET', 'HEAD'],
    url: '/files/:id',
    handler: (request, reply) => sendFile(request, reply, options.filesDir),
  });
  app.route<{ Params: { id: string } }>({
    method: ['PUT', 'POST', 'DELETE', 'PATCH'],
    url: '/files/:id',
    // Answered before any body is read: a stored file is immutable, whoever asks (404 when there is none).
    onRequest: async (request, reply) => {
      if ((await readMetadata(options.filesDir, request.params.id)) === undefined) {
        await reply.code(404).send({ error: 'No such file.' });
        return;
      }
      await reply.code(405).header('Allow', 'GET, HEAD').send({ error: 'A stored file cannot be changed or deleted.' });
    },
    handler: async () => undefined,
  });
}

/** Whether an `If-None-Match` header names this file's ETag (or `*`). */
function matchesEtag(header: string | undefined, id: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === '*' || trimmed === etagOf(id);
  });
}

async function sendFile(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, filesDir: string): Promise<FastifyReply> {
  const { id } = request.params;
  const metadata = await readMetadata(filesDir, id);
  if (metadata === undefined) {
    return reply.code(404).send({ error: 'No such file.' });
  }
  if (matchesEtag(request.headers['if-none-match'], id)) {
    return reply.code(304).header('ETag', etagOf(id)).header('Cache-Control', 'private, max-age=31536000, immutable').send();
  }
  const ifRange = request.headers['if-range'];
  const range = ifRange === undefined || ifRange === etagOf(id) ? parseRange(request.headers.range, metadata.size) : 'full';
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
