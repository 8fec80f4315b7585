import { createSha256Hasher } from './sha256.ts';

export { createSha256Hasher, type Sha256Hasher } from './sha256.ts';

/** How much of a file is read at a time while hashing: big files are never copied whole into memory. */
export const HASH_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Hex sha256 of a blob's bytes, read `chunkBytes` at a time and fed to an incremental hasher
 * (`crypto.subtle.digest` needs the whole file in one buffer).
 */
export async function sha256Hex(blob: Blob, chunkBytes = HASH_CHUNK_BYTES): Promise<string> {
  const hasher = createSha256Hasher();
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
