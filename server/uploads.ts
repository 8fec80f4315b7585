/**
 * `POST /upload`: one file as multipart/form-data, streamed to `<filesDir>/<random id>`, with its
 * declared name and type stored beside it (the name is data, never a path). Answers
 * `201 { url, id, name, size, mime, sha256 }`. Optionally needs a bearer token
 * (`upload-auth.ts`); an `Idempotency-Key` makes a repeated upload answer the first one
 * (`idempotency.ts`).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { rm } from 'node:fs/promises';
import { cleanFileName, decodeFormFileName, formatLimit, normaliseMime } from './file-names.ts';
import { createFileId, filePath, readMetadata, removeStoredFile, writeMetadata, type FileMetadata } from './file-store.ts';
import { createIdempotencyStore, readIdempotencyKey, type IdempotencyStore } from './idempotency.ts';
import { saveStream } from './save-stream.ts';
import { requireUploadToken } from './upload-auth.ts';

/** Options of the upload route. */
export interface UploadOptions {
  /** Folder holding the stored files. */
  filesDir: string;
  /** Folder remembering idempotency keys (made on first use). */
  keysDir: string;
  /** Largest accepted file in bytes (inclusive). */
  maxFileSize: number;
  /** When set (non-empty), uploads need `Authorization: Bearer <uploadToken>`. */
  uploadToken?: string;
}

/** What a successful upload answers. `url` is relative: the client resolves it against the endpoint. */
export interface UploadResponse {
  url: string;
  id: string;
  name: string;
  size: number;
  mime: string;
  /** Hex sha256 of the stored bytes. */
  sha256?: string;
}

/** How long a refused upload may go on sending before its connection is cut, in ms. */
const DRAIN_GRACE_MS = 10_000;

/** Registers `POST /upload`. */
export async function uploadRoutes(app: FastifyInstance, options: UploadOptions): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxFileSize, files: 1, fields: 20, parts: 40, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  const keys = createIdempotencyStore(options.keysDir);
  const preHandler = options.uploadToken ? [requireUploadToken(options.uploadToken, cutAfterGrace)] : [];
  app.post('/upload', { preHandler }, (request, reply) => receiveUpload(request, reply, options, keys));
}

function responseOf(id: string, metadata: FileMetadata): UploadResponse {
  const body: UploadResponse = { url: `/files/${id}`, id, name: metadata.name, size: metadata.size, mime: metadata.mime };
  return metadata.sha256 === undefined ? body : { ...body, sha256: metadata.sha256 };
}

async function receiveUpload(request: FastifyRequest, reply: FastifyReply, options: UploadOptions, keys: IdempotencyStore): Promise<FastifyReply> {
  if (!request.isMultipart()) {
    cutAfterGrace(request);
    return reply.code(415).send({ error: 'Send the file as multipart/form-data.' });
  }
  const key = readIdempotencyKey(request.headers['idempotency-key']);
  if (key === 'malformed') {
    cutAfterGrace(request);
    return reply.code(400).send({ error: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.' });
  }
  const scope = request.headers.authorization ?? '';
  const earlierId = key === undefined ? undefined : await keys.find(key, scope);
  const earlier = earlierId === undefined ? undefined : await readMetadata(options.filesDir, earlierId);
  let part;
  try {
    part = await request.file();
  } catch {
    return reply.code(400).send({ error: 'The multipart body could not be read.' });
  }
  if (part === undefined) {
    return reply.code(400).send({ error: 'The request holds no file.' });
  }
  if (earlierId !== undefined && earlier !== undefined) {
    return replayUpload(request, reply, part.file, earlierId, earlier, options);
  }
  const id = createFileId();
  const hash = createHash('sha256');
  const result = await saveStream(part.file, filePath(options.filesDir, id), (chunk) => hash.update(chunk));
  if (!result.stored && result.reason === 'too-large') return tooLarge(request, reply, options);
  if (!result.stored) {
    return isStorageFull(result.reason) ? storageFull(reply) : reply.code(400).send({ error: 'The upload did not complete.' });
  }
  const metadata: FileMetadata = {
    name: cleanFileName(decodeFormFileName(part.filename)),
    mime: normaliseMime(part.mimetype),
    size: result.size,
    createdAt: Date.now(),
    sha256: hash.digest('hex'),
  };
  try {
    await writeMetadata(options.filesDir, id, metadata);
  } catch (error) {
    await rm(filePath(options.filesDir, id), { force: true });
    if (isStorageFull(error)) return storageFull(reply);
    throw error;
  }
  if (key === undefined) return reply.code(201).send(responseOf(id, metadata));
  const winner = await keys.remember(key, scope, id);
  const winning = winner === id ? metadata : await readMetadata(options.filesDir, winner);
  if (winner === id || winning === undefined) return reply.code(201).send(responseOf(id, metadata));
  // Another upload with this key finished first, while this one was streaming: keep only that one.
  await removeStoredFile(options.filesDir, id);
  return answerRepeat(reply, winner, winning, metadata.sha256!, metadata.size);
}

/**
 * A repeat of an upload that completed: its bytes are read and hashed, never stored; the answer is
 * the original `201` when they are the same file, `409` when the key was used for another file.
 */
async function replayUpload(request: FastifyRequest, reply: FastifyReply, file: Readable & { truncated?: boolean }, id: string, earlier: FileMetadata, options: UploadOptions): Promise<FastifyReply> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of file as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
  } catch {
    return reply.code(400).send({ error: 'The upload did not complete.' });
  }
  if (file.truncated === true) return tooLarge(request, reply, options);
  return answerRepeat(reply, id, earlier, hash.digest('hex'), size);
}

function answerRepeat(reply: FastifyReply, id: string, earlier: FileMetadata, sha256: string, size: number): FastifyReply {
  const same = earlier.sha256 === undefined ? earlier.size === size : earlier.sha256 === sha256;
  if (!same) return reply.code(409).send({ error: 'This Idempotency-Key was already used for another file.' });
  return reply.code(201).send(responseOf(id, earlier));
}

function tooLarge(request: FastifyRequest, reply: FastifyReply, options: UploadOptions): FastifyReply {
  cutAfterGrace(request);
  // `maxFileSize` lets a client say the limit in its own language.
  return reply.code(413).send({ error: `The file is larger than the server's limit of ${formatLimit(options.maxFileSize)}.`, maxFileSize: options.maxFileSize });
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
