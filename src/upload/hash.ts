import { createSha256Hasher } from './sha256.ts';

export { createSha256Hasher, type Sha256Hasher } from './sha256.ts';

/** How much of a file is read at a time while hashing: big files are never copied whole into memory. */
export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Files up to this size are hashed in one go by `crypto.subtle`: native, about 2.5× the
 * incremental hasher (~550 against ~210 MB/s in Chromium, `npm run bench -- hash`), at the cost of
 * holding the file in memory once while it is hashed (in the thumbnail worker). `crypto.subtle`
 * cannot hash in pieces; bigger files, and any file whose whole read fails (memory), go to the
 * incremental hasher (our WebAssembly SHA-256), read a chunk at a time, which keeps a phone's
 * memory bounded; it runs beside the upload, so it delays the message only where it is slower
 * than the upload.
 */
export const WHOLE_FILE_HASH_BYTES = 64 * 1024 * 1024;

/**
 * Hex sha256 of a blob's bytes: by `crypto.subtle` up to `wholeUpTo` bytes (where there is one:
 * secure contexts), else read `chunkBytes` at a time and fed to the incremental hasher, so a big
 * file is never copied whole into memory.
 */
export async function sha256Hex(blob: Blob, chunkBytes = HASH_CHUNK_BYTES, wholeUpTo = WHOLE_FILE_HASH_BYTES): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle && blob.size <= wholeUpTo) {
    const whole = await blob.arrayBuffer().catch(() => undefined);
    if (whole) {
      const digest = new Uint8Array(await subtle.digest('SHA-256', whole));
      return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
    }
  }
  const hasher = await createSha256Hasher();
  const read = (offset: number) => blob.slice(offset, Math.min(blob.size, offset + chunkBytes)).arrayBuffer();
  let next = blob.size > 0 ? read(0) : undefined;
  for (let offset = 0; next; offset += chunkBytes) {
    const chunk = await next;
    // The next read runs while this chunk is hashed.
    next = offset + chunkBytes < blob.size ? read(offset + chunkBytes) : undefined;
    hasher.update(new Uint8Array(chunk));
  }
  return hasher.digestHex();
}
