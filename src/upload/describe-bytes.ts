import { sha256Hex } from './hash.ts';
import { describeImage, type FileDescription } from './thumbnails.ts';

/** What can be asked of a file's bytes: a quick description, or the hash of every byte. */
export type ByteTask = 'describe' | 'hash';

/**
 * What a file's bytes say, wherever this runs (the thumbnail worker, or the page as a fallback).
 * `describe`: for an image, size, thumbnail (of at most `maxThumbnailChars`) and placeholder;
 * quick, as it reads only what the picture needs. `hash`: the `sha256`, reading every byte, run
 * beside the upload. A part that fails is left out.
 */
export async function describeBytes(file: Blob, task: ByteTask, isImage: boolean, maxThumbnailChars: number): Promise<FileDescription> {
  if (task === 'hash') {
    const sha256 = await sha256Hex(file).catch(() => undefined);
    return sha256 ? { sha256 } : {};
  }
  return isImage ? describeImage(file, maxThumbnailChars).catch(() => ({})) : {};
}
