/**
 * `POST /upload`: one file as multipart/form-data, streamed to `<filesDir>/<random id>`, with its
 * declared name and type stored beside it (the name is data, never a path). Answers
 * `201 { url, id, name, size, mime, sha256 }`. On a closed server it needs the same JWT
 * the relay takes, as a bearer token (`auth.ts`); an `Idempotency-Key` makes a repeated upload answer the first one
 * (`idempotency.ts`). Beside it, when asked, the resumable uploads (`tus-uploads.ts`), under the same
 * token, limits and quotas.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { rm } from 'node:fs/promises';
import { cleanFileName, decodeFormFileName, normaliseMime } from './file-names.ts';
import { createFileId, filePath, readMetadata, removePartials, removeStoredFile, writeMetadata, type FileMetadata } from './file-store.ts';
import { createIdempotencyStore, readIdempotencyKey, type IdempotencyStore } from './idempotency.ts';
import type { Limits } from './limits.ts';
import { saveStream } from './save-stream.ts';
import { openUploadQuota, type Reservation, type UploadQuota } from './upload-quota.ts';
import { cutAfterGrace, dailyQuotaReached, diskQuotaReached, isStorageFull, storageFull, tooLarge } from './upload-refusals.ts';
import { claimsOf, requireToken, type Auth } from './auth.ts';
import { tusUploadRoutes, type TusUploadOptions } from './tus-uploads.ts';

/** Options of the upload route. */
export interface UploadOptions {
  /** Folder holding the stored files. */
  filesDir: string;
  /** Folder remembering idempotency keys (made on first use). */
  keysDir: string;
  /** Largest accepted file in bytes (inclusive). */
  maxFileSize: number;
  /** Who may upload: on a closed server, `Authorization: Bearer <JWT>`. */
  auth: Auth;
  /** Bytes per uploader per day and for all files (`UPLOAD_QUOTA_PER_DAY`, `UPLOAD_DISK_QUOTA`). */
  limits: Pick<Limits, 'uploadQuotaPerDay' | 'uploadDiskQuota'>;
  /**
   * Resumable uploads (tus, `tus-uploads.ts`) beside `POST /upload`, under the same token, limits
   * and quotas: where their partial files wait, and who may reach them cross-origin. Default: none.
   */
  resumable?: Pick<TusUploadOptions, 'tusDir' | 'expiryMs' | 'corsOrigins'>;
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

/** Registers `POST /upload`, and the resumable uploads when `resumable` asks for them. */
export async function uploadRoutes(app: FastifyInstance, options: UploadOptions): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: options.maxFileSize, files: 1, fields: 20, parts: 40, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  const keys = createIdempotencyStore(options.keysDir);
  const removed = await removePartials(options.filesDir);
  if (removed > 0) console.log(`Removed ${removed} files that unfinished uploads left in ${options.filesDir}.`);
  const quota = await openUploadQuota(options.filesDir, options.limits, options.maxFileSize);
  app.addHook('onClose', async () => quota.close());
  const preHandler = options.auth.isOpen ? [] : [requireToken(options.auth, cutAfterGrace)];
  app.post('/upload', { preHandler }, (request, reply) => receiveUpload(request, reply, options, keys, quota));
  if (options.resumable) await app.register(tusUploadRoutes, { ...options.resumable, filesDir: options.filesDir, maxFileSize: options.maxFileSize, auth: options.auth, limits: options.limits, quota });
}

function responseOf(id: string, metadata: FileMetadata): UploadResponse {
  const body: UploadResponse = { url: `/files/${id}`, id, name: metadata.name, size: metadata.size, mime: metadata.mime };
  return metadata.sha256 === undefined ? body : { ...body, sha256: metadata.sha256 };
}

