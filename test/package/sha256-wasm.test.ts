import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain JavaScript module
import { OUTPUT, sha256WasmSource, sha256Wasm } from '../../scripts/sha256-wasm.mjs';

describe('the WebAssembly SHA-256 (scripts/sha256-wasm.mjs)', () => {
  it('is what src/upload/sha256-wasm.ts carries (run `node scripts/sha256-wasm.mjs` after changing it)', async () => {
    assert.equal(readFileSync(OUTPUT, 'utf8'), await sha256WasmSource());
  });

  it('compresses blocks as Node’s SHA-256 does (one padded block, then 1000)', async () => {
    const { exports } = (await WebAssembly.instantiate(await sha256Wasm())).instance as unknown as {
      exports: { memory: WebAssembly.Memory; blocks(at: number, count: number): void };
    };
    const hashOf = (message: Uint8Array) => {
      const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
      padded.set(message);
      padded[message.length] = 0x80;
      new DataView(padded.buffer).setUint32(padded.length - 4, message.length * 8);
      new Uint32Array(exports.memory.buffer, 512, 8).set([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
      new Uint8Array(exports.memory.buffer).set(padded, 1024);
      exports.blocks(1024, padded.length / 64);
      return Array.from(new Uint32Array(exports.memory.buffer, 512, 8), (word) => word.toString(16).padStart(8, '0')).join('');
    };
    for (const length of [3, 64_000 - 9]) {
      const message = Uint8Array.from({ length }, (_, index) => (index * 31 + 7) & 255);
      assert.equal(hashOf(message), createHash('sha256').update(message).digest('hex'), `${length} bytes`);
    }
  });
});
