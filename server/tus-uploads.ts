/**
 * Resumable uploads, by the tus protocol (1.0, https://tus.io): `POST /tus/` creates an upload
 * of a declared length, `PATCH /tus/<id>` appends bytes at an offset, `HEAD /tus/<id>` tells the
 * offset the server holds, so a client cut off (network, server restart) continues from there
 * rather than from byte 0; `DELETE` drops an unfinished one. `@tus/server` speaks the protocol over
 * the raw request; this module puts the server's rules around it: the same bearer JWT as
 * `POST /upload` (and only its creator may touch an upload), the same largest file and quotas, the
 * same refusal sentences. A whole upload moves to the files folder (`tus-store.ts`) and its final
 * `PATCH` (or a later `HEAD`) says where it is: `Chatdrop-File-Url: /files/<id>` (relative to the
 * endpoint) and `Chatdrop-File-Type` (the type stored). Unfinished uploads expire
 * (`resumableUploadExpiryMs`, default 24 h) and are removed hourly.
 */
import { Server, EXPOSED_HEADERS as TUS_HEADERS } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { claimsOf, requireToken, type Auth } from './auth.ts';
import { createFileId, isFileId, type FileMetadata } from './file-store.ts';
import type { Limits } from './limits.ts';
import { FILE_HASHING_HEADER, FILE_HEADERS, FILE_SHA256_HEADER, FILE_TYPE_HEADER, FILE_URL_HEADER } from '../src/upload/tus-headers.ts';
import { readBodiesFromNode } from './tus-node-bodies.ts';
import { FinishingFileStore, UPLOADER_KEY } from './tus-store.ts';
import { cutAfterGrace, dailyQuotaReached, diskQuotaReached, tooLarge } from './upload-refusals.ts';
import type { Reservation, UploadQuota } from './upload-quota.ts';

/** Where the tus endpoint is mounted: uploads are created at `/tus/` and live at `/tus/<id>`. */
export const TUS_PATH = '/tus';

/** Headers a cross-origin tus client must read besides `Retry-After`: the protocol's own, and what the server says of the file. */
export const TUS_EXPOSED_HEADERS = [...TUS_HEADERS.split(', '), ...FILE_HEADERS];

/** The methods of the tus protocol the endpoint answers (never `GET`: files are fetched from `/files/<id>`). */
export const TUS_METHODS = ['POST', 'HEAD', 'PATCH', 'DELETE'];

/** Whether a request path is the tus endpoint's. */
export function isTusPath(path: string): boolean {
  return path === TUS_PATH || path.startsWith(`${TUS_PATH}/`);
}

/** How often expired uploads are looked for, at most. */
const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** Options of the tus endpoint. */
export interface TusUploadOptions {
  /** Where finished uploads go (the files folder of `file-store.ts`). */
  filesDir: string;
  /** Where unfinished uploads wait (made if missing). */
  tusDir: string;
  /** Largest accepted file in bytes (inclusive): a larger `Upload-Length` is refused with 413. */
  maxFileSize: number;
  /** Who may upload: on a closed server, `Authorization: Bearer <JWT>` on every request. */
  auth: Auth;
  limits: Pick<Limits, 'uploadQuotaPerDay'>;
  /** The quotas `POST /upload` counts against too: an upload reserves its whole length when it is created. */
  quota: UploadQuota;
  /** An upload not finished this long after its creation is gone (410) and removed, in ms; `0`: never. */
  expiryMs: number;
  /** Origins allowed to upload cross-origin (`*`: any); tus's own answers carry them. */
  corsOrigins: string[];
}

/** What a `POST` was admitted with, until the tus server has created the upload. */
interface Admission {
  id: string;
  uploader: string;
}

/** The raw Node request under a tus request (`@tus/server` wraps it with srvx). */
const rawOf = (request: Request) => (request as Request & { runtime?: { node?: { req: IncomingMessage } } }).runtime?.node?.req;