async function receiveUpload(request: FastifyRequest, reply: FastifyReply, options: UploadOptions, keys: IdempotencyStore, quota: UploadQuota): Promise<FastifyReply> {
  if (!request.isMultipart()) {
    cutAfterGrace(request);
    return reply.code(415).send({ error: 'Send the file as multipart/form-data.' });
  }
  const key = readIdempotencyKey(request.headers['idempotency-key']);
  if (key === 'malformed') {
    cutAfterGrace(request);
    return reply.code(400).send({ error: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.' });
  }
  // Keys are per user (the token's `sub`); on an open server per address and credentials sent.
  const scope = claimsOf(request)?.user ?? `open:${request.ip}:${request.headers.authorization ?? ''}`;
  const earlierId = key === undefined ? undefined : await keys.find(key, scope);
  const earlier = earlierId === undefined ? undefined : await readMetadata(options.filesDir, earlierId);
  if (earlierId !== undefined && earlier !== undefined) {
    const part = await readFilePart(request, reply, options.maxFileSize);
    return part === undefined ? reply : replayUpload(request, reply, part.file, earlierId, earlier, options);
  }
  const length = Number(request.headers['content-length']);
  const reservation = quota.reserve(scope, Number.isSafeInteger(length) ? length : Number.POSITIVE_INFINITY);
  if ('refused' in reservation) {
    cutAfterGrace(request);
    return reservation.refused === 'day' ? dailyQuotaReached(reply, options.limits.uploadQuotaPerDay, quota) : diskQuotaReached(reply);
  }
  let kept = 0;
  try {
    const part = await readFilePart(request, reply, reservation.bytes);
    if (part === undefined) return reply;
    const answer = await storeUpload(request, reply, part, options, keys, key, scope, reservation, quota);
    kept = answer.kept;
    return answer.reply;
  } finally {
    reservation.settle(kept);
  }
}

/** The request's file part, read with a size limit of `maxBytes`; `undefined` once a 400 is sent. */
async function readFilePart(request: FastifyRequest, reply: FastifyReply, maxBytes: number): Promise<MultipartFile | undefined> {
  let part;
  try {
    part = await request.file({ limits: { fileSize: maxBytes } });
  } catch {
    await reply.code(400).send({ error: 'The multipart body could not be read.' });
    return undefined;
  }
  if (part === undefined) await reply.code(400).send({ error: 'The request holds no file.' });
  return part;
}

/** Stores a new upload within its reservation; answers the reply and the bytes kept on disk. */
async function storeUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  part: MultipartFile,
  options: UploadOptions,
  keys: IdempotencyStore,
  key: string | undefined,
  scope: string,
  reservation: Reservation,
  quota: UploadQuota,
): Promise<{ reply: FastifyReply; kept: number }> {
  const id = createFileId();
  const hash = createHash('sha256');
  const result = await saveStream(part.file, filePath(options.filesDir, id), (chunk) => hash.update(chunk));
  if (!result.stored && result.reason === 'too-large') {
    if (reservation.limitedBy === 'file') return { reply: tooLarge(request, reply, options.maxFileSize), kept: 0 };
    cutAfterGrace(request);
    return { reply: reservation.limitedBy === 'day' ? dailyQuotaReached(reply, options.limits.uploadQuotaPerDay, quota) : diskQuotaReached(reply), kept: 0 };
  }
  const done = (answer: FastifyReply, kept = 0) => ({ reply: answer, kept });
  if (!result.stored) {
    return done(isStorageFull(result.reason) ? storageFull(reply) : reply.code(400).send({ error: 'The upload did not complete.' }));
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
    if (isStorageFull(error)) return done(storageFull(reply));
    throw error;
  }
  if (key === undefined) return done(reply.code(201).send(responseOf(id, metadata)), metadata.size);
  const winner = await keys.remember(key, scope, id);
  const winning = winner === id ? metadata : await readMetadata(options.filesDir, winner);
  if (winner === id || winning === undefined) return done(reply.code(201).send(responseOf(id, metadata)), metadata.size);
  // Another upload with this key finished first, while this one was streaming: keep only that one.
  await removeStoredFile(options.filesDir, id);
  return done(answerRepeat(reply, winner, winning, metadata.sha256!, metadata.size));
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
  if (file.truncated === true) return tooLarge(request, reply, options.maxFileSize);
  return answerRepeat(reply, id, earlier, hash.digest('hex'), size);
}

function answerRepeat(reply: FastifyReply, id: string, earlier: FileMetadata, sha256: string, size: number): FastifyReply {
  const same = earlier.sha256 === undefined ? earlier.size === size : earlier.sha256 === sha256;
  if (!same) return reply.code(409).send({ error: 'This Idempotency-Key was already used for another file.' });
  return reply.code(201).send(responseOf(id, earlier));
}
