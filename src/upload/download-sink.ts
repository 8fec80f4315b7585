import type { Sha256Hasher } from './sha256.ts';

/** Bytes gathered before they are packed into a Blob part (so at most this much is ever held twice). */
export const SINK_FLUSH_BYTES = 1024 * 1024;

/** Where a download's bytes go as they arrive, across resumed requests, in order. */
export interface ByteSink {
  /** Bytes taken so far. */
  readonly received: number;
  /** Takes the next bytes of the file (and hashes them, when hashing). */
  push(chunk: Uint8Array): void;
  /** Forgets every byte taken: the download starts over from byte 0. */
  reset(): void;
  /** The whole file as one Blob of `type`, made of the parts (no copy of their bytes). */
  blob(type: string): Blob;
  /** Hex sha256 of every byte taken, when made with a hasher. */
  digest(): string | undefined;
}

/**
 * A sink that packs chunks into Blob parts of about `SINK_FLUSH_BYTES`, so a large download lives
 * in the browser's blob storage rather than as a growing list of buffers, and the final Blob is
 * stitched from the parts without copying them. With a `hasher`, bytes are hashed as they pass.
 */
export function createByteSink(hasher?: Sha256Hasher): ByteSink {
  let parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let received = 0;
  const flush = () => {
    if (pending.length === 0) return;
    parts.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  return {
    get received() {
      return received;
    },
    push(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      received += chunk.byteLength;
      hasher?.update(chunk);
      if (pendingBytes >= SINK_FLUSH_BYTES) flush();
    },
    reset() {
      parts = [];
      pending = [];
      pendingBytes = 0;
      received = 0;
      hasher?.reset();
    },
    blob(type) {
      flush();
      return new Blob(parts, { type });
    },
    digest() {
      return hasher?.digestHex();
    },
  };
}
