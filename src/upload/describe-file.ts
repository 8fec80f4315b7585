import { fileKind } from '../model/format.ts';
import { MAX_THUMBNAIL_CHARS } from '../model/safe-url.ts';
import type { FileDescription } from './thumbnails.ts';
import type { ByteTask } from './describe-bytes.ts';
import type { DescribeRequest, DescribeResponse } from './thumbnail-worker.ts';

/** An idle worker is ended after this long, so a quiet page holds no thread. */
const WORKER_IDLE_MS = 30_000;

/** Longest wait for the worker's answer: 10 s plus 20 MB/s of reading (a hash reads every byte). A worker past it is ended. */
const answerTimeoutMs = (file: Blob) => 10_000 + file.size / 20_000;

let worker: Worker | undefined;
let isWorkerUnavailable = false;
let nextRequestId = 1;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** Waiting requests; `undefined` answers "the worker is gone, describe in the page". */
const pending = new Map<number, (description: FileDescription | undefined) => void>();

function stopWorker(): void {
  worker?.terminate();
  worker = undefined;
  for (const answer of pending.values()) answer(undefined);
  pending.clear();
}

/** The worker, started on first use; `undefined` where module workers or OffscreenCanvas are missing or it failed to load. */
function startWorker(): Worker | undefined {
  if (worker || isWorkerUnavailable) return worker;
  if (typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined') {
    isWorkerUnavailable = true;
    return undefined;
  }
  try {
    // esbuild does not bundle workers: scripts/build.mjs builds this file as its own entry and
    // points this URL at `thumbnail-worker.js` beside the bundle.
    worker = new Worker(new URL('./thumbnail-worker.ts', import.meta.url), { type: 'module', name: 'chatdrop-thumbnails' });
  } catch {
    isWorkerUnavailable = true; // e.g. a Content-Security-Policy without worker-src
    return undefined;
  }
  worker.addEventListener('message', (event: MessageEvent<DescribeResponse>) => {
    pending.get(event.data.id)?.(event.data.description);
    pending.delete(event.data.id);
  });
  // The worker answers every request itself, so an error event means it could not load or run.
  worker.addEventListener('error', () => {
    isWorkerUnavailable = true;
    stopWorker();
  });
  return worker;
}

/**
 * Starts the worker ahead of the first file it describes (its code loads as it starts), ended
 * again after `WORKER_IDLE_MS` if no file comes.
 */
export function warmDescribing(): void {
  if (!startWorker() || pending.size > 0) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stopWorker, WORKER_IDLE_MS);
}

function describeInWorker(file: Blob, task: ByteTask, isImage: boolean): Promise<FileDescription | undefined> {
  const thread = startWorker();
  if (!thread) return Promise.resolve(undefined);
  clearTimeout(idleTimer);
  const id = nextRequestId++;
  return new Promise((resolve) => {
    // A worker that never answers (killed, or stuck on a hostile file) must not hold the queue.
    const timer = setTimeout(() => {
      pending.get(id)?.({});
      pending.delete(id);
      stopWorker();
    }, answerTimeoutMs(file));
    pending.set(id, (description) => {
      clearTimeout(timer);
      if (pending.size <= 1) idleTimer = setTimeout(stopWorker, WORKER_IDLE_MS);
      resolve(description);
    });
    thread.postMessage({ id, file, task, isImage, maxThumbnailChars: MAX_THUMBNAIL_CHARS } satisfies DescribeRequest);
  });
}

async function describeInPage(file: Blob, task: ByteTask, isImage: boolean): Promise<FileDescription> {
  const { describeBytes } = await import('./describe-bytes.ts');
  return describeBytes(file, task, isImage, MAX_THUMBNAIL_CHARS);
}

async function describeMedia(file: Blob, kind: 'video' | 'audio'): Promise<FileDescription> {
  const { describeAudio, describeVideo } = await import('./media-metadata.ts');
  return kind === 'video' ? describeVideo(file) : describeAudio(file);
}

/** Options of `describeFile`. */
export interface DescribeFileOptions {
  /** Hash and decode in a worker (default); `false` does it in the page, as where workers are missing. */
  offThread?: boolean;
}

async function describeNow(file: File, { offThread = true }: DescribeFileOptions): Promise<FileDescription> {
  const kind = fileKind(file.type);
  const isImage = kind === 'image';
  const media = kind === 'video' || kind === 'audio' ? describeMedia(file, kind).catch(() => ({})) : undefined;
  const bytes = (offThread ? await describeInWorker(file, 'describe', isImage) : undefined) ?? (await describeInPage(file, 'describe', isImage));
  return { ...bytes, ...(await media) };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * What the message should say about a file besides its name, size and hash, found quickly (no
 * read of every byte: see `hashFile`): for images size, thumbnail and thumbhash placeholder
 * (decoding and scaling in a worker); for video duration, size and poster; for audio duration.
 * Files are described one at a time, so many large files at once never hold many decoded images.
 * Never rejects: what could not be found is left out.
 */
export function describeFile(file: File, options: DescribeFileOptions = {}): Promise<FileDescription> {
  const described = queue.then(() => describeNow(file, options));
  queue = described.catch(() => undefined);
  return described.catch(() => ({}));
}

/**
 * The hex sha256 of a file's bytes, made in the worker from its own reads (in the page where
 * there is no worker), so it runs beside the upload instead of before it; `undefined` when it
 * could not be made. Not queued behind `describeFile`: it is as long as the file.
 */
export async function hashFile(file: Blob, { offThread = true }: DescribeFileOptions = {}): Promise<string | undefined> {
  try {
    const answer = (offThread ? await describeInWorker(file, 'hash', false) : undefined) ?? (await describeInPage(file, 'hash', false));
    return answer.sha256;
  } catch {
    return undefined;
  }
}
