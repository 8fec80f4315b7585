/** Streaming an upload to disk, chunk by chunk, stopping at the size limit. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { partialPath } from './file-store.ts';

/** How a save ended: stored with its size, or abandoned (partial file already deleted). */
export type SaveResult = { stored: true; size: number } | { stored: false; reason: 'too-large' | Error };

/**
 * Writes `source` to a new file at `target`, under a temporary name (`partialPath`) renamed to
 * `target` only once it is whole, so `target` never holds part of a file. `source` signals the size limit
 * with a `limit` event and a `truncated` flag (as busboy's file streams do): the save is then
 * abandoned at once, the rest of the source is drained and discarded, and the partial file
 * deleted before the promise settles. A failed save deletes its partial file the same way.
 * `onChunk` sees every chunk written, in order (to hash the file as it streams by).
 */
export function saveStream(source: Readable, target: string, onChunk?: (chunk: Buffer) => void): Promise<SaveResult> {
  return new Promise((resolve) => {
    const partial = partialPath(target);
    const out = createWriteStream(partial, { flags: 'wx' });
    let failure: 'too-large' | Error | undefined;
    const abandon = (reason: 'too-large' | Error): void => {
      if (failure !== undefined) return;
      failure = reason;
      source.unpipe(out);
      source.resume();
      out.destroy();
    };
    source.once('limit', () => abandon('too-large'));
    source.once('error', (error: Error) => abandon(error));
    source.once('close', () => {
      if (!source.readableEnded) abandon(new Error('the upload ended early'));
    });
    out.once('error', (error: Error) => abandon(error));
    out.once('close', () => {
      if (failure === undefined && out.writableFinished) {
        rename(partial, target).then(
          () => resolve({ stored: true, size: out.bytesWritten }),
          (error: Error) => rm(partial, { force: true }).finally(() => resolve({ stored: false, reason: error })),
        );
        return;
      }
      const reason = failure ?? new Error('the upload ended early');
      rm(partial, { force: true }).then(
        () => resolve({ stored: false, reason }),
        () => resolve({ stored: false, reason }),
      );
    });
    if ((source as Readable & { truncated?: boolean }).truncated === true) abandon('too-large');
    else {
      if (onChunk) source.on('data', onChunk);
      source.pipe(out);
    }
  });
}
