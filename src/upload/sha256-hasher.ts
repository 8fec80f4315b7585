// The incremental SHA-256 of `sha256.ts`: the block compression runs in a small WebAssembly
// module of ours (scripts/sha256-wasm.mjs makes it, 1.9 KB), the padding and the pieces here.
import type { Sha256Hasher } from './sha256.ts';
import { base64ToBytes } from '../model/base64.ts';
import { SHA256_WASM } from './sha256-wasm.ts';

interface Sha256Exports {
  memory: WebAssembly.Memory;
  /** Compresses `count` 64-byte blocks from byte `at` into the hash value at `STATE`. */
  blocks(at: number, count: number): void;
}

/** Where the module keeps the hash value (8 little-endian words), and where input goes, and how much fits. */
const STATE = 512;
const INPUT = 1024;
const INPUT_BYTES = 16 * 65536;
const INITIAL_STATE = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/**
 * A new incremental SHA-256, its WebAssembly compiled for it (well under a millisecond). Rejects
 * where WebAssembly is not allowed (a CSP without `'wasm-unsafe-eval'`).
 */
export async function createWasmSha256Hasher(): Promise<Sha256Hasher> {
  const wasm = base64ToBytes(SHA256_WASM);
  const { memory, blocks } = (await WebAssembly.instantiate(wasm)).instance.exports as unknown as Sha256Exports;
  const bytes = new Uint8Array(memory.buffer);
  const state = new Uint32Array(memory.buffer, STATE, 8);
  /** Bytes fed so far; the last `length % 64` wait at `INPUT` for their block to fill. */
  let length = 0;
  const hasher: Sha256Hasher = {
    update(input) {
      for (let offset = 0; offset < input.length; ) {
        const waiting = length % 64;
        const taken = Math.min(input.length - offset, INPUT_BYTES - waiting);
        bytes.set(input.subarray(offset, offset + taken), INPUT + waiting);
        const full = Math.floor((waiting + taken) / 64);
        blocks(INPUT, full);
        bytes.copyWithin(INPUT, INPUT + full * 64, INPUT + waiting + taken);
        length += taken;
        offset += taken;
      }
    },
    digestHex() {
      const saved = state.slice();
      const waiting = length % 64;
      // 0x80, zeros, then the length in bits as a big-endian 64-bit number, ending a block.
      const padded = waiting < 56 ? 64 : 128;
      bytes.fill(0, INPUT + waiting, INPUT + padded);
      bytes[INPUT + waiting] = 0x80;
      const view = new DataView(memory.buffer, INPUT + padded - 8, 8);
      view.setUint32(0, Math.floor(length / 2 ** 29));
      view.setUint32(4, (length * 8) >>> 0);
      blocks(INPUT, padded / 64);
      const hex = Array.from(state, (word) => word.toString(16).padStart(8, '0')).join('');
      state.set(saved);
      return hex;
    },
    reset() {
      state.set(INITIAL_STATE);
      length = 0;
    },
  };
  hasher.reset();
  return hasher;
}
