/**
 * `POST /upload`: one file as multipart/form-data, streamed to `<filesDir>/<random id>`, with its
 * declared name and type stored beside it. Answers `201 { url, id, name, size, mime }`.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rm } from 'node:fs/promises';
import { cleanFileName, decodeFormFileName, formatLimit, normaliseMime } from './file-names.ts';
import { createFileId, filePath, writeMetadata } from './file-store.ts';
import { saveStream } from './save-stream.ts';
import { createUploadFaults } from './upload-faults.ts';

/** Options of the upload route. */
export interface UploadOptions {
  /** Folder holding the stored files. */
  filesDir: string;
  /** Largest accepted file in bytes (inclusive). */
  maxFileSize: number;
  /** Test-only: inject the faults asked for in the query (see `upload-faults.ts`). */
  faults?: boolean;
}

/** What a successful upload answers. `url` is relative: the client resolves it against the endpoint. */
export interface UploadResponse {
  url: string;
  id: string;
  name: string;
  size: number;
  mime: string;
}

/** How long a refused upload may go on sending before its connection is cut, in ms. */
const DRAIN_GRACE_MS = 10_000;

/** Registers `POST /upload`. */
export async function uploadRoutes(app: FastifyInstance, options: UploadOptions): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxFileSize, files: 1, fields: 20, parts: 40, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  const preHandler = options.faults ? createUploadFaults() : async () => {};
  app.post('/upload', { preHandler }, (request, reply) => receiveUpload(request, reply, options));
}

async function receiveUpload(request: FastifyRequest, reply: FastifyReply, options: UploadOptions): Promise<FastifyReply> {
  if (!request.isMultipart()) {
    return reply.code(415).send({ error: 'Send the file as multipart/form-data.' });
  }
  let part;
  try {
    part = await request.file();
  } catch {
    return reply.code(400).send({ error: 'The multipart body could not be read.' });
  }
  if (part === undefined) {
    return reply.code(400).send({ error: 'The request holds no file.' });
  }
  const id = createFileId();
  const result = await saveStream(part.file, filePath(options.filesDir, id));
  if (!result.stored && result.reason === 'too-large') {
    cutAfterGrace(request);
    return reply.code(413).send({ error: `The file is larger than the server's limit of ${formatLimit(options.maxFileSize)}.` });
  }
  if (!result.stored) {
    return isStorageFull(result.reason) ? storageFull(reply) : reply.code(400).send({ error: 'The upload did not complete.' });
  }
  const metadata = { name: cleanFileName(decodeFormFileName(part.filename)), mime: normaliseMime(part.mimetype), size: result.size, createdAt: Date.now() };
  try {
    await writeMetadata(options.filesDir, id, metadata);
  } catch (error) {
    await rm(filePath(options.filesDir, id), { force: true });
    if (isStorageFull(error)) return storageFull(reply);
    throw error;
  }
  const body: UploadResponse = { url: `/files/${id}`, id, name: metadata.name, size: metadata.size, mime: metadata.mime };
  return reply.code(201).send(body);
}

function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function storageFull(reply: FastifyReply): FastifyReply {
  return reply.code(507).send({ error: 'The server has no room for the file right now; try again later.' });
}

/**
 * A refused upload is answered at once while the rest of its body is read and discarded, so the
 * client sees the answer instead of a reset; a client still sending after the grace is cut off.
 */
function cutAfterGrace(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded) return;
  const timer = setTimeout(() => raw.socket.destroy(), DRAIN_GRACE_MS);
  timer.unref();
  raw.once('end', () => clearTimeout(timer));
}
