// SHA-256 in pieces, for files too big to hand to `crypto.subtle` whole (it cannot hash
// incrementally): a small WebAssembly SHA-256 of ours (`sha256-hasher.ts`). `npm run bench --
// hash` compares it with hash-wasm's SHA-256, which it replaced (as fast in Chromium for under a third
// of the download), and with @noble/hashes in plain JavaScript (about a third as fast).

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
 * A new incremental SHA-256 (async: its code is loaded on first use, so only pages that hash big
 * files fetch it). Rejects where WebAssembly is not allowed (a CSP without `'wasm-unsafe-eval'`).
 */
export async function createSha256Hasher(): Promise<Sha256Hasher> {
  const { createWasmSha256Hasher } = await import('./sha256-hasher.ts');
  return createWasmSha256Hasher();
}