/** Registers the tus endpoint at `TUS_PATH` (in its own plugin scope: bodies are left unread for tus). */
export async function tusUploadRoutes(app: FastifyInstance, options: TusUploadOptions): Promise<void> {
  await mkdir(options.tusDir, { recursive: true });
  /** Room held by each upload not handed over yet, settled when it is (by its last `PATCH` or a later `HEAD`), is dropped or expires. */
  const reservations = new Map<string, Reservation>();
  const admissions = new WeakMap<IncomingMessage, Admission>();
  const settle = (id: string, stored: number) => {
    reservations.get(id)?.settle(stored);
    reservations.delete(id);
  };
  const store = new FinishingFileStore({
    directory: options.tusDir,
    filesDir: options.filesDir,
    expiryMs: options.expiryMs,
    onHandedOver: (id, stored) => settle(id, stored.size),
  });
  const origins = options.corsOrigins;

  const tus = new Server({
    path: TUS_PATH,
    datastore: store,
    maxSize: options.maxFileSize,
    relativeLocation: true,
    disableTerminationForFinishedUploads: true,
    allowedOrigins: (origin) => origins.includes('*') || origins.includes(origin),
    exposedHeaders: [...FILE_HEADERS, 'Retry-After'],
    namingFunction: (request) => admissionOf(request)?.id ?? createFileId(),
    onUploadCreate: async (request, upload) => ({ metadata: { ...upload.metadata, [UPLOADER_KEY]: admissionOf(request)?.uploader ?? null } }),
    onUploadFinish: async (_request, upload) => ({ headers: fileHeaders(upload.id, await store.finish(upload)) }),
  });
  // Bodies are read from the Node request, not through web streams: a third less CPU per upload (tus-node-bodies.ts).
  readBodiesFromNode(tus, store, rawOf);
  const admissionOf = (request: Request) => {
    const raw = rawOf(request);
    return raw && admissions.get(raw);
  };

  // Uploads from before a restart not handed over yet hold their room again, whole ones too: their bytes count once handed over.
  for (const pending of await store.pending()) {
    const reservation = options.quota.reserve(pending.uploader ?? 'restarted', pending.size);
    if (!('refused' in reservation)) reservations.set(pending.id, reservation);
  }
  const sweep = () =>
    store.removeExpired().then(
      (removed) => removed.forEach((id) => settle(id, 0)),
      (error: unknown) => console.error('Could not remove expired resumable uploads:', error),
    );
  await sweep();
  const sweeper = options.expiryMs > 0 ? setInterval(() => void sweep(), Math.min(options.expiryMs, SWEEP_INTERVAL_MS)) : undefined;
  sweeper?.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  // tus reads the bodies itself, from the raw request.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  const authorize = requireToken(options.auth, cutAfterGrace);
  const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
    // A CORS preflight carries no credentials; @fastify/cors answers it for allowed origins.
    if (request.method !== 'OPTIONS' && !options.auth.isOpen) await authorize(request, reply);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const id = request.method === 'POST' ? undefined : idOf(request.url);
    if (request.method === 'POST') {
      const admitted = admit(request, reply, options);
      if (!('id' in admitted)) return admitted;
      admissions.set(request.raw, admitted);
      reservations.set(admitted.id, admitted.reservation);
    } else if (id !== undefined) {
      const refused = await checkOwner(request, reply, id);
      if (refused) return refused;
      if (request.method === 'HEAD') {
        const stored = await store.completed(id);
        if (stored) for (const [name, value] of Object.entries(fileHeaders(id, stored))) reply.raw.setHeader(name, value);
      }
    }
    if (request.method === 'POST' || request.method === 'HEAD') reply.raw.setHeader(FILE_HASHING_HEADER, 'sha256');
    reply.hijack();
    try {
      await tus.handle(request.raw, reply.raw);
    } catch (error) {
      console.error(`${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      reply.raw.destroy();
    }
    const status = reply.raw.statusCode;
    const created = admissions.get(request.raw)?.id;
    // A creation refused by tus, or a termination, gives back the room held.
    if (created !== undefined && status !== 201 && !(await store.record(created))) settle(created, 0);
    if (id !== undefined && request.method === 'DELETE' && status === 204) settle(id, 0);
  };

  /** On a closed server, an upload is reached only with the token of the user who created it (others get 404). */
  const checkOwner = async (request: FastifyRequest, reply: FastifyReply, id: string) => {
    if (options.auth.isOpen) return undefined;
    const record = await store.record(id);
    if (!record || record.metadata?.[UPLOADER_KEY] === claimsOf(request)?.user) return undefined;
    cutAfterGrace(request);
    return reply.code(404).send({ error: 'No such upload.' });
  };

  for (const url of [TUS_PATH, `${TUS_PATH}/*`]) {
    app.route({ method: [...TUS_METHODS, 'OPTIONS'], url, preHandler, handler });
  }

  /** Whether a new upload may start: its length known, within the file limit and the quotas; the room is held at once. */
  function admit(request: FastifyRequest, reply: FastifyReply, { maxFileSize, quota, limits }: TusUploadOptions): (Admission & { reservation: Reservation }) | FastifyReply {
    const length = Number(request.headers['upload-length']);
    if (request.headers['upload-length'] === undefined || !Number.isSafeInteger(length) || length < 0) {
      return reply.code(400).send({ error: 'A resumable upload must say its length (Upload-Length).' });
    }
    if (length > maxFileSize) return tooLarge(request, reply, maxFileSize);
    const uploader = claimsOf(request)?.user ?? `open:${request.ip}`;
    const reservation = quota.reserve(uploader, length);
    if (!('refused' in reservation) && reservation.bytes >= length) return { id: createFileId(), uploader, reservation };
    let refused: 'day' | 'disk' | 'file';
    if ('refused' in reservation) refused = reservation.refused;
    else {
      reservation.settle(0);
      refused = reservation.limitedBy;
    }
    if (refused === 'file') return tooLarge(request, reply, maxFileSize);
    cutAfterGrace(request);
    return refused === 'day' ? dailyQuotaReached(reply, limits.uploadQuotaPerDay, quota) : diskQuotaReached(reply);
  }
}

/** The upload id a request path names (`/tus/<id>`), when it has the shape of one. */
function idOf(url: string): string | undefined {
  const id = url.split('?')[0]!.slice(TUS_PATH.length + 1);
  return isFileId(id) ? id : undefined;
}

/** Where a finished upload's file is, its stored type and the sha256 of its bytes. */
function fileHeaders(id: string, stored: FileMetadata): Record<string, string> {
  return { [FILE_URL_HEADER]: `/files/${id}`, [FILE_TYPE_HEADER]: stored.mime, ...(stored.sha256 && { [FILE_SHA256_HEADER]: stored.sha256 }) };
}
