// hash-wasm's SHA-256 alone, so the build gives it a chunk of its own, named for what it is,
// loaded only when a file over 64 MiB is hashed (see sha256.ts).
export { createSHA256 } from 'hash-wasm';
