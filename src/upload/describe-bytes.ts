import { sha256Hex } from './hash.ts';
import { describeImage, type FileDescription } from './thumbnails.ts';

/**
 * What a file's bytes say, wherever this runs (the thumbnail worker, or the page as a fallback):
 * its sha256 and, for an image, size, thumbnail (of at most `maxThumbnailChars`) and placeholder.
 * A part that fails is left out.
 */
export async function describeBytes(file: Blob, isImage: boolean, maxThumbnailChars: number): Promise<FileDescription> {
  const [sha256, image] = await Promise.all([
    sha256Hex(file).catch(() => undefined),
    isImage ? describeImage(file, maxThumbnailChars).catch(() => ({})) : {},
  ]);
  return sha256 ? { ...image, sha256 } : image;
}
