/**
 * The module worker that hashes files and decodes and scales images off the main thread.
 * Started by `describe-file.ts`; bundled as its own entry (`dist/thumbnail-worker.js`).
 * Requests are answered as they finish: a quick description is not held behind a long hash.
 */
import { describeBytes, type ByteTask } from './describe-bytes.ts';
import type { FileDescription } from './thumbnails.ts';

/** A file to describe or hash. The File travels by reference (structured clone): no bytes are copied. */
export interface DescribeRequest {
  id: number;
  file: Blob;
  task: ByteTask;
  isImage: boolean;
  /** The wire's thumbnail limit (`MAX_THUMBNAIL_CHARS`): the worker imports nothing the page's code does. */
  maxThumbnailChars: number;
}

/** The answer to the request with the same `id`. */
export interface DescribeResponse {
  id: number;
  description: FileDescription;
}

self.addEventListener('message', (event: MessageEvent<DescribeRequest>) => {
  const { id, file, task, isImage, maxThumbnailChars } = event.data;
  void describeBytes(file, task, isImage, maxThumbnailChars).then((description) => self.postMessage({ id, description } satisfies DescribeResponse));
});
