/**
 * The answers an upload gets when it is refused (too large, over a quota, no room on disk), shared
 * by `POST /upload` (`uploads.ts`) and the resumable uploads (`tus-uploads.ts`): the same sentences
 * and `maxFileSize`, so the widget says them the same way whichever protocol carried the file.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatLimit } from './file-names.ts';
import type { UploadQuota } from './upload-quota.ts';

/** How long a refused upload may go on sending before its connection is cut, in ms. */
const DRAIN_GRACE_MS = 10_000;

/** 413 with the server's limit (`maxFileSize` lets a client say it in its own language). */
export function tooLarge(request: FastifyRequest, reply: FastifyReply, maxFileSize: number): FastifyReply {
  cutAfterGrace(request);
  return reply.code(413).send({ error: `The file is larger than the server's limit of ${formatLimit(maxFileSize)}.`, maxFileSize });
}

/** 429 until midnight UTC: the uploader's bytes of the day are used up. */
export function dailyQuotaReached(reply: FastifyReply, uploadQuotaPerDay: number, quota: UploadQuota): FastifyReply {
  // Hours away: past the widget's longest automatic wait, so it shows the sentence instead of retrying.
  reply.header('Retry-After', String(Math.ceil(quota.msToNextDay() / 1000)));
  return reply.code(429).send({ error: `You have used today's upload allowance of ${formatLimit(uploadQuotaPerDay)}; try again tomorrow.` });
}

/** 507: all stored files together have reached the disk quota. */
export function diskQuotaReached(reply: FastifyReply): FastifyReply {
  return reply.code(507).send({ error: 'The server has no room left for files; ask its host to free some, or try again later.' });
}

/** Whether an error says the disk (or the user's disk quota) is full. */
export function isStorageFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** 507: the disk itself is full. */
export function storageFull(reply: FastifyReply): FastifyReply {
  return reply.code(507).send({ error: 'The server has no room for the file right now; try again later.' });
}

/**
 * A refused upload is answered at once while the rest of its body is read and discarded, so the
 * client sees the answer instead of a reset; a client still sending after the grace is cut off.
 */
export function cutAfterGrace(request: FastifyRequest): void {
  const raw = request.raw;
  if (raw.readableEnded) return;
  const timer = setTimeout(() => raw.socket.destroy(), DRAIN_GRACE_MS);
  timer.unref();
  raw.once('end', () => clearTimeout(timer));
}
