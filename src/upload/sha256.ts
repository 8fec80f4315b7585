// SHA-256 in pieces, for files too big to hand to `crypto.subtle` whole (it cannot hash
// incrementally): hash-wasm's WebAssembly SHA-256, the fastest incremental one measured here in
// Chromium (`npm run bench -- hash`: about 2× a plain-TypeScript SHA-256 and 4× @noble/hashes).

/** An incremental SHA-256: feed bytes as they arrive, in pieces of any size, then read the digest. */
export interface Sha256Hasher {
  /** Hashes the next bytes (any length, including 0). */
  update(bytes: Uint8Array): void;
  /** Lowercase hex digest of every byte fed since creation or the last `reset`; more bytes may follow. */
  digestHex(): string;
  /** Forgets every byte fed: the hasher is as new. */
  reset(): void;
}

/**
 * A new incremental SHA-256 (async: hash-wasm, about 6 KB brotli, is loaded and its WebAssembly
 * compiled on first use, so only pages that hash big files fetch it).
 */
export async function createSha256Hasher(): Promise<Sha256Hasher> {
  const { createSHA256 } = await import('./wasm-sha256.ts');
  const hasher = await createSHA256();
  hasher.init();
  return {
    update(bytes) {
      hasher.update(bytes);
    },
    digestHex() {
      // Reading the digest ends a hash-wasm hasher; its saved state lets more bytes follow.
      const state = hasher.save();
      const hex = hasher.digest('hex');
      hasher.load(state);
      return hex;
    },
    reset() {
      hasher.init();
    },
  };
}
